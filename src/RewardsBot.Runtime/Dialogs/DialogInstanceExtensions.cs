using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>The keys under which waterfalls and prompts keep their state in a <see cref="DialogInstance"/>, in one place.</summary>
public static class DialogInstanceExtensions
{
    internal const string StepIndexKey = "stepIndex";
    internal const string PromptOptionsKey = "options";
    internal const string AttemptsKey = "attempts";

    /// <summary>For a waterfall: the index of the step that is running or waiting.</summary>
    public static int GetWaterfallStepIndex(this DialogInstance instance)
        => (instance ?? throw new ArgumentNullException(nameof(instance))).State[StepIndexKey] is JsonValue value && value.TryGetValue<int>(out var index) ? index : 0;

    /// <summary>For a prompt: the options it was started with.</summary>
    public static PromptOptions GetPromptOptions(this DialogInstance instance)
        => (instance ?? throw new ArgumentNullException(nameof(instance))).State[PromptOptionsKey]?.Deserialize<PromptOptions>(BotJson.Options) ?? new PromptOptions();

    /// <summary>True when the instance is a prompt (it was started with prompt options).</summary>
    public static bool IsPrompt(this DialogInstance instance)
        => (instance ?? throw new ArgumentNullException(nameof(instance))).State.ContainsKey(AttemptsKey);
}
