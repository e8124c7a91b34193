using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>
/// A dialog that asks one question and ends with the answer. The answer may be typed or come from a card submit;
/// a submit from another (older) card is answered as stale and the question asked again. Each answer that is not
/// understood gets exactly one reply; after <see cref="PromptOptions.MaxAttempts"/> the prompt gives up with
/// <see cref="DialogResults.Abandoned"/> and says how to go on.
/// </summary>
public abstract class Prompt<T> : Dialog
{
    private readonly PromptValidator<T>? _validator;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId) => _validator = validator;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (options is not PromptOptions promptOptions)
        {
            throw new ArgumentException($"The prompt '{Id}' needs a PromptOptions (with at least Prompt) as its options; got {options?.GetType().Name ?? "null"}.", nameof(options));
        }

        var instance = dc.ActiveDialog!;
        instance.SetPromptOptions(promptOptions);
        instance.State[DialogInstanceExtensions.AttemptsKey] = 0;
        await SendPromptAsync(dc.Context, instance, promptOptions, retryText: null, isRetry: false, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (!dc.Context.Activity.IsType(ActivityTypes.Message))
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var options = instance.GetPromptOptions();
        var submission = CardSubmission.Read(dc.Context.Activity);
        if (submission.DialogInstanceId is { } cardOwner && !string.Equals(cardOwner, instance.InstanceId, StringComparison.Ordinal))
        {
            // A submit from a card of an earlier step (or a second click): never an answer to this question.
            await dc.Context.SendActivityAsync(PromptText.Get(dc.Context, PromptText.CardNoLongerActive), cancellationToken: cancellationToken).ConfigureAwait(false);
            await SendPromptAsync(dc.Context, instance, options, retryText: null, isRetry: false, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        var attempts = (instance.State[DialogInstanceExtensions.AttemptsKey]?.GetValue<int>() ?? 0) + 1;
        instance.State[DialogInstanceExtensions.AttemptsKey] = attempts;
        var recognized = await OnRecognizeAsync(dc.Context, instance.State, options, submission, cancellationToken).ConfigureAwait(false);
        var validation = new PromptValidatorContext<T>(dc.Context, recognized, options, attempts);
        var valid = recognized.Succeeded && (_validator is null || await _validator(validation, cancellationToken).ConfigureAwait(false));
        if (valid)
        {
            await ReplaceAnsweredCardAsync(dc.Context, instance, options, submission, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);
        }

        if (options.MaxAttempts > 0 && attempts >= options.MaxAttempts)
        {
            await dc.Context.SendActivityAsync(PromptText.Get(dc.Context, PromptText.TooManyAttempts), cancellationToken: cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(DialogResults.Abandoned, cancellationToken).ConfigureAwait(false);
        }

        var retryText = validation.RetryMessage ?? recognized.RetryText;
        await SendPromptAsync(dc.Context, instance, options, retryText, isRetry: true, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    /// <summary>A dialog started on top of this prompt ended (help, a cancel that was not confirmed): ask again.</summary>
    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
        => RepromptAndWaitAsync(dc, cancellationToken);

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return SendPromptAsync(turnContext, instance, instance.GetPromptOptions(), retryText: null, isRetry: false, cancellationToken);
    }

    /// <summary>
    /// The one activity that asks (or asks again): the prompt (or retry prompt), its text replaced by
    /// <paramref name="retryText"/> when given, with the prompt's own additions (choices, a card).
    /// </summary>
    protected virtual Activity BuildPrompt(ITurnContext turnContext, JsonObject state, PromptOptions options, string? retryText, bool isRetry)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var source = (isRetry ? options.RetryPrompt ?? options.Prompt : options.Prompt) ?? new Activity { Type = ActivityTypes.Message };
        var activity = source.Copy();
        activity.Type ??= ActivityTypes.Message;
        if (retryText is not null)
        {
            activity.Text = retryText;
        }

        activity.InputHint ??= InputHints.ExpectingInput;
        ChoiceFactory.AddChoices(activity, ChoicesToShow(turnContext, options), options.Style, turnContext.Activity.ChannelId);
        return activity;
    }

    /// <summary>The choices shown with the question (buttons, a card or a list, per <see cref="PromptOptions.Style"/>); none by default.</summary>
    protected virtual IReadOnlyList<Choice> ChoicesToShow(ITurnContext turnContext, PromptOptions options) => [];

    /// <summary>Reads the answer; a failure may carry the reason to give the user.</summary>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken);

    /// <summary>
    /// In Teams, a card answered by a click is replaced by its read-only copy (<see cref="AnsweredCard"/>). Best
    /// effort: the answer counts even when the channel refuses the update.
    /// </summary>
    private async Task ReplaceAnsweredCardAsync(ITurnContext turnContext, DialogInstance instance, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!submission.IsCardSubmit || activity.ChannelId != Channels.Msteams || string.IsNullOrEmpty(activity.ReplyToId))
        {
            return;
        }

        if (AnsweredCard.Summarize(BuildPrompt(turnContext, instance.State, options, retryText: null, isRetry: false), submission.Values!) is not { } update)
        {
            return;
        }

        update.Id = activity.ReplyToId;
        update.Conversation = activity.Conversation;
        update.ServiceUrl = activity.ServiceUrl;
        try
        {
            await turnContext.UpdateActivityAsync(update, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Connector.ConnectorException or HttpRequestException)
        {
            // The card stays as it was; a later click on it is answered as stale.
        }
    }

    private Task<ResourceResponse> SendPromptAsync(ITurnContext turnContext, DialogInstance instance, PromptOptions options, string? retryText, bool isRetry, CancellationToken cancellationToken)
    {
        var activity = CardSubmission.Stamp(BuildPrompt(turnContext, instance.State, options, retryText, isRetry), instance.InstanceId);
        return turnContext.SendActivityAsync(activity, cancellationToken);
    }
}
