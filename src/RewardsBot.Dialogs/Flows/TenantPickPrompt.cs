using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Dialogs.Recognizers;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// Asks which Microsoft Entra tenant to associate: one of <see cref="PromptOptions.Choices"/> (tenants the company's
/// users sign in from; value = tenant id, title = its name), clicked or named, or a tenant id (GUID) typed in the chat
/// or in the card's box. Anything that looks like a secret in the box is refused and not kept.
/// </summary>
public sealed class TenantPickPrompt(string dialogId, CardLibrary cards) : Prompt<string>(dialogId)
{
    public const string CardName = "tenant-pick";
    public const string TenantIdInput = "tenantId";

    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(submission);
        var choices = options.Choices ?? [];
        var clicked = submission.StringValue(CardSubmission.AnswerKey);
        if (clicked is not null && choices.Any(c => c.Value == clicked))
        {
            return Success(clicked);
        }

        var typed = submission.StringValue(TenantIdInput)?.Trim() is { Length: > 0 } box ? box : submission.Text;
        if (SecretDetector.LooksLikeSecret(typed))
        {
            return Task.FromResult(PromptRecognizerResult.Failure<string>(turnContext.Say("main.secretRefused")));
        }

        if (Guid.TryParse(typed, out var tenantId))
        {
            return Success(tenantId.ToString("D"));
        }

        return ChoiceRecognizer.Recognize(typed, choices, turnContext.Activity.Locale).Found is { } found
            ? Success(found.Value)
            : Task.FromResult(PromptRecognizerResult.Failure<string>(turnContext.Say("tenant.pick.retry")));
    }

    protected override Activity BuildPrompt(ITurnContext turnContext, JsonObject state, PromptOptions options, string? retryText, bool isRetry)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var tenants = (options.Choices ?? [])
            .Select(choice => new { title = choice.DisplayText, data = new JsonObject { [CardSubmission.AnswerKey] = choice.Value } })
            .ToList();
        var activity = cards.Message(CardName, new { tenants }, turnContext.Activity.Locale, retryText ?? turnContext.Say("tenant.pick.text"));
        activity.InputHint = InputHints.ExpectingInput;
        return activity;
    }

    private static Task<PromptRecognizerResult<string>> Success(string tenantId) => Task.FromResult(PromptRecognizerResult.Success(tenantId));
}
