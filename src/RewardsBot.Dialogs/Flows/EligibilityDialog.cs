using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

// PLACEHOLDER: replaced by the real flow in this issue.
public sealed class EligibilityDialog : RewardsFlowDialog
{
    public EligibilityDialog(RewardsServices services)
        : base(nameof(EligibilityDialog), services)
    {
        AddDialog(new WaterfallDialog(nameof(EligibilityDialog) + ".Waterfall", [(step, ct) => step.EndDialogAsync(null, ct)]));
        InitialDialogId = nameof(EligibilityDialog) + ".Waterfall";
    }
}
