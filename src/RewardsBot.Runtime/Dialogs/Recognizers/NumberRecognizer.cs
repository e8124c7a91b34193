namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Reads an utterance that is a number and nothing else: digits with the locale's separators ("1,234.5",
/// "1 234,5", "１２"), or words in English, French or Chinese ("twenty-one", "quatre-vingt-dix", "一百零五").
/// Hedges around the number are allowed ("about 12", "environ 12", "大約十二個"); anything else is not ("12 or 13",
/// "12 €", "Help Desk Inc"). Words of every language are read whatever the locale; the locale's are tried first.
/// </summary>
public static class NumberRecognizer
{
    private static readonly string[] LeadingHedges =
    [
        "about", "around", "approximately", "approx", "roughly", "maybe", "probably", "perhaps", "exactly", "just", "only",
        "nearly", "almost", "like", "it's", "its", "it is", "i'd say", "i would say", "i think", "let's say", "say",
        "environ", "a peu pres", "peut-etre", "peut etre", "exactement", "juste", "seulement", "presque", "disons",
        "je dirais", "je pense", "c'est", "vers", "pres de", "autour de",
        "大約", "大约", "大概", "約", "约", "差不多", "應該是", "应该是", "應該", "应该", "可能", "也許", "也许", "就", "只有", "總共", "总共", "共", "是",
    ];

    private static readonly string[] TrailingHedges =
    [
        "or so", "i think", "i guess", "please", "thanks", "thank you", "environ", "a peu pres", "je pense", "je dirais",
        "merci", "svp", "s'il vous plait", "s'il te plait",
        "左右", "上下", "個", "个", "吧", "謝謝", "谢谢", "喔", "啦",
    ];

    /// <summary>The number, or null when the text is empty, not a number, or more than one number.</summary>
    public static decimal? Recognize(string? text, string? locale)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var core = StripHedges(TextNormalizer.Normalize(text));
        return core.Length == 0 ? null : NumberDigits.Parse(core, locale) ?? ParseWords(core, BotLanguage.FromLocale(locale));
    }

    /// <summary>A whole number in words (or digits and words) of any of the bot's languages, the given language first.</summary>
    private static decimal? ParseWords(string normalized, string language)
    {
        if (TextNormalizer.ContainsCjk(normalized))
        {
            return normalized.EnumerateRunes().All(r => r.Value is ' ' or '-' or (>= '0' and <= '9') || TextNormalizer.IsCjk(r))
                ? NumberChineseNumerals.Parse(normalized)
                : null;
        }

        var hyphensJoinWords = Enumerable.Range(0, normalized.Length)
            .Where(i => normalized[i] == '-')
            .All(i => i > 0 && i < normalized.Length - 1 && char.IsLetter(normalized[i - 1]) && char.IsLetter(normalized[i + 1]));
        if (!hyphensJoinWords || !normalized.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '\''))
        {
            return null; // "$12", "12 %", and "- 3" whose sign would be lost
        }

        var tokens = TextNormalizer.Tokenize(normalized);
        return language == BotLanguage.French
            ? NumberWords.ParseFrench(tokens) ?? NumberWords.ParseEnglish(tokens)
            : NumberWords.ParseEnglish(tokens) ?? NumberWords.ParseFrench(tokens);
    }

    private static string StripHedges(string text)
    {
        string previous;
        do
        {
            previous = text;
            foreach (var hedge in LeadingHedges)
            {
                if (Bounded(text, hedge, atStart: true))
                {
                    text = TextNormalizer.Normalize(text[hedge.Length..]);
                }
            }

            foreach (var hedge in TrailingHedges)
            {
                if (Bounded(text, hedge, atStart: false))
                {
                    text = TextNormalizer.Normalize(text[..^hedge.Length]);
                }
            }
        }
        while (!string.Equals(text, previous, StringComparison.Ordinal));

        return text;
    }

    /// <summary>True when the hedge starts (or ends) the text as a whole word; CJK hedges need no space.</summary>
    private static bool Bounded(string text, string hedge, bool atStart)
    {
        if (text.Length <= hedge.Length
            || !(atStart ? text.StartsWith(hedge, StringComparison.Ordinal) : text.EndsWith(hedge, StringComparison.Ordinal)))
        {
            return false;
        }

        return TextNormalizer.ContainsCjk(hedge) || (atStart ? text[hedge.Length] == ' ' : text[^(hedge.Length + 1)] == ' ');
    }
}
