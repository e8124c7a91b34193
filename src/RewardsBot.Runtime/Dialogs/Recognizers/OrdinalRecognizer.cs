using System.Globalization;
using System.Text.RegularExpressions;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Reads a position in a list: "first", "the 2nd one", "twenty-first", "la première", "1re", "2e", "vingt et unième",
/// "第一", "第 2 個", "number 3", "#3"; and the last item ("last", "dernière", "最後一個"). A bare number ("2") is not an
/// ordinal: read it with <see cref="NumberRecognizer"/>. Words of every language are read whatever the locale.
/// </summary>
public static partial class OrdinalRecognizer
{
    /// <summary>The position returned for "last", "dernier", "最後".</summary>
    public const int Last = -1;

    private static readonly HashSet<string> LastWords = new(StringComparer.Ordinal) { "last", "dernier", "derniere" };
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "the", "le", "la", "l" };
    private static readonly HashSet<string> TrailingFillers = new(StringComparer.Ordinal)
    {
        "one", "option", "choice", "item", "answer", "please", "thanks", "choix", "proposition", "reponse", "svp", "merci",
    };

    private static readonly string[] NumberSigns = ["#", "n°", "nº", "no."];

    private static readonly HashSet<string> NumberPrefixes = new(StringComparer.Ordinal)
    {
        "number", "num", "nr", "option", "choice", "item", "numero", "choix",
    };

    private static readonly Dictionary<string, string> IrregularOrdinals = new(StringComparer.Ordinal)
    {
        ["first"] = "one", ["second"] = "two", ["third"] = "three", ["fifth"] = "five", ["eighth"] = "eight",
        ["ninth"] = "nine", ["twelfth"] = "twelve", ["premier"] = "un", ["premiere"] = "un", ["seconde"] = "deux",
        ["unieme"] = "un", ["cinquieme"] = "cinq", ["neuvieme"] = "neuf",
    };

    /// <summary>The 1-based position, <see cref="Last"/>, or null when the text is not an ordinal.</summary>
    public static int? Recognize(string? text, string? locale)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = TextNormalizer.Normalize(text);
        var position = TextNormalizer.ContainsCjk(normalized) ? OrdinalChinese.Recognize(normalized) : RecognizeLatin(normalized, locale);
        return position is Last or >= 1 ? position : null;
    }

    private static int? RecognizeLatin(string normalized, string? locale)
    {
        foreach (var sign in NumberSigns)
        {
            if (normalized.StartsWith(sign, StringComparison.Ordinal) && normalized.Length > sign.Length)
            {
                normalized = "number " + normalized[sign.Length..];
            }
        }

        var tokens = TextNormalizer.Tokenize(normalized).SkipWhile(Articles.Contains).ToList();
        if (tokens.Count > 1 && NumberPrefixes.Contains(tokens[0]))
        {
            var number = NumberRecognizer.Recognize(string.Join(' ', tokens.Skip(1)), locale);
            return number is { } n && n == decimal.Truncate(n) && n is >= 1 and <= int.MaxValue ? (int)n : null;
        }

        while (tokens.Count > 1 && TrailingFillers.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        if (tokens.Count == 1 && LastWords.Contains(tokens[0]))
        {
            return Last;
        }

        if (tokens.Count == 1 && NumberWithSuffix().Match(tokens[0]) is { Success: true } match)
        {
            return int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }

        return tokens.Count == 0 ? null : FromOrdinalWord(tokens);
    }

    /// <summary>Replaces the last word ("first", "vingtieme") by its cardinal and reads the whole as a number.</summary>
    private static int? FromOrdinalWord(List<string> tokens)
    {
        var last = tokens[^1];
        var onlyAlone = last is "premier" or "premiere" or "seconde";
        if (onlyAlone && tokens.Count > 1)
        {
            return null;
        }

        var candidates = new List<string>();
        if (IrregularOrdinals.TryGetValue(last, out var irregular))
        {
            candidates.Add(irregular);
        }
        else if (last.EndsWith("ieme", StringComparison.Ordinal))
        {
            candidates.AddRange([last[..^4], last[..^4] + "e"]);
        }
        else if (last.EndsWith("ieth", StringComparison.Ordinal))
        {
            candidates.Add(last[..^4] + "y");
        }
        else if (last.EndsWith("th", StringComparison.Ordinal))
        {
            candidates.Add(last[..^2]);
        }

        foreach (var cardinal in candidates)
        {
            List<string> words = [.. tokens.SkipLast(1), cardinal];
            if ((NumberWords.ParseEnglish(words) ?? NumberWords.ParseFrench(words)) is { } value and >= 1 and <= int.MaxValue)
            {
                return (int)value;
            }
        }

        return null;
    }

    [GeneratedRegex("^([0-9]{1,9})(st|nd|rd|th|er|re|ere|e|eme|ieme|nde)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithSuffix();
}
