using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>Asks for free text (typed, or the <c>answer</c> input of a card).</summary>
public class TextPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var answer = submission.Answer?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(answer)
            ? PromptRecognizerResult.Failure<string>(PromptText.Get(turnContext, PromptText.TextRetry))
            : PromptRecognizerResult.Success(answer));
    }
}
