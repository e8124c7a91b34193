using System.Globalization;
using RewardsBot.Runtime.Dialogs.Choices;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Finds which choice an utterance picks. Rules, in order, on normalized text (the first that matches decides):
/// <list type="number">
/// <item>Exact: the utterance is a choice's value, title or synonym ("Azure sponsorship", "azure-sponsorship").</item>
/// <item>
/// Number ("2", "２", "two", "deux", "二"): first as a value — a choice whose value, title or synonym is that number
/// ("2024", "ten" for "10"), then a choice that has that number as a word ("Plan 2", "3 months") — and only then as a
/// 1-based position. So with the choices "10", "20", "30" the utterance "20" picks "20", and "2" picks the second. A number
/// that is neither a value nor a position in the list finds nothing.
/// </item>
/// <item>Ordinal ("second", "la 2e", "第二", "last"): the position; out of the list finds nothing.</item>
/// <item>
/// Partial: every word of the utterance (Chinese: every run of characters) is in a choice's term — a choice whose term is
/// wholly named beats ones only partly named, otherwise all such choices tie; failing that, a whole term appears inside the
/// utterance ("I'd like the Azure sponsorship please") — the longest term wins.
/// </item>
/// </list>
/// Several choices matching equally make the result ambiguous, with those choices as candidates.
/// </summary>
public static class ChoiceRecognizer
{
    public static ChoiceRecognition Recognize(string? text, IReadOnlyList<Choice> choices, string? locale)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (string.IsNullOrWhiteSpace(text) || choices.Count == 0)
        {
            return ChoiceRecognition.NotFound;
        }

        var normalized = TextNormalizer.Normalize(text);
        var tokens = TextNormalizer.Tokenize(normalized);
        if (tokens.Count == 0)
        {
            return ChoiceRecognition.NotFound;
        }

        var terms = choices.Select((choice, index) => ChoiceTerms.From(choice, index)).ToList();

        var exact = terms.Where(term => term.Texts.Contains(normalized, StringComparer.Ordinal)).ToList();
        if (exact.Count == 0)
        {
            exact = terms.Where(term => term.HasWords(tokens)).ToList();
        }

        if (exact.Count > 0)
        {
            return ChoiceRecognition.FromMatches(exact.Select(term => term.Choice));
        }

        if (NumberRecognizer.Recognize(text, locale) is { } number)
        {
            return ByNumber(number, terms, locale);
        }

        if (OrdinalRecognizer.Recognize(text, locale) is { } position)
        {
            var index = position == OrdinalRecognizer.Last ? terms.Count - 1 : position - 1;
            return index < terms.Count ? ChoiceRecognition.FromMatches([terms[index].Choice]) : ChoiceRecognition.NotFound;
        }

        return ChoicePartialMatch.Find(tokens, terms);
    }

    private static ChoiceRecognition ByNumber(decimal number, List<ChoiceTerms> terms, string? locale)
    {
        var byValue = terms.Where(term => term.Texts.Any(text => NumberRecognizer.Recognize(text, locale) == number)).ToList();
        if (byValue.Count == 0 && number == decimal.Truncate(number) && number >= 0)
        {
            var word = number.ToString("0", CultureInfo.InvariantCulture);
            byValue = terms.Where(term => term.Words.Any(words => words.Any(token => IsSameDigits(token, word)))).ToList();
        }

        if (byValue.Count > 0)
        {
            return ChoiceRecognition.FromMatches(byValue.Select(term => term.Choice));
        }

        return number == decimal.Truncate(number) && number >= 1 && number <= terms.Count
            ? ChoiceRecognition.FromMatches([terms[(int)number - 1].Choice])
            : ChoiceRecognition.NotFound;
    }

    private static bool IsSameDigits(string token, string digits) =>
        token.All(char.IsAsciiDigit) && string.Equals(token.TrimStart('0').PadLeft(1, '0'), digits, StringComparison.Ordinal);
}
