using RewardsBot.Runtime.Dialogs.Choices;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>A choice's value, title and synonyms, normalized and split into words once per recognition.</summary>
internal sealed record ChoiceTerms(FoundChoice Choice, IReadOnlyList<string> Texts, IReadOnlyList<IReadOnlyList<string>> Words)
{
    public static ChoiceTerms From(Choice choice, int index)
    {
        var texts = new[] { choice.Value, choice.Title }
            .Concat(choice.Synonyms ?? [])
            .Where(term => !string.IsNullOrWhiteSpace(term))
            .Select(term => TextNormalizer.Normalize(term!))
            .Where(term => term.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var words = texts.Select(TextNormalizer.Tokenize).Where(tokens => tokens.Count > 0).ToList();
        return new ChoiceTerms(new FoundChoice(index, choice.Value), texts, words);
    }

    /// <summary>True when one of the terms is, word for word, the given words ("Azure-Sponsorship" and "azure sponsorship").</summary>
    public bool HasWords(IReadOnlyList<string> tokens) => Words.Any(term => term.SequenceEqual(tokens, StringComparer.Ordinal));
}
