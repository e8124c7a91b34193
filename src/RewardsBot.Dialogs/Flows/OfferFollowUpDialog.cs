using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

// PLACEHOLDER: replaced by the real flow in this issue.
public sealed class OfferFollowUpDialog : RewardsFlowDialog
{
    public OfferFollowUpDialog(RewardsServices services)
        : base(nameof(OfferFollowUpDialog), services)
    {
        AddDialog(new WaterfallDialog(nameof(OfferFollowUpDialog) + ".Waterfall", [(step, ct) => step.EndDialogAsync(null, ct)]));
        InitialDialogId = nameof(OfferFollowUpDialog) + ".Waterfall";
    }
}
