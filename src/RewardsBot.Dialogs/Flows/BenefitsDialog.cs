using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

// PLACEHOLDER: replaced by the real flow in this issue.
public sealed class BenefitsDialog : RewardsFlowDialog
{
    public BenefitsDialog(RewardsServices services)
        : base(nameof(BenefitsDialog), services)
    {
        AddDialog(new WaterfallDialog(nameof(BenefitsDialog) + ".Waterfall", [(step, ct) => step.EndDialogAsync(null, ct)]));
        InitialDialogId = nameof(BenefitsDialog) + ".Waterfall";
    }
}
