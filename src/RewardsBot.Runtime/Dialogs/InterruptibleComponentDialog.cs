using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Dialogs.Recognizers;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>The commands that interrupt any step.</summary>
public enum Interruption
{
    None,
    Help,
    Cancel,
    StartOver,
}

/// <summary>
/// A component dialog that handles help, cancel and start over once for everything inside it: help for the current
/// step then the same step again; cancel (confirmed first when answers were already given); start over from the
/// first step. Only exact commands (in English, French or Traditional Chinese) or command buttons count, so an
/// answer that merely contains "help" is an answer. The outermost such dialog handles a command; inner ones never see it.
/// </summary>
public class InterruptibleComponentDialog : ComponentDialog
{
    private static readonly ConditionalWeakTable<ITextCatalog, ConcurrentDictionary<string, CommandWordSet>> CommandWords = new();

    private const string ConfirmCancelDialogId = nameof(InterruptibleComponentDialog) + ".ConfirmCancel";
    private const string ConfirmCancelPromptId = nameof(InterruptibleComponentDialog) + ".ConfirmCancelPrompt";

    public InterruptibleComponentDialog(string dialogId)
        : base(dialogId)
    {
        AddDialog(new ConfirmPrompt(ConfirmCancelPromptId));
        AddDialog(new WaterfallDialog(ConfirmCancelDialogId, [AskToCancelStepAsync, ApplyCancelStepAsync]));
        InitialDialogId = null; // The subclass's first dialog is the initial one.
    }

    /// <summary>Which command, if any, the incoming activity is.</summary>
    public static Interruption Detect(Activity activity, ITextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(texts);
        if (!activity.IsType(ActivityTypes.Message))
        {
            return Interruption.None;
        }

        var submission = CardSubmission.Read(activity);
        switch (submission.Action)
        {
            case "help": return Interruption.Help;
            case "cancel": return Interruption.Cancel;
            case "startOver": return Interruption.StartOver;
        }

        if (submission.Text is not { Length: > 0 and < 40 } text)
        {
            return Interruption.None;
        }

        return IsCommand(text, PromptText.HelpCommands, texts) ? Interruption.Help
            : IsCommand(text, PromptText.CancelCommands, texts) ? Interruption.Cancel
            : IsCommand(text, PromptText.StartOverCommands, texts) ? Interruption.StartOver
            : Interruption.None;
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var context = innerDc.Context;
        var command = Detect(context.Activity, context.GetTextCatalog());
        var confirming = innerDc.ActiveDialog?.Id == ConfirmCancelDialogId;
        switch (command)
        {
            case Interruption.Help:
                await context.SendActivityAsync(HelpText(innerDc), cancellationToken: cancellationToken).ConfigureAwait(false);
                await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case Interruption.Cancel when confirming || !HasProgress(innerDc):
                await PromptText.SendAsync(context, PromptText.Cancelled, cancellationToken).ConfigureAwait(false);
                return await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
            case Interruption.Cancel:
                return await innerDc.BeginDialogAsync(ConfirmCancelDialogId, null, cancellationToken).ConfigureAwait(false);
            case Interruption.StartOver:
                await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                await PromptText.SendAsync(context, PromptText.StartingOver, cancellationToken).ConfigureAwait(false);
                return await innerDc.BeginDialogAsync(InitialDialogId!, null, cancellationToken).ConfigureAwait(false);
            default:
                return await base.OnContinueDialogAsync(innerDc, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when cancelling would lose answers already given: some waterfall inside is past its first step.</summary>
    protected virtual bool HasProgress(DialogContext innerDc)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return HasProgress(innerDc.Stack);
    }

    /// <summary>What help says when the waiting prompt has no help text of its own.</summary>
    protected virtual string DefaultHelpText(DialogContext innerDc)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return PromptText.Get(innerDc.Context, PromptText.HelpDefault);
    }

    private string HelpText(DialogContext innerDc)
        => innerDc.Leaf.ActiveDialog is { } leaf && leaf.IsPrompt() && leaf.GetPromptOptions().HelpText is { Length: > 0 } help
            ? help
            : DefaultHelpText(innerDc);

    /// <summary>True when some waterfall in <paramref name="stack"/> (or inside a component on it) is past its first step.</summary>
    protected static bool HasProgress(IEnumerable<DialogInstance> stack)
        => stack.Any(instance => instance.Id != ConfirmCancelDialogId
            && ((!instance.IsPrompt() && instance.GetWaterfallStepIndex() > 0) || (instance.InnerState is { } inner && HasProgress(inner.DialogStack))));

    /// <summary>The whole message is one of the command's words in any of the bot's languages (punctuation-only words such as "?" compare as typed).</summary>
    private static bool IsCommand(string text, string key, ITextCatalog texts)
    {
        var words = CommandWords.GetValue(texts, _ => new ConcurrentDictionary<string, CommandWordSet>(StringComparer.Ordinal))
            .GetOrAdd(key, static (k, catalog) => CommandWordSet.Of(k, catalog), texts);
        return words.Normalized.Contains(TextNormalizer.Normalize(text)) || words.AsTyped.Contains(text.Trim());
    }

    /// <summary>A command's words of every language, normalized once per catalog.</summary>
    private sealed record CommandWordSet(FrozenSet<string> Normalized, FrozenSet<string> AsTyped)
    {
        public static CommandWordSet Of(string key, ITextCatalog texts)
        {
            var words = BotLanguage.All.SelectMany(language => texts.Get(key, language).Split('|')).ToList();
            var normalized = words.Select(TextNormalizer.Normalize).Where(w => w.Length > 0).ToFrozenSet(StringComparer.Ordinal);
            var asTyped = words.Where(w => TextNormalizer.Normalize(w).Length == 0).Select(w => w.Trim()).ToFrozenSet(StringComparer.Ordinal);
            return new CommandWordSet(normalized, asTyped);
        }
    }

    private static Task<DialogTurnResult> AskToCancelStepAsync(WaterfallStepContext<WaterfallValues> step, CancellationToken cancellationToken)
        => step.PromptAsync(ConfirmCancelPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity(PromptText.Get(step.Context, PromptText.CancelConfirm)),
            MaxAttempts = 2,
        }, cancellationToken);

    private static async Task<DialogTurnResult> ApplyCancelStepAsync(WaterfallStepContext<WaterfallValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is true)
        {
            await PromptText.SendAsync(step.Context, PromptText.Cancelled, cancellationToken).ConfigureAwait(false);
            return await step.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }

        // Not cancelled: the step that was interrupted asks its question again.
        await PromptText.SendAsync(step.Context, PromptText.NotCancelled, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }
}
