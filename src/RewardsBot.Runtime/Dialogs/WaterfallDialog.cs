using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>One step of a waterfall.</summary>
public delegate Task<DialogTurnResult> WaterfallStep<TState>(WaterfallStepContext<TState> stepContext, CancellationToken cancellationToken)
    where TState : class, new();

/// <summary>
/// A dialog that runs its steps in order, each usually asking one question with a prompt and receiving the answer
/// in the next step's <see cref="WaterfallStepContext{TState}.Result"/>. What it collects lives in a typed
/// <typeparamref name="TState"/> (plain JSON between turns). Begun with a <typeparamref name="TState"/> as options,
/// it starts from those values, so steps can skip questions whose answers are already known.
/// </summary>
public class WaterfallDialog<TState> : Dialog
    where TState : class, new()
{
    private const string OptionsKey = "options";
    private const string StateKey = "state";
    private static JsonTypeInfo<TState>? s_stateTypeInfo;
    private readonly List<WaterfallStep<TState>> _steps;

    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep<TState>>? steps = null)
        : base(dialogId) => _steps = steps?.ToList() ?? [];

    public WaterfallDialog<TState> AddStep(WaterfallStep<TState> step)
    {
        _steps.Add(step ?? throw new ArgumentNullException(nameof(step)));
        return this;
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog!;
        var state = options as TState ?? new TState();
        instance.State[OptionsKey] = options is null or TState ? null : JsonSerializer.SerializeToNode(options, options.GetType(), BotJson.Options);
        SaveState(instance, state);
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
        => Task.FromResult(EndOfTurn); // A waterfall only waits on a prompt; the prompt takes the user's reply.

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (result is PromptAbandoned)
        {
            return dc.EndDialogAsync(result, cancellationToken);
        }

        return RunStepAsync(dc, dc.ActiveDialog!.GetWaterfallStepIndex() + 1, reason, result, cancellationToken);
    }

    /// <summary>Runs a step; past the last step the waterfall ends with the last result.</summary>
    protected virtual async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        }

        var instance = dc.ActiveDialog!;
        var state = LoadState(instance);
        instance.State[DialogInstanceExtensions.StepIndexKey] = index;
        var options = instance.State[OptionsKey]?.DeepClone();
        var step = new WaterfallStepContext<TState>(this, dc, instance, index, reason, result, state, options);
        var turnResult = await _steps[index](step, cancellationToken).ConfigureAwait(false);
        SaveState(instance, state);
        return turnResult;
    }

    /// <summary>Keeps the collected values in the instance, serialized once, as they are now.</summary>
    internal static void SaveState(DialogInstance instance, TState state)
        => instance.State[StateKey] = SerializedStateValue.Create(state, StateTypeInfo);

    /// <summary>Resolved on first use: a state type the serializer refuses fails the step that saves it, not the type.</summary>
    private static JsonTypeInfo<TState> StateTypeInfo => s_stateTypeInfo ??= SerializedStateValue.TypeInfoOf<TState>();

    private static TState LoadState(DialogInstance instance)
        => SerializedStateValue.Read(instance, StateKey, StateTypeInfo) ?? new TState();

    internal Task<DialogTurnResult> NextAsync(DialogContext dc, DialogInstance instance, TState state, object? result, CancellationToken cancellationToken)
    {
        SaveState(instance, state);
        return ResumeDialogAsync(dc, DialogReason.NextCalled, result, cancellationToken);
    }
}

/// <summary>A waterfall whose collected values are untyped JSON (the SDK's <c>Values</c>); prefer a typed state.</summary>
public class WaterfallDialog(string dialogId, IEnumerable<WaterfallStep<WaterfallValues>>? steps = null)
    : WaterfallDialog<WaterfallValues>(dialogId, steps);

/// <summary>Untyped waterfall values: name → JSON.</summary>
public sealed class WaterfallValues : Dictionary<string, JsonNode?>
{
    public WaterfallValues()
        : base(StringComparer.Ordinal)
    {
    }
}
