using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>
/// Asks for a language: by its English name, its own name, its name in the chat's language, or a BCP-47 tag
/// ("French", "français", "法文", "fr-CA"). <see cref="PromptOptions.Choices"/> (culture names) limits the answer and
/// is offered as a list with names in the chat's language. The result is a .NET culture name.
/// </summary>
public class LanguagePrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(submission);
        var allowed = options.Choices?.Select(c => c.Value).ToList();
        var recognition = LanguageRecognizer.Recognize(submission.Answer, turnContext.Activity.Locale, allowed);
        return Task.FromResult(recognition.CultureName is { } culture && !recognition.IsAmbiguous
            ? PromptRecognizerResult.Success(culture)
            : PromptRecognizerResult.Failure<string>(PromptText.Get(turnContext, PromptText.LanguageRetry)));
    }

    /// <summary>The allowed languages, named in the chat's language.</summary>
    protected override IReadOnlyList<Choice> ChoicesToShow(ITurnContext turnContext, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return ((options ?? throw new ArgumentNullException(nameof(options))).Choices ?? [])
            .Select(c => c with { Title = c.Title ?? LanguageRecognizer.DisplayName(c.Value, turnContext.Activity.Locale) })
            .ToList();
    }
}
