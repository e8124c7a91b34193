namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>The last rule of <see cref="ChoiceRecognizer"/>: a choice named in part, or named inside a longer sentence.</summary>
internal static class ChoicePartialMatch
{
    /// <summary>Words that name no choice by themselves ("the azure one" names the Azure choice).</summary>
    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "one", "please", "option", "choice", "le", "la", "les", "l", "un", "une", "de", "du", "des", "d",
        "svp", "merci", "choix",
    };

    public static ChoiceRecognition Find(IReadOnlyList<string> tokens, IReadOnlyList<ChoiceTerms> choices)
    {
        var pieces = Pieces(tokens.Where(token => !Stopwords.Contains(token)).ToList());
        if (pieces.Count > 0)
        {
            var containing = choices
                .Select(choice => (choice.Choice, Complete: choice.Words.Where(term => pieces.All(piece => Contains(term, piece))).Select(term => IsComplete(term, pieces)).ToList()))
                .Where(match => match.Complete.Count > 0)
                .ToList();
            if (containing.Count > 0)
            {
                var complete = containing.Where(match => match.Complete.Contains(true)).ToList();
                return ChoiceRecognition.FromMatches((complete.Count > 0 ? complete : containing).Select(match => match.Choice));
            }
        }

        var included = choices
            .Select(choice => (choice.Choice, Length: choice.Words.Where(term => Contains(tokens, term)).Select(term => term.Count).DefaultIfEmpty(0).Max()))
            .Where(match => match.Length > 0)
            .ToList();
        var longest = included.Count == 0 ? 0 : included.Max(match => match.Length);
        return ChoiceRecognition.FromMatches(included.Where(match => match.Length == longest).Select(match => match.Choice));
    }

    /// <summary>Each Latin word alone, and each run of Chinese characters together (CJK matches as a substring).</summary>
    private static List<IReadOnlyList<string>> Pieces(List<string> tokens)
    {
        var pieces = new List<IReadOnlyList<string>>();
        List<string>? run = null;
        foreach (var token in tokens)
        {
            if (TextNormalizer.ContainsCjk(token))
            {
                run ??= [];
                run.Add(token);
                continue;
            }

            if (run is not null)
            {
                pieces.Add(run);
                run = null;
            }

            pieces.Add([token]);
        }

        if (run is not null)
        {
            pieces.Add(run);
        }

        return pieces;
    }

    /// <summary>True when every word of the term that names something is in the utterance.</summary>
    private static bool IsComplete(IReadOnlyList<string> term, List<IReadOnlyList<string>> pieces)
    {
        var said = pieces.SelectMany(piece => piece).ToHashSet(StringComparer.Ordinal);
        var naming = term.Where(token => !Stopwords.Contains(token)).ToList();
        return (naming.Count > 0 ? naming : term).All(said.Contains);
    }

    /// <summary>True when <paramref name="part"/> appears in <paramref name="whole"/> as consecutive words.</summary>
    private static bool Contains(IReadOnlyList<string> whole, IReadOnlyList<string> part)
    {
        for (var start = 0; start + part.Count <= whole.Count; start++)
        {
            var matches = true;
            for (var i = 0; i < part.Count && matches; i++)
            {
                matches = string.Equals(whole[start + i], part[i], StringComparison.Ordinal);
            }

            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
