using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>The dialog stack of a conversation (or of a component dialog), top first. Plain JSON.</summary>
public sealed class DialogState
{
    public List<DialogInstance> DialogStack { get; set; } = [];
}

/// <summary>One running dialog on a stack, with the state it keeps between turns.</summary>
public sealed class DialogInstance
{
    /// <summary>The id of the dialog (what <c>AddDialog</c> registered).</summary>
    public required string Id { get; set; }

    /// <summary>
    /// A new random id for every run of a dialog. Cards sent by a prompt carry it, so a submit from an older card
    /// (or a second click) is recognised as stale and never answers the wrong step.
    /// </summary>
    public required string InstanceId { get; set; }

    /// <summary>The dialog's own state (plain JSON).</summary>
    public JsonObject State { get; set; } = [];

    /// <summary>For a component dialog: its inner stack.</summary>
    public DialogState? InnerState { get; set; }

    internal static DialogInstance Create(string id) => new() { Id = id, InstanceId = NewInstanceId() };

    private static string NewInstanceId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
