using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Builder;

/// <summary>What a turn run by <see cref="CloudAdapter"/> has sent so far, held until the turn ends.</summary>
public static class TurnReplies
{
    /// <summary>The replies this turn will deliver (empty for a turn another adapter runs).</summary>
    public static IReadOnlyList<Activity> Pending(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<TurnOutbox>()?.Activities ?? [];
    }
}
