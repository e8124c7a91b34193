using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>The dialogs a bot (or a component dialog) can start, by id.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;

    /// <param name="dialogState">Where the stack is kept between turns (a conversation state property); null for a component's inner set.</param>
    public DialogSet(IStatePropertyAccessor<DialogState>? dialogState = null) => _dialogState = dialogState;

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (_dialogs.TryGetValue(dialog.Id, out var existing) && !ReferenceEquals(existing, dialog))
        {
            throw new ArgumentException(
                $"A dialog with the id '{dialog.Id}' was already added to this set. Give each dialog a distinct id (use nameof or a const; two prompts of one type need two ids).",
                nameof(dialog));
        }

        _dialogs[dialog.Id] = dialog;
        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.TryGetValue(dialogId, out var dialog) ? dialog : null;

    public IEnumerable<Dialog> GetDialogs() => _dialogs.Values;

    /// <summary>A dialog context over the conversation's stack, loaded from state.</summary>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (_dialogState is null)
        {
            throw new InvalidOperationException("This DialogSet has no state property. Create it with conversationState.CreateProperty<DialogState>(...) to use CreateContextAsync.");
        }

        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken).ConfigureAwait(false);
        return new DialogContext(this, turnContext, state);
    }
}
