namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>What a known phrase says about a yes/no answer.</summary>
internal enum BooleanPhraseKind
{
    Yes,
    No,

    /// <summary>Words that may go with an answer without changing it: "please", "merci", "謝謝", "啊".</summary>
    Filler,
}

/// <summary>
/// Reads a whole utterance as a sequence of known phrases, longest first from the left, so that "of course not" is one
/// phrase and not "of course" + "not". Each language has its own table; when two tables know the same words with a
/// different meaning, the table of the utterance's language wins.
/// </summary>
internal sealed class BooleanPhraseMatcher
{
    private readonly Dictionary<string, IReadOnlyList<Phrase>> _phrasesByLanguage;

    public BooleanPhraseMatcher(IReadOnlyDictionary<string, IReadOnlyList<(string Text, BooleanPhraseKind Kind)>> tables)
    {
        _phrasesByLanguage = tables.ToDictionary(
            table => table.Key,
            table => (IReadOnlyList<Phrase>)table.Value
                .Select(entry => new Phrase(TextNormalizer.Tokenize(TextNormalizer.Normalize(entry.Text)), entry.Kind))
                .Where(phrase => phrase.Tokens.Count > 0)
                .OrderByDescending(phrase => phrase.Tokens.Count)
                .ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// True when the utterance is only yes-phrases and fillers, false when only no-phrases and fillers; null when it
    /// holds an unknown word, both a yes and a no, or nothing but fillers.
    /// </summary>
    public bool? Match(IReadOnlyList<string> tokens, string language)
    {
        var languages = _phrasesByLanguage.Keys
            .OrderBy(key => string.Equals(key, language, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(key => key, StringComparer.Ordinal)
            .ToList();

        bool sawYes = false, sawNo = false;
        var position = 0;
        while (position < tokens.Count)
        {
            Phrase? best = null;
            foreach (var candidate in languages)
            {
                var found = _phrasesByLanguage[candidate].FirstOrDefault(phrase => StartsAt(tokens, position, phrase.Tokens));
                if (found is not null && (best is null || found.Tokens.Count > best.Tokens.Count))
                {
                    best = found;
                }
            }

            if (best is null)
            {
                return null;
            }

            sawYes |= best.Kind == BooleanPhraseKind.Yes;
            sawNo |= best.Kind == BooleanPhraseKind.No;
            position += best.Tokens.Count;
        }

        return (sawYes, sawNo) switch
        {
            (true, false) => true,
            (false, true) => false,
            _ => null,
        };
    }

    private static bool StartsAt(IReadOnlyList<string> tokens, int position, IReadOnlyList<string> phrase)
    {
        if (position + phrase.Count > tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < phrase.Count; i++)
        {
            if (!string.Equals(tokens[position + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Phrase(IReadOnlyList<string> Tokens, BooleanPhraseKind Kind);
}
