using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// The menu: a card with one button per topic, answered by a click or by words in any language. Text that names no
/// topic gets the menu again with a friendly line, never an error, and the menu never gives up.
/// </summary>
public sealed class TopicPrompt(string dialogId, CardLibrary cards) : Prompt<string>(dialogId)
{
    public const string CardName = "menu";

    /// <summary>The text key of the line above the menu, kept in the prompt's options.</summary>
    public static PromptOptions Options(string headingKey) => new()
    {
        Prompt = new Activity { Type = ActivityTypes.Message, Text = headingKey },
        MaxAttempts = 0,
    };

    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(submission);
        var clicked = submission.IsCardSubmit ? submission.StringValue(CardSubmission.AnswerKey) : null;
        var topic = clicked is not null && Topics.All.Contains(clicked)
            ? clicked
            : Topics.Recognize(submission.Text, turnContext.GetTextCatalog());
        return Task.FromResult(topic is null
            ? PromptRecognizerResult.Failure<string>(turnContext.Say("main.menu.notUnderstood"))
            : PromptRecognizerResult.Success(topic));
    }

    protected override Activity BuildPrompt(ITurnContext turnContext, JsonObject state, PromptOptions options, string? retryText, bool isRetry)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var heading = retryText ?? turnContext.Say(options.Prompt?.Text ?? "main.menu.heading");
        var activity = cards.Message(CardName, new { heading }, turnContext.Activity.Locale, heading);
        activity.InputHint = InputHints.ExpectingInput;
        return activity;
    }
}
