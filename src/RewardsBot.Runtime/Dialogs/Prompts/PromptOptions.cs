using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>How a prompt shows its choices.</summary>
public enum ListStyle
{
    /// <summary>Suggested actions where the channel has them and the list is short, else a card.</summary>
    Auto,

    /// <summary>Only the prompt's own text (the choices are in it, or the user knows them).</summary>
    None,

    /// <summary>Buttons under the message (imBack).</summary>
    SuggestedAction,

    /// <summary>An Adaptive Card with one submit button per choice.</summary>
    Card,

    /// <summary>A numbered list in the text.</summary>
    List,
}

/// <summary>What a prompt asks and how. Kept in the prompt's state between turns (plain JSON).</summary>
public sealed class PromptOptions
{
    /// <summary>The question (text, and possibly a card).</summary>
    public Activity? Prompt { get; set; }

    /// <summary>Asked after an answer that was not understood; <see cref="Prompt"/> when null.</summary>
    public Activity? RetryPrompt { get; set; }

    public List<Choice>? Choices { get; set; }

    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>What "help" says at this step.</summary>
    public string? HelpText { get; set; }

    /// <summary>After this many answers that are not understood, the prompt gives up (0 = never).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Settings for the prompt's validator (e.g. a minimum), free-form.</summary>
    public JsonNode? Validations { get; set; }
}
