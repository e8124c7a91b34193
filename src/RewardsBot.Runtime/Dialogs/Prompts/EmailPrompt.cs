using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>Asks for an email address; the result is normalised (trimmed, domain in lower-case ASCII).</summary>
public class EmailPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var email = EmailRecognizer.Recognize(submission.Answer);
        return Task.FromResult(email is null
            ? PromptRecognizerResult.Failure<string>(PromptText.Get(turnContext, PromptText.EmailRetry))
            : PromptRecognizerResult.Success(email));
    }
}
