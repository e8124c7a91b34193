using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Prompts;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// "Technical help": who may ask and whether a technical benefit is open are checked before the form is shown; then
/// the request form card (stage, description), the request, and a receipt. The description goes to the service only.
/// </summary>
public sealed class TechnicalHelpDialog : RewardsFlowDialog
{
    public const string ReceiptCard = "techhelp-receipt";

    private const string WaterfallId = nameof(TechnicalHelpDialog) + ".Waterfall";
    private const string FormPromptId = nameof(TechnicalHelpDialog) + ".Form";

    public TechnicalHelpDialog(RewardsServices services)
        : base(nameof(TechnicalHelpDialog), services)
    {
        AddDialog(new FormPrompt<TechnicalHelpAnswers>(FormPromptId, new TechnicalHelpForm(services)));
        AddDialog(new WaterfallDialog<TechnicalHelpState>(WaterfallId, [AskRequestStepAsync, SubmitRequestStepAsync]));
        InitialDialogId = WaterfallId;
    }

    /// <summary>Checks who may ask first (so the form is shown only to those who can send it), then shows the form.</summary>
    private async Task<DialogTurnResult> AskRequestStepAsync(WaterfallStepContext<TechnicalHelpState> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        step.Values.UserId = identity.User.Id;
        step.Values.CompanyId = identity.Company.Id;
        if (await Services.TechnicalHelp.CheckAccessAsync(step.Values.UserId, step.Values.CompanyId, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return await EndWithRefusalAsync(step, refusal, cancellationToken).ConfigureAwait(false);
        }

        // The request's id is chosen now and saved with the form's state: a submit run again after a crash (the
        // request stored, the conversation not) files the same request once.
        step.Values.RequestId = TechnicalHelpService.NewRequestId();
        return await step.PromptAsync(FormPromptId, new PromptOptions { HelpText = step.Context.Say("techHelp.help") }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SubmitRequestStepAsync(WaterfallStepContext<TechnicalHelpState> step, CancellationToken cancellationToken)
    {
        var answers = (TechnicalHelpAnswers)step.Result!;
        var outcome = await Services.TechnicalHelp.RequestAsync(step.Values.UserId!, step.Values.CompanyId!, answers.Stage, answers.Description, cancellationToken, step.Values.RequestId).ConfigureAwait(false);
        if (outcome.Value is not { } request)
        {
            return await EndWithRefusalAsync(step, outcome.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        var receipt = new
        {
            requestId = request.Id,
            stage = step.Context.Say("stage." + request.Stage),
            submitted = step.Context.FormatDate(request.CreatedAt),
            status = step.Context.Say("techHelp.status." + request.Status),
        };
        await SendCardAsync(step.Context, ReceiptCard, receipt, step.Context.Say("techHelp.receipt.text"), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who asks for help, for which company (the form's answers go straight to the service, never here).</summary>
    public sealed class TechnicalHelpState
    {
        public string? UserId { get; set; }

        public string? CompanyId { get; set; }

        /// <summary>The id the request is filed under.</summary>
        public string? RequestId { get; set; }
    }
}
