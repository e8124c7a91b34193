using RewardsBot.Runtime.Dialogs.Choices;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// What <see cref="ChoiceRecognizer"/> read: the one choice picked (<see cref="Found"/>), or, when the words fit several
/// choices equally, <see cref="IsAmbiguous"/> with those choices in <see cref="Candidates"/> (in list order) so the prompt
/// can ask which one. <see cref="Candidates"/> is empty otherwise.
/// </summary>
public sealed record ChoiceRecognition(FoundChoice? Found, bool IsAmbiguous, IReadOnlyList<FoundChoice> Candidates)
{
    /// <summary>Nothing picked, nothing ambiguous.</summary>
    public static ChoiceRecognition NotFound { get; } = new(null, false, []);

    /// <summary>Found when one choice matched, ambiguous when several did, not found when none did.</summary>
    internal static ChoiceRecognition FromMatches(IEnumerable<FoundChoice> matches)
    {
        var distinct = matches.DistinctBy(match => match.Index).OrderBy(match => match.Index).ToList();
        return distinct.Count switch
        {
            0 => NotFound,
            1 => new ChoiceRecognition(distinct[0], false, []),
            _ => new ChoiceRecognition(null, true, distinct),
        };
    }
}
