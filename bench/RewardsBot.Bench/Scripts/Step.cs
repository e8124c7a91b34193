namespace RewardsBot.Bench.Scripts;

/// <summary>What the user does in one turn.</summary>
internal abstract record StepInput;

/// <summary>The user joins the conversation (conversationUpdate; with Direct Line, starting the conversation).</summary>
internal sealed record Join : StepInput;

/// <summary>The user types <paramref name="Text"/>.</summary>
internal sealed record Typed(string Text) : StepInput;

/// <summary>
/// The user clicks an <c>Action.Submit</c> on a card of the previous turn's replies: the first whose title is one of
/// <paramref name="Titles"/> (or starts with <paramref name="TitlePrefix"/>), its data merged with <paramref name="Inputs"/>.
/// </summary>
internal sealed record Click(IReadOnlyList<string> Titles, string? TitlePrefix = null, IReadOnlyDictionary<string, string>? Inputs = null) : StepInput
{
    public static Click Button(params string[] titleKeys) => new([.. titleKeys.Select(k => Say.Text(k))]);

    public static Click Titled(string title) => new([title]);

    public static Click Submit(string titleKey, IReadOnlyDictionary<string, string> inputs) => new([Say.Text(titleKey)], Inputs: inputs);

    public bool Accepts(string title)
    {
        for (var i = 0; i < Titles.Count; i++)
        {
            if (string.Equals(Titles[i], title, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return TitlePrefix is not null && title.StartsWith(TitlePrefix, StringComparison.Ordinal);
    }

    public string Describe() => TitlePrefix is null ? string.Join(" | ", Titles) : TitlePrefix + "…";
}

/// <summary>One scripted turn: what the user does, what the replies must contain, and the accepted alternatives.</summary>
internal sealed record Step(string Name, StepInput Input, Expect Expect, IReadOnlyList<Alternative> Alternatives)
{
    public Step(string name, StepInput input, Expect expect)
        : this(name, input, expect, [])
    {
    }

    /// <summary>Every step also accepts "changed meanwhile, send again" (and resends).</summary>
    public IEnumerable<Alternative> AllAlternatives => Alternatives.Append(Alternative.ConcurrentChange);
}

/// <summary>
/// A whole conversation as one user: the steps in order. <paramref name="UserId"/> is a demo identity id, or a pattern
/// with <c>{n}</c> for a new user per conversation (an unknown id talks as the Emulator's default demo identity).
/// </summary>
internal sealed record Script(string Name, string UserId, IReadOnlyList<Step> Steps)
{
    /// <summary>How the counts name the script: "name (user)".</summary>
    public string Label { get; } = $"{Name} ({UserId})";

    public string UserIdFor(long conversation) => UserId.Replace("{n}", conversation.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
