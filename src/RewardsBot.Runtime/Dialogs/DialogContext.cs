using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>A dialog stack in a turn: begin, continue, resume, replace, end and cancel dialogs. Top of the stack first.</summary>
public class DialogContext
{
    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state, DialogContext? parent = null)
    {
        Dialogs = dialogs ?? throw new ArgumentNullException(nameof(dialogs));
        Context = turnContext ?? throw new ArgumentNullException(nameof(turnContext));
        State = state ?? throw new ArgumentNullException(nameof(state));
        Parent = parent;
    }

    /// <summary>A context over the same stack (for step contexts).</summary>
    protected DialogContext(DialogContext other)
        : this((other ?? throw new ArgumentNullException(nameof(other))).Dialogs, other.Context, other.State, other.Parent)
    {
    }

    public DialogSet Dialogs { get; }
    public ITurnContext Context { get; }
    public DialogState State { get; }
    public DialogContext? Parent { get; }

    public List<DialogInstance> Stack => State.DialogStack;

    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>The inner context of the active dialog when it is a component dialog; otherwise null.</summary>
    public DialogContext? Child
        => ActiveDialog is { } active && FindDialog(active.Id) is ComponentDialog component ? component.CreateInnerContext(this, active) : null;

    /// <summary>The innermost active context: follows <see cref="Child"/> down to the dialog actually waiting for the user.</summary>
    public DialogContext Leaf
    {
        get
        {
            var current = this;
            while (current.Child is { } child && child.ActiveDialog is not null)
            {
                current = child;
            }

            return current;
        }
    }

    /// <summary>Searches this set, then the parents' sets.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        var dialog = FindDialog(dialogId) ?? throw new InvalidOperationException(
            $"DialogContext.BeginDialogAsync(): a dialog with the id '{dialogId}' wasn't found. Add it to the current or a parent DialogSet; in a ComponentDialog, call AddDialog() in the constructor.");
        Stack.Insert(0, DialogInstance.Create(dialogId));
        return await dialog.BeginDialogAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Passes the turn to the active dialog; <see cref="DialogTurnStatus.Empty"/> when none is active.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } active)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        var dialog = FindActive(active, nameof(ContinueDialogAsync));
        return await dialog.ContinueDialogAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the active dialog and resumes the one below it with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken).ConfigureAwait(false);
        if (ActiveDialog is { } parent)
        {
            var dialog = FindActive(parent, nameof(EndDialogAsync));
            return await dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Complete, result) { ParentEnded = true };
    }

    /// <summary>Ends the active dialog and starts another in its place (no resume in between).</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken).ConfigureAwait(false);
        return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends every dialog on this stack; <see cref="DialogTurnStatus.Cancelled"/>, or Empty when there were none.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count == 0)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        while (Stack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog to ask its question again.</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is { } active)
        {
            await FindActive(active, nameof(RepromptDialogAsync)).RepromptDialogAsync(Context, active, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is { } active)
        {
            var dialog = FindDialog(active.Id);
            if (dialog is not null)
            {
                await dialog.EndDialogAsync(Context, active, reason, cancellationToken).ConfigureAwait(false);
            }

            Stack.RemoveAt(0);
        }
    }

    private Dialog FindActive(DialogInstance active, string operation)
        => FindDialog(active.Id) ?? throw new InvalidOperationException(
            $"DialogContext.{operation}(): the stack holds a dialog with the id '{active.Id}' that is not in this DialogSet or its parents. A dialog was renamed or removed while conversations were in it; keep old ids registered, or clear the conversation state.");
}
