namespace RewardsBot.Rewards.Services;

/// <summary>
/// Why a request was refused: a stable <see cref="Code"/> (the conversation turns it into words in the user's
/// language, with the fix) and the facts to say, e.g. the role needed and who holds it.
/// </summary>
public sealed record Refusal(string Code, IReadOnlyDictionary<string, string> Facts)
{
    public Refusal(string code)
        : this(code, new Dictionary<string, string>())
    {
    }

    public string? Fact(string name) => Facts.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The result of a request: a value, or a refusal with its reason. Never an exception for a rule.</summary>
public sealed record Outcome<T>(T? Value, Refusal? Refusal)
{
    public bool Succeeded => Refusal is null;
}

/// <summary>Creates outcomes.</summary>
public static class Outcome
{
    public static Outcome<T> Success<T>(T value) => new(value, null);

    public static Outcome<T> Refused<T>(string code, params (string Name, string Value)[] facts)
        => new(default, new Refusal(code, facts.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal)));

    public static Outcome<T> Refused<T>(Refusal refusal) => new(default, refusal);
}
