using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>The keys under which waterfalls and prompts keep their state in a <see cref="DialogInstance"/>, in one place.</summary>
/// <remarks>
/// These read the state stored in the turn's document as it is, without building <see cref="DialogInstance.State"/>,
/// while no dialog has asked for it: asking whether an instance is a prompt does not make it be written out again.
/// </remarks>
public static class DialogInstanceExtensions
{
    internal const string StepIndexKey = "stepIndex";
    internal const string PromptOptionsKey = "options";
    internal const string AttemptsKey = "attempts";

    private static readonly JsonTypeInfo<PromptOptions> PromptOptionsTypeInfo = SerializedStateValue.TypeInfoOf<PromptOptions>();

    /// <summary>For a waterfall: the index of the step that is running or waiting.</summary>
    public static int GetWaterfallStepIndex(this DialogInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.TryGetStoredValue(StepIndexKey, out var stored))
        {
            return stored.ValueKind == JsonValueKind.Number && stored.TryGetInt32(out var storedIndex) ? storedIndex : 0;
        }

        return instance.State[StepIndexKey] is JsonValue value && value.TryGetValue<int>(out var index) ? index : 0;
    }

    /// <summary>For a prompt: the options it was started with.</summary>
    /// <remarks>Read from the stored state, the activities it asks with stay JSON until asked for (see <see cref="PromptOptions"/>).</remarks>
    public static PromptOptions GetPromptOptions(this DialogInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var options = instance.TryGetStoredValue(PromptOptionsKey, out var stored)
            ? stored.ValueKind == JsonValueKind.Undefined ? null : PromptOptions.FromStoredJson(stored, BotJson.Options)
            : SerializedStateValue.Read(instance, PromptOptionsKey, PromptOptionsTypeInfo);
        return options ?? new PromptOptions();
    }

    /// <summary>Keeps <paramref name="options"/> as a prompt's options (written once, as they are now).</summary>
    internal static void SetPromptOptions(this DialogInstance instance, PromptOptions options)
        => instance.State[PromptOptionsKey] = SerializedStateValue.Create(options.ToJson());

    /// <summary>True when the instance is a prompt (it was started with prompt options).</summary>
    public static bool IsPrompt(this DialogInstance instance)
        => (instance ?? throw new ArgumentNullException(nameof(instance))).TryGetStoredValue(AttemptsKey, out var stored)
            ? stored.ValueKind != JsonValueKind.Undefined
            : instance.State.ContainsKey(AttemptsKey);
}
