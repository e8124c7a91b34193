using System.Globalization;
using System.Text;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>How language names and what users type are compared, and the few words people wrap a language in.</summary>
internal static class LanguageText
{
    /// <summary>Wrappers in the bot's languages, folded; longest first so "in the " wins over "in ".</summary>
    private static readonly string[] Prefixes = Longest([
        "in ", "in the ", "the ", "i prefer ", "prefer ", "i speak ", "language:", "language ",
        "en ", "le ", "la ", "l'", "langue:", "langue ", "la langue ", "je prefere ", "je parle ",
        "用", "請用", "请用", "說", "说", "講", "讲", "我說", "我说", "我要",
    ]);

    private static readonly string[] Suffixes = Longest([
        " please", " pls", " language", " s'il vous plait", " s'il te plait", " svp", " stp", " merci", "就好", "吧", "謝謝", "谢谢",
    ]);

    private const string EdgePunctuation = " .,;:!?\"'«»“”‘’「」『』。，、！？：；";

    /// <summary>Compatibility-folded (full width → ASCII), without diacritics, lower case, single spaces, none around parentheses.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] is not ' ' and not '(')
                {
                    builder.Append(' ');
                }
            }
            else if (c is ')' or '(' && builder.Length > 0 && builder[^1] == ' ')
            {
                builder[^1] = c;
            }
            else
            {
                builder.Append(c is '\u2019' or '\u02BC' ? '\'' : char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC).Trim();
    }

    /// <summary>The folded text, then the same with one wrapper after another taken off ("in French please" → "french please" → "french").</summary>
    public static IEnumerable<string> Readings(string folded)
    {
        var current = folded.Trim(EdgePunctuation.ToCharArray());
        for (var step = 0; step < 4 && current.Length > 0; step++)
        {
            yield return current;
            var prefix = Prefixes.FirstOrDefault(p => current.StartsWith(p, StringComparison.Ordinal) && current.Length > p.Length);
            var suffix = Suffixes.FirstOrDefault(s => current.EndsWith(s, StringComparison.Ordinal) && current.Length > s.Length);
            if (prefix is null && suffix is null)
            {
                yield break;
            }

            current = prefix is not null ? current[prefix.Length..] : current[..^suffix!.Length];
            current = current.Trim(EdgePunctuation.ToCharArray());
        }
    }

    private static string[] Longest(string[] words) => [.. words.OrderByDescending(w => w.Length)];
}
