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

    /// <summary>The key of the benefit id in an Activate button's data (benefits card: <c>{"answer":"activate","benefitId":"…"}</c>).</summary>
    public const string BenefitIdKey = "benefitId";

    /// <summary>How the activation starts: with the benefit already chosen (an Activate button), or not.</summary>
    public sealed class Options
    {
        public string? BenefitId { get; set; }
    }
}
