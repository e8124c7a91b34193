using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

// PLACEHOLDER: replaced by the real flow in this issue.
public sealed class TenantAccessDialog : RewardsFlowDialog
{
    public TenantAccessDialog(RewardsServices services)
        : base(nameof(TenantAccessDialog), services)
    {
        AddDialog(new WaterfallDialog(nameof(TenantAccessDialog) + ".Waterfall", [(step, ct) => step.EndDialogAsync(null, ct)]));
        InitialDialogId = nameof(TenantAccessDialog) + ".Waterfall";
    }
}
