using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Recognizers;

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

    /// <summary>Yes and No in the chat's language (or the two choices given).</summary>
    protected override IReadOnlyList<Choice> ChoicesToShow(ITurnContext turnContext, PromptOptions options)
        => (options ?? throw new ArgumentNullException(nameof(options))).Choices is { Count: 2 } custom
            ? custom
            : [new Choice(PromptText.Get(turnContext, PromptText.Yes)), new Choice(PromptText.Get(turnContext, PromptText.No))];
}
