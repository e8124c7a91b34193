using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Dialogs;

public static class DialogExtensions
{
    /// <summary>
    /// Runs a turn of <paramref name="dialog"/> as the root of the conversation's stack: continues the active dialog,
    /// or begins this one when none is active. A card submit from a finished conversation is answered as stale first.
    /// </summary>
    public static Task<DialogTurnResult> RunAsync(this Dialog dialog, ITurnContext turnContext, IStatePropertyAccessor<DialogState> accessor, CancellationToken cancellationToken = default)
        => RunAsync(dialog, turnContext, accessor, beginOptions: null, cancellationToken);

    /// <summary>As <see cref="RunAsync(Dialog, ITurnContext, IStatePropertyAccessor{DialogState}, CancellationToken)"/>, beginning with <paramref name="beginOptions"/>.</summary>
    public static async Task<DialogTurnResult> RunAsync(this Dialog dialog, ITurnContext turnContext, IStatePropertyAccessor<DialogState> accessor, object? beginOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(turnContext);
        var set = new DialogSet(accessor).Add(dialog);
        var dc = await set.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        return await dc.RunAsync(dialog.Id, beginOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="RunAsync(Dialog, ITurnContext, IStatePropertyAccessor{DialogState}, object?, CancellationToken)"/>,
    /// on a dialog context the caller already holds (whose set contains <paramref name="dialogId"/>).
    /// </summary>
    public static async Task<DialogTurnResult> RunAsync(this DialogContext dc, string dialogId, object? beginOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Empty)
        {
            if (CardSubmission.Read(dc.Context.Activity).DialogInstanceId is not null)
            {
                await PromptText.SendAsync(dc.Context, PromptText.CardNoLongerActive, cancellationToken).ConfigureAwait(false);
            }

            result = await dc.BeginDialogAsync(dialogId, beginOptions, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The text catalog the bot put in TurnState for this turn.</summary>
    public static ITextCatalog GetTextCatalog(this ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<ITextCatalog>()
            ?? throw new InvalidOperationException("No ITextCatalog in TurnState. Put one there at the start of each turn: turnContext.TurnState.Set<ITextCatalog>(texts).");
    }
}
