namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Names people use that ICU's display names do not give, in the bot's languages. Small on purpose: everything
/// else comes from .NET's cultures (see <see cref="LanguageNameIndex"/>).
/// </summary>
internal static class LanguageAliases
{
    private static readonly (string Name, string Culture)[] English =
    [
        ("Traditional Chinese", "zh-Hant"), ("Simplified Chinese", "zh-Hans"), ("Mandarin", "zh"), ("Farsi", "fa"),
    ];

    private static readonly (string Name, string Culture)[] French =
    [
        ("chinois traditionnel", "zh-Hant"), ("chinois simplifié", "zh-Hans"), ("mandarin", "zh"),
        // The feminine adjective, as in "la langue française".
        ("française", "fr"), ("anglaise", "en"), ("allemande", "de"), ("espagnole", "es"), ("italienne", "it"), ("chinoise", "zh"),
    ];

    private static readonly (string Name, string Culture)[] TraditionalChinese =
    [
        ("繁體中文", "zh-Hant"), ("正體中文", "zh-Hant"), ("繁体中文", "zh-Hant"), ("簡體中文", "zh-Hans"), ("简体中文", "zh-Hans"),
        ("國語", "zh"), ("華語", "zh"), ("普通話", "zh"), ("漢語", "zh"), ("汉语", "zh"), ("中國話", "zh"),
    ];

    public static IEnumerable<(string Name, string Culture)> In(string botLanguage) => botLanguage switch
    {
        BotLanguage.French => French,
        BotLanguage.TraditionalChinese => TraditionalChinese,
        _ => English,
    };

    /// <summary>
    /// ICU names languages "法文", "日文" in Traditional Chinese; people also say "法語", "日語" (and "法语" in
    /// Simplified script). A folded name ending in 文 also yields those forms.
    /// </summary>
    public static IEnumerable<string> Variants(string folded)
    {
        yield return folded;
        if (folded.Length > 1 && folded[^1] == '文')
        {
            yield return folded[..^1] + "語";
            yield return folded[..^1] + "语";
        }
    }

    /// <summary>Bare language codes that are also everyday English or French words ("hi", "no", "si"): not read as codes.</summary>
    public static bool IsEverydayWord(string bareCode) => EverydayWords.Contains(bareCode);

    private static readonly HashSet<string> EverydayWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "hi", "no", "so", "to", "as", "am", "be", "my", "is", "or", "ne", "se", "si", "ha", "mer", "ses", "bas", "mas", "sat",
    };
}
