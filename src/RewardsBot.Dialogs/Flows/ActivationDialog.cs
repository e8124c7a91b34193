using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

// PLACEHOLDER: replaced by the real flow in this issue.
public sealed class ActivationDialog : RewardsFlowDialog
{
    public ActivationDialog(RewardsServices services)
        : base(nameof(ActivationDialog), services)
    {
        AddDialog(new WaterfallDialog(nameof(ActivationDialog) + ".Waterfall", [(step, ct) => step.EndDialogAsync(null, ct)]));
        InitialDialogId = nameof(ActivationDialog) + ".Waterfall";
    }
}
