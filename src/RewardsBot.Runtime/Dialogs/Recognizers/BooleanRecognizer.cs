namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Reads a whole utterance as a yes or a no, in English, French and Traditional Chinese whatever the locale (people mix
/// languages); the locale's words win when languages disagree. Short companions are allowed ("yes please",
/// "non merci", "好的謝謝", "不用了"), a yes or no inside a longer sentence is not.
/// </summary>
public static class BooleanRecognizer
{
    private static readonly BooleanPhraseMatcher Matcher = new(BooleanPhrases.Tables);

    /// <summary>
    /// True for a yes, false for a no; null when the text is empty, holds anything but yes/no words and fillers, holds
    /// both a yes and a no ("yes no", "是不是"), or is a command such as "cancel".
    /// </summary>
    public static bool? Recognize(string? text, string? locale)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var tokens = TextNormalizer.Tokenize(TextNormalizer.Normalize(text));
        return tokens.Count == 0 ? null : Matcher.Match(tokens, BotLanguage.FromLocale(locale));
    }
}
