using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// The words people type in the marketing contact flow ("change the phone", "changer le téléphone", "更改電話"): texts
/// <c>contact.keywords.*</c>, alternatives separated by <c>|</c>, understood in every language of the bot.
/// </summary>
internal static class ContactWords
{
    /// <summary>The alternatives of <paramref name="key"/> in every language.</summary>
    public static IReadOnlyList<string> InAllLanguages(ITextCatalog texts, string key)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return BotLanguage.All
            .SelectMany(language => texts.Get(key, language).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when the whole of <paramref name="text"/> is one of the alternatives of <paramref name="key"/>.</summary>
    public static bool IsOneOf(string text, ITextCatalog texts, string key)
    {
        var said = TextNormalizer.Normalize(text);
        return said.Length > 0 && InAllLanguages(texts, key).Any(word => TextNormalizer.Normalize(word) == said);
    }

    /// <summary>
    /// The length of the longest alternative of <paramref name="key"/> that <paramref name="text"/> contains, 0 when none:
    /// Latin words as whole words (a final "s" allowed), Chinese ones anywhere.
    /// </summary>
    public static int LongestIn(string text, ITextCatalog texts, string key)
    {
        var said = " " + TextNormalizer.Normalize(text) + " ";
        return InAllLanguages(texts, key)
            .Select(TextNormalizer.Normalize)
            .Where(word => word.Length > 0 && Contains(said, word))
            .Select(word => word.Length)
            .DefaultIfEmpty(0)
            .Max();
    }

    private static bool Contains(string said, string word)
    {
        if (word.Any(c => c > '\u2E7F'))
        {
            return said.Contains(word, StringComparison.Ordinal); // Chinese: no spaces between words
        }

        for (var at = said.IndexOf(word, StringComparison.Ordinal); at >= 0; at = said.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if (end < said.Length && said[end] == 's')
            {
                end++;
            }

            if (!char.IsLetterOrDigit(said[at - 1]) && !char.IsLetterOrDigit(said[end]))
            {
                return true;
            }
        }

        return false;
    }
}
