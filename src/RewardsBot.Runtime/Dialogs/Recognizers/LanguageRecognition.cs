namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// The language a user named: <see cref="CultureName"/> when exactly one culture fits; otherwise
/// <see cref="IsAmbiguous"/> with the <see cref="Candidates"/> to offer, or nothing at all.
/// </summary>
public sealed record LanguageRecognition(string? CultureName, bool IsAmbiguous, IReadOnlyList<string> Candidates)
{
    public static LanguageRecognition None { get; } = new(null, false, []);

    public bool Found => CultureName is not null;

    internal static LanguageRecognition Of(IReadOnlyList<string> candidates) => candidates.Count switch
    {
        0 => None,
        1 => new LanguageRecognition(candidates[0], false, candidates),
        _ => new LanguageRecognition(null, true, candidates),
    };
}
