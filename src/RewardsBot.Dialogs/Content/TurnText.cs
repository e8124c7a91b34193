using System.Globalization;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Content;

/// <summary>The words of dialogs/ in the turn's language, and numbers and dates formatted for it.</summary>
public static class TurnText
{
    /// <summary>The text <paramref name="key"/> in the turn's language, with its placeholders filled.</summary>
    public static string Say(this ITurnContext turnContext, string key, params (string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.GetTextCatalog().Get(key, turnContext.Activity.Locale, values);
    }

    /// <summary>Sends the text <paramref name="key"/> as a message.</summary>
    public static Task SendTextAsync(this ITurnContext turnContext, string key, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(turnContext.Say(key, values), cancellationToken: cancellationToken);
    }

    /// <summary>The chat language: en, fr or zh-TW.</summary>
    public static string Language(this ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return BotLanguage.FromLocale(turnContext.Activity.Locale);
    }

    public static CultureInfo Culture(this ITurnContext turnContext) => CultureInfo.GetCultureInfo(turnContext.Language());

    /// <summary>A date (UTC) as the chat language writes it in full: "Friday, 27 November 2026", "vendredi 27 novembre 2026", "2026年11月27日 星期五".</summary>
    public static string FormatDate(this ITurnContext turnContext, DateTimeOffset value)
        => value.UtcDateTime.ToString("D", turnContext.Culture());

    /// <summary>An amount in US dollars, grouped as the chat language groups digits.</summary>
    public static string FormatUsd(this ITurnContext turnContext, decimal amount)
    {
        var culture = turnContext.Culture();
        return turnContext.Say("common.usd", ("amount", amount.ToString("#,0", culture)));
    }

    /// <summary>Items joined as the chat language lists alternatives ("A, B or C").</summary>
    public static string JoinOr(this ITurnContext turnContext, IReadOnlyList<string> items)
        => Join(turnContext, items, "common.or");

    /// <summary>Items joined as the chat language lists them ("A, B and C").</summary>
    public static string JoinAnd(this ITurnContext turnContext, IReadOnlyList<string> items)
        => Join(turnContext, items, "common.and");

    private static string Join(ITurnContext turnContext, IReadOnlyList<string> items, string lastSeparatorKey)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count <= 1)
        {
            return items.Count == 0 ? string.Empty : items[0];
        }

        var separator = turnContext.Say("common.separator");
        return string.Join(separator, items.Take(items.Count - 1)) + turnContext.Say(lastSeparatorKey) + items[^1];
    }
}
