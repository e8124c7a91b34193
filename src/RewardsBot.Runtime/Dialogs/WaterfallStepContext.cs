using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>The context of one waterfall step: the previous step's result, the typed state, and the stack.</summary>
public sealed class WaterfallStepContext<TState> : DialogContext
    where TState : class, new()
{
    private readonly WaterfallDialog<TState> _waterfall;
    private readonly DialogInstance _instance;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog<TState> waterfall, DialogContext dc, DialogInstance instance, int index, DialogReason reason, object? result, TState state, JsonNode? options)
        : base(dc)
    {
        _waterfall = waterfall;
        _instance = instance;
        Index = index;
        Reason = reason;
        Result = result;
        Values = state;
        Options = options;
    }

    /// <summary>The index of this step.</summary>
    public int Index { get; }

    /// <summary>Why this step runs (begin, a prompt's answer, NextAsync).</summary>
    public DialogReason Reason { get; }

    /// <summary>The result of the previous step (a prompt's answer), or what <see cref="NextAsync"/> passed.</summary>
    public object? Result { get; }

    /// <summary>What the waterfall has collected; changes are saved after each step.</summary>
    public TState Values { get; }

    /// <summary>The options the waterfall was begun with (when they were not a <typeparamref name="TState"/>), as JSON.</summary>
    public JsonNode? Options { get; }

    /// <summary>The options as <typeparamref name="T"/>.</summary>
    public T? GetOptions<T>() => Options is null ? default : Options.Deserialize<T>(BotJson.Options);

    /// <summary>Skips to the next step with <paramref name="result"/> (a question whose answer is already known).</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"WaterfallStepContext.NextAsync(): step {Index} of '{_waterfall.Id}' called NextAsync twice. Return the result of the first call.");
        }

        _nextCalled = true;
        return _waterfall.NextAsync(this, _instance, Values, result, cancellationToken);
    }

    /// <summary>Starts a prompt; its answer comes to the next step.</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        WaterfallDialog<TState>.SaveState(_instance, Values);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }
}
