using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

// PLACEHOLDER: replaced by the real flow in this issue.
public sealed class TechnicalHelpDialog : RewardsFlowDialog
{
    public TechnicalHelpDialog(RewardsServices services)
        : base(nameof(TechnicalHelpDialog), services)
    {
        AddDialog(new WaterfallDialog(nameof(TechnicalHelpDialog) + ".Waterfall", [(step, ct) => step.EndDialogAsync(null, ct)]));
        InitialDialogId = nameof(TechnicalHelpDialog) + ".Waterfall";
    }
}
