namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Whole numbers written in English or French words: "twenty-one", "one hundred and five", "a thousand",
/// "vingt et un", "soixante-dix", "quatre-vingt-dix-neuf", "deux cents", "mille". Tokens are normalized words
/// (no accents, hyphens split); a token of up to three digits counts as a number too ("2 thousand").
/// </summary>
internal static class NumberWords
{
    private static readonly Lexicon English = new(
        Words: Merge(
            Values(1, "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
            Tens("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
            [("hundred", new Word(Kind.Hundred, 100)), ("thousand", new Word(Kind.Scale, 1_000)), ("million", new Word(Kind.Scale, 1_000_000)),
             ("and", new Word(Kind.Connector, 0)), ("a", new Word(Kind.Article, 1))]),
        Zero: ["zero"],
        Minus: ["minus", "negative"],
        BareMultipliers: false,
        Combine: CombineEnglish,
        ConnectorAllowed: (previous, _) => previous is Kind.Hundred or Kind.Scale);

    private static readonly Lexicon French = new(
        Words: Merge(
            Values(1, "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
                "treize", "quatorze", "quinze", "seize"),
            [("une", new Word(Kind.Small, 1)), ("vingts", new Word(Kind.Small, 20))],
            Tens("vingt", "trente", "quarante", "cinquante", "soixante", "septante", "huitante", "nonante"),
            [("octante", new Word(Kind.Small, 80)), ("cent", new Word(Kind.Hundred, 100)), ("cents", new Word(Kind.Hundred, 100)),
             ("mille", new Word(Kind.Scale, 1_000)), ("mil", new Word(Kind.Scale, 1_000)),
             ("million", new Word(Kind.Scale, 1_000_000)), ("millions", new Word(Kind.Scale, 1_000_000)),
             ("et", new Word(Kind.Connector, 0))]),
        Zero: ["zero"],
        Minus: ["moins"],
        BareMultipliers: true,
        Combine: CombineFrench,
        ConnectorAllowed: (previous, below) => previous is Kind.Scale || (previous is Kind.Small && below >= 20 && below % 10 == 0));

    private enum Kind
    {
        Small,
        Hundred,
        Scale,
        Connector,
        Article,
    }

    public static long? ParseEnglish(IReadOnlyList<string> tokens) => Parse(tokens, English);

    public static long? ParseFrench(IReadOnlyList<string> tokens) => Parse(tokens, French);

    private static long? Parse(IReadOnlyList<string> tokens, Lexicon lexicon)
    {
        var start = tokens.Count > 1 && lexicon.Minus.Contains(tokens[0]) ? 1 : 0;
        var sign = start == 1 ? -1 : 1;
        if (tokens.Count - start == 1 && lexicon.Zero.Contains(tokens[start]))
        {
            return 0;
        }

        long total = 0, hundreds = 0, below = 0, lastScale = long.MaxValue;
        Kind? previous = null;
        for (var i = start; i < tokens.Count; i++)
        {
            var word = Lookup(tokens[i], lexicon);
            var next = i + 1 < tokens.Count ? Lookup(tokens[i + 1], lexicon) : null;
            switch (word?.Kind)
            {
                case Kind.Connector when previous is { } kind && lexicon.ConnectorAllowed(kind, below) && next?.Kind == Kind.Small:
                    break;
                case Kind.Article when below == 0 && previous is null && next?.Kind is Kind.Hundred or Kind.Scale:
                    below = 1;
                    break;
                case Kind.Small when word.Value >= 100:
                    if (below != 0 || hundreds != 0)
                    {
                        return null;
                    }

                    below = word.Value;
                    break;
                case Kind.Small:
                    if (lexicon.Combine(below, word.Value) is not { } combined)
                    {
                        return null;
                    }

                    below = combined;
                    break;
                case Kind.Hundred when hundreds == 0 && below < 100 && (below > 0 || lexicon.BareMultipliers):
                    hundreds = Math.Max(below, 1) * 100;
                    below = 0;
                    break;
                case Kind.Scale when word.Value < lastScale && (hundreds + below > 0 || lexicon.BareMultipliers):
                    total += Math.Max(hundreds + below, 1) * word.Value;
                    hundreds = below = 0;
                    lastScale = word.Value;
                    break;
                default:
                    return null;
            }

            previous = word.Kind;
        }

        return previous is null or Kind.Connector ? null : sign * (total + hundreds + below);
    }

    private static Word? Lookup(string token, Lexicon lexicon)
    {
        if (token.Length is > 0 and <= 3 && token.All(char.IsAsciiDigit) && token.Any(c => c != '0'))
        {
            return new Word(Kind.Small, long.Parse(token, System.Globalization.CultureInfo.InvariantCulture));
        }

        return lexicon.Words.GetValueOrDefault(token);
    }

    private static long? CombineEnglish(long below, long value) => value switch
    {
        _ when below == 0 => value,
        < 10 when below >= 20 && below % 10 == 0 => below + value,
        _ => null,
    };

    private static long? CombineFrench(long below, long value) => value switch
    {
        _ when below == 0 => value,
        20 when below == 4 => 80, // quatre-vingt(s)
        >= 7 and <= 9 when below == 10 => below + value, // dix-sept
        < 10 when below >= 20 && below % 10 == 0 => below + value, // vingt-deux, soixante-dix-sept
        >= 10 and <= 16 when below is 60 or 80 => below + value, // soixante-dix, quatre-vingt-onze
        _ => null,
    };

    private static Dictionary<string, Word> Merge(params IEnumerable<(string Text, Word Word)>[] parts) =>
        parts.SelectMany(part => part).ToDictionary(entry => entry.Text, entry => entry.Word, StringComparer.Ordinal);

    private static IEnumerable<(string, Word)> Values(long first, params string[] words) =>
        words.Select((text, index) => (text, new Word(Kind.Small, first + index)));

    private static IEnumerable<(string, Word)> Tens(params string[] words) =>
        words.Select((text, index) => (text, new Word(Kind.Small, 20 + (10 * index))));

    private sealed record Word(Kind Kind, long Value);

    private sealed record Lexicon(
        IReadOnlyDictionary<string, Word> Words,
        IReadOnlyList<string> Zero,
        IReadOnlyList<string> Minus,
        bool BareMultipliers,
        Func<long, long, long?> Combine,
        Func<Kind, long, bool> ConnectorAllowed);
}
