namespace RewardsBot.Runtime.Dialogs;

/// <summary>Where the dialog stack stands after a turn.</summary>
public enum DialogTurnStatus
{
    /// <summary>No dialog is active.</summary>
    Empty,

    /// <summary>A dialog waits for the user's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended; <see cref="DialogTurnResult.Result"/> holds its result.</summary>
    Complete,

    /// <summary>The stack was cancelled.</summary>
    Cancelled,
}

/// <summary>Why a dialog is being ended or resumed.</summary>
public enum DialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
    NextCalled,
}

/// <summary>The outcome of beginning or continuing a dialog.</summary>
public sealed class DialogTurnResult(DialogTurnStatus status, object? result = null)
{
    public DialogTurnStatus Status { get; } = status;

    public object? Result { get; } = result;

    /// <summary>True when the dialog that ended was the last on its parent's stack.</summary>
    public bool ParentEnded { get; set; }
}

/// <summary>Results with a meaning of their own, passed up the stack like any other result.</summary>
public static class DialogResults
{
    /// <summary>A prompt gave up after its maximum number of attempts; the dialogs above it end with this result too.</summary>
    public static PromptAbandoned Abandoned { get; } = new();
}

/// <summary>The result of a prompt the user could not answer within its attempts.</summary>
public sealed class PromptAbandoned
{
    internal PromptAbandoned()
    {
    }
}
