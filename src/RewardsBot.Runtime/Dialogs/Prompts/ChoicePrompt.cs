using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Recognizers;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>: by clicking, or by typing its value, a synonym,
/// its number, an ordinal ("the second", "deuxième", "第二個") or an unambiguous part of it.
/// </summary>
public class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(submission);
        var choices = options.Choices ?? [];
        var recognition = ChoiceRecognizer.Recognize(submission.Answer, choices, turnContext.Activity.Locale);
        if (recognition.Found is { } found)
        {
            return Task.FromResult(PromptRecognizerResult.Success(found));
        }

        var retry = recognition.IsAmbiguous
            ? PromptText.Get(turnContext, PromptText.ChoiceAmbiguous, ("choices", string.Join(" / ", recognition.Candidates.Select(c => choices[c.Index].DisplayText))))
            : PromptText.Get(turnContext, PromptText.ChoiceRetry);
        return Task.FromResult(PromptRecognizerResult.Failure<FoundChoice>(retry));
    }

    protected override Activity BuildPrompt(ITurnContext turnContext, JsonObject state, PromptOptions options, string? retryText, bool isRetry)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var activity = base.BuildPrompt(turnContext, state, options, retryText, isRetry);
        ChoiceFactory.AddChoices(activity, options.Choices ?? [], options.Style, turnContext.Activity.ChannelId);
        return activity;
    }
}
