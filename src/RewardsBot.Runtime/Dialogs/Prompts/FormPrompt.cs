using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>The values a form card submitted, checked on the server: the result, or an error per input.</summary>
public sealed class FormValidation<T>
{
    public T? Value { get; init; }

    /// <summary>Input id → what is wrong with it, in the user's language.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool IsValid => Errors.Count == 0;
}

/// <summary>A form card: how to draw it (with the values entered so far and their errors) and how to check a submit.</summary>
public interface IFormDefinition<T>
{
    /// <summary>The message carrying the card; <paramref name="values"/> and <paramref name="errors"/> are empty the first time.</summary>
    Activity Render(ITurnContext turnContext, JsonObject values, IReadOnlyDictionary<string, string> errors);

    /// <summary>Checks the submitted values again on the server (client-side validation is not to be trusted).</summary>
    FormValidation<T> Validate(ITurnContext turnContext, JsonObject values);
}

/// <summary>
/// Answers one step with a whole form card. A submit is validated again on the server; when something is wrong the
/// card comes back with the user's values and an error beside each wrong input, as the one retry message.
/// Typed text gets the card again with a reminder to use it.
/// </summary>
public class FormPrompt<T>(string dialogId, IFormDefinition<T> form, PromptValidator<T>? validator = null) : Prompt<T>(dialogId, validator)
{
    private const string ValuesKey = "formValues";
    private const string ErrorsKey = "formErrors";

    protected override Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Values is null)
        {
            state.Remove(ErrorsKey);
            return Task.FromResult(PromptRecognizerResult.Failure<T>(PromptText.Get(turnContext, PromptText.FormUseTheCard)));
        }

        var values = (JsonObject)submission.Values.DeepClone();
        values.Remove(CardSubmission.DialogKey);
        values.Remove(CardSubmission.ActionKey);
        var validation = form.Validate(turnContext, values);
        state[ValuesKey] = values;
        state[ErrorsKey] = JsonSerializer.SerializeToNode(validation.Errors, BotJson.Options);
        return Task.FromResult(validation.IsValid
            ? PromptRecognizerResult.Success(validation.Value!)
            : PromptRecognizerResult.Failure<T>(PromptText.Get(turnContext, PromptText.FormHasErrors)));
    }

    protected override Activity BuildPrompt(ITurnContext turnContext, JsonObject state, PromptOptions options, string? retryText, bool isRetry)
    {
        ArgumentNullException.ThrowIfNull(state);
        var values = state[ValuesKey] as JsonObject ?? [];
        var errors = state[ErrorsKey]?.Deserialize<Dictionary<string, string>>(BotJson.Options) ?? [];
        var activity = form.Render(turnContext, (JsonObject)values.DeepClone(), errors);
        if (retryText is not null)
        {
            activity.Text = retryText;
        }

        activity.InputHint ??= InputHints.ExpectingInput;
        return activity;
    }
}
