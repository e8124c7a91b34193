using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// Asks which benefit to activate: a click on the choose card (its id) or a typed title in any language, recognised
/// like any choice. Text that names no benefit gets "I don't know that benefit" and the card again, rather than the
/// generic "pick one of the options"; the validator explains the benefits that are named but cannot be activated.
/// </summary>
internal sealed class ActivationBenefitPrompt(string dialogId, BenefitCatalogue catalogue, PromptValidator<FoundChoice> validator)
    : ChoicePrompt(dialogId, validator)
{
    protected override async Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(submission);
        var recognized = await base.OnRecognizeAsync(turnContext, state, options, submission, cancellationToken).ConfigureAwait(false);
        if (recognized.Succeeded || ChoiceRecognizer.Recognize(submission.Answer, options.Choices ?? [], turnContext.Activity.Locale).IsAmbiguous)
        {
            return recognized;
        }

        var unknown = RefusalText.Describe(turnContext, new Refusal(RewardsRefusalCodes.BenefitUnknown), catalogue);
        return PromptRecognizerResult.Failure<FoundChoice>(unknown + "\n\n" + turnContext.Say("activation.choose.again"));
    }
}
