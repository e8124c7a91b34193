namespace RewardsBot.Runtime.Dialogs;

/// <summary>The languages the bot speaks, and how a channel locale maps to one of them.</summary>
public static class BotLanguage
{
    public const string English = "en";
    public const string French = "fr";
    public const string TraditionalChinese = "zh-TW";

    public static IReadOnlyList<string> All { get; } = [English, French, TraditionalChinese];

    /// <summary>fr-* → French; zh-TW, zh-HK, zh-MO, zh-Hant* → Traditional Chinese; anything else (or nothing) → English.</summary>
    public static string FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return English;
        }

        var tag = locale.Trim().Replace('_', '-');
        if (tag.Equals("fr", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("fr-", StringComparison.OrdinalIgnoreCase))
        {
            return French;
        }

        if (tag.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
        {
            var rest = tag[3..];
            if (rest.StartsWith("Hant", StringComparison.OrdinalIgnoreCase)
                || rest.Equals("TW", StringComparison.OrdinalIgnoreCase)
                || rest.Equals("HK", StringComparison.OrdinalIgnoreCase)
                || rest.Equals("MO", StringComparison.OrdinalIgnoreCase))
            {
                return TraditionalChinese;
            }
        }

        return English;
    }
}
