using RewardsBot.Dialogs.Content;

namespace RewardsBot.Bench.Scripts;

/// <summary>The bot's English words (from <c>dialogs/</c>), for the markers a reply must contain and the buttons to click.</summary>
internal static class Say
{
    private const string Locale = "en-US";

    /// <summary>The text of <paramref name="key"/> with its placeholders filled.</summary>
    public static string Text(string key, params (string Name, object? Value)[] values) => BotTexts.Default.Get(key, Locale, values);

    /// <summary>The text of <paramref name="key"/> up to its first placeholder: matches whatever fills it.</summary>
    public static string Prefix(string key)
    {
        var text = BotTexts.Default.Get(key, Locale);
        var placeholder = text.IndexOf('{', StringComparison.Ordinal);
        return placeholder < 0 ? text : text[..placeholder];
    }
}
