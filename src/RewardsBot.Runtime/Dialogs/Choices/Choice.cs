namespace RewardsBot.Runtime.Dialogs.Choices;

/// <summary>One option of a choice prompt: the value returned, and other words that select it.</summary>
public sealed record Choice(string Value)
{
    /// <summary>Text shown on the button; <see cref="Value"/> when null.</summary>
    public string? Title { get; init; }

    /// <summary>Other words and phrases that select this choice (in any of the bot's languages).</summary>
    public IReadOnlyList<string> Synonyms { get; init; } = [];

    public string DisplayText => Title ?? Value;
}

/// <summary>The choice a user picked: its index in the list and its value.</summary>
public sealed record FoundChoice(int Index, string Value);
