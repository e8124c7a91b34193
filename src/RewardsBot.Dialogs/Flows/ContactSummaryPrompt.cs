using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Prompts;

namespace RewardsBot.Dialogs.Flows;

/// <summary>A detail of the marketing contact that the summary can send back to be asked again.</summary>
public enum ContactField
{
    Person,
    Email,
    Phone,
    Language,
}

/// <summary>What the user chose on the summary.</summary>
public enum ContactSummaryAction
{
    Assign,
    Change,
    Cancel,
}

/// <summary>The answer to the summary: assign, cancel, or change (one named detail, or not yet said which).</summary>
public sealed record ContactSummaryAnswer(ContactSummaryAction Action, ContactField? Field = null);

/// <summary>
/// The summary of the marketing contact to assign, with Assign user / Change / Cancel buttons. Typed words work too:
/// "change the phone", "changer le téléphone", "更改電話" (or just "phone") name the detail to ask again; "change" alone
/// asks which; "assign", "oui", "確認" assign. The words are the texts <c>contact.keywords.*</c>.
/// </summary>
public sealed class ContactSummaryPrompt(string dialogId) : Prompt<ContactSummaryAnswer>(dialogId)
{
    public const string AssignAnswer = "assign";
    public const string ChangeAnswer = "change";
    public const string CancelAnswer = "cancel";

    /// <summary>The keyword text of each detail.</summary>
    public static string KeywordsOf(ContactField field) => "contact.keywords." + field.ToString().ToLowerInvariant();

    protected override Task<PromptRecognizerResult<ContactSummaryAnswer>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(submission);
        var answer = submission.Text is { } typed
            ? Recognize(typed, turnContext.GetTextCatalog())
            : submission.StringValue(CardSubmission.AnswerKey) switch
            {
                AssignAnswer => new ContactSummaryAnswer(ContactSummaryAction.Assign),
                ChangeAnswer => new ContactSummaryAnswer(ContactSummaryAction.Change),
                CancelAnswer => new ContactSummaryAnswer(ContactSummaryAction.Cancel),
                _ => null,
            };
        return Task.FromResult(answer is null
            ? PromptRecognizerResult.Failure<ContactSummaryAnswer>(turnContext.Say("contact.summary.retry"))
            : PromptRecognizerResult.Success(answer));
    }

    /// <summary>Typed words: the whole of an assign word; else the detail named (the longest word wins); else a change word.</summary>
    public static ContactSummaryAnswer? Recognize(string text, ITextCatalog texts)
    {
        if (ContactWords.IsOneOf(text, texts, "contact.keywords.assign"))
        {
            return new ContactSummaryAnswer(ContactSummaryAction.Assign);
        }

        var named = Enum.GetValues<ContactField>()
            .Select(field => (Field: field, Length: ContactWords.LongestIn(text, texts, KeywordsOf(field))))
            .Where(found => found.Length > 0)
            .OrderByDescending(found => found.Length)
            .ToList();
        if (named.Count > 0)
        {
            return new ContactSummaryAnswer(ContactSummaryAction.Change, named[0].Field);
        }

        return ContactWords.LongestIn(text, texts, "contact.keywords.change") > 0
            ? new ContactSummaryAnswer(ContactSummaryAction.Change)
            : null;
    }
}
