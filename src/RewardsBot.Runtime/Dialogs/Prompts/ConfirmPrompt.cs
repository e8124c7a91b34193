using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Recognizers;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>Asks a yes/no question (English, French, Traditional Chinese words, or the Yes/No buttons).</summary>
public class ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null) : Prompt<bool>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(submission);
        var answer = BooleanRecognizer.Recognize(submission.Answer, turnContext.Activity.Locale);
        return Task.FromResult(answer is { } value
            ? PromptRecognizerResult.Success(value)
            : PromptRecognizerResult.Failure<bool>(PromptText.Get(turnContext, PromptText.ConfirmRetry)));
    }

    protected override Activity BuildPrompt(ITurnContext turnContext, JsonObject state, PromptOptions options, string? retryText, bool isRetry)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var activity = base.BuildPrompt(turnContext, state, options, retryText, isRetry);
        var yesNo = options.Choices is { Count: 2 } custom
            ? custom
            : [new Choice(PromptText.Get(turnContext, PromptText.Yes)), new Choice(PromptText.Get(turnContext, PromptText.No))];
        ChoiceFactory.AddChoices(activity, yesNo, options.Style, turnContext.Activity.ChannelId);
        return activity;
    }
}
