using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

// PLACEHOLDER: replaced by the real flow in this issue.
public sealed class MarketingContactDialog : RewardsFlowDialog
{
    public MarketingContactDialog(RewardsServices services)
        : base(nameof(MarketingContactDialog), services)
    {
        AddDialog(new WaterfallDialog(nameof(MarketingContactDialog) + ".Waterfall", [(step, ct) => step.EndDialogAsync(null, ct)]));
        InitialDialogId = nameof(MarketingContactDialog) + ".Waterfall";
    }

    /// <summary>
    /// How the flow starts. From an activation, it goes straight to assigning (the user already agreed to assign
    /// one) and ends with <c>true</c> when a contact was assigned, anything else when not.
    /// </summary>
    public sealed class Options
    {
        public bool ForActivation { get; set; }
    }
}
