using System.Globalization;
using System.Text;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Puts an utterance in the one shape every recognizer compares against: "  Oui ! ", "OUI" and "oui." all become "oui",
/// "ＡＢＣ１２３" becomes "abc123", "Crédit" becomes "credit". Chinese and Japanese characters are kept as they are.
/// </summary>
public static class TextNormalizer
{
    // Stripped from the start of an utterance. '.' and ',' only when no digit follows (".5" is a number).
    private const string LeadingPunctuation = "¿¡\"'([{«“‘「『【《〈.,;:!?…、。·*";

    // Stripped from the end of an utterance.
    private const string TrailingPunctuation = ".!?,;:…。、~\"')]}»”’」』】》〉";

    /// <summary>
    /// Trims, collapses every kind of white space to one space, lower-cases (invariant), removes diacritics from
    /// Latin letters, maps full-width forms to ASCII, unifies apostrophes and dashes, and strips the punctuation
    /// around the utterance (not inside it: "d'accord", "1 234,5" and "c++" keep theirs).
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var mapped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            mapped.Append(char.ToLowerInvariant(MapForm(c)));
        }

        var decomposed = mapped.ToString().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastBaseIsLatin = false;
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (IsCombiningDiacritic(c))
            {
                if (!lastBaseIsLatin)
                {
                    folded.Append(c);
                }

                continue;
            }

            if (c is '\u200B' or '\u2060' or '\uFEFF')
            {
                continue; // zero-width space, word joiner, byte order mark: invisible, often pasted inside a word
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            lastBaseIsLatin = IsLatin(c);
            folded.Append(c switch
            {
                'œ' => "oe",
                'æ' => "ae",
                'ß' => "ss",
                'ø' => "o",
                'ł' => "l",
                'đ' => "d",
                _ => c.ToString(),
            });
        }

        return StripSurroundingPunctuation(folded.ToString().Normalize(NormalizationForm.FormC));
    }

    /// <summary>
    /// The words of a normalized utterance: runs of letters and digits, and each Chinese or Japanese character on its own
    /// ("non-merci" → non, merci; "d'accord" → d, accord; "第1個" → 第, 1, 個). Everything else separates words.
    /// </summary>
    internal static IReadOnlyList<string> Tokenize(string normalized)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                Flush(tokens, word);
                tokens.Add(rune.ToString());
            }
            else if (Rune.IsLetterOrDigit(rune)
                || (word.Length > 0 && Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                word.Append(rune.ToString());
            }
            else
            {
                Flush(tokens, word);
            }
        }

        Flush(tokens, word);
        return tokens;
    }

    /// <summary>True for a Han, kana or ideographic-zero character: scripts written without spaces between words.</summary>
    internal static bool IsCjk(Rune rune) => rune.Value is
        (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F)
        or (>= 0x3040 and <= 0x30FF) or 0x3007;

    internal static bool ContainsCjk(string text) => text.EnumerateRunes().Any(IsCjk);

    private static void Flush(List<string> tokens, StringBuilder word)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }

    private static char MapForm(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), // full-width ASCII
        '\u3000' => ' ',
        '\u2018' or '\u2019' or '\u201B' or '\u2032' or '\u02BC' => '\'',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' or '\uFE63' => '-',
        '\uFF61' => '。', // half-width ideographic full stop
        _ => c,
    };

    private static bool IsCombiningDiacritic(char c) => c is >= '\u0300' and <= '\u036F';

    private static bool IsLatin(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
        or (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF');

    private static string StripSurroundingPunctuation(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && (text[start] == ' ' || IsLeadingPunctuation(text, start)))
        {
            start++;
        }

        while (end > start && (text[end - 1] == ' ' || TrailingPunctuation.Contains(text[end - 1], StringComparison.Ordinal)))
        {
            end--;
        }

        return text[start..end];
    }

    private static bool IsLeadingPunctuation(string text, int index)
    {
        var c = text[index];
        if (!LeadingPunctuation.Contains(c, StringComparison.Ordinal))
        {
            return false;
        }

        var digitFollows = index + 1 < text.Length && char.IsAsciiDigit(text[index + 1]);
        return !(c is '.' or ',' && digitFollows);
    }
}
