using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Recognizers;

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

    protected override IReadOnlyList<Choice> ChoicesToShow(ITurnContext turnContext, PromptOptions options)
        => (options ?? throw new ArgumentNullException(nameof(options))).Choices ?? [];
}
