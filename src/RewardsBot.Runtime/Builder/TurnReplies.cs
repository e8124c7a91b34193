using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

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

    /// <summary>
    /// The replies queued so far as one JSON array: the text <see cref="JsonText.FromActivities"/> gives for them.
    /// </summary>
    /// <remarks>
    /// For a turn <see cref="CloudAdapter"/> runs, the text is also kept with the replies: when nothing is sent after
    /// it, the <c>expectReplies</c> response is written from it, so a bot that keeps its replies (to answer a retry)
    /// and the response do not write the same activities twice. Replies must not be changed after they are written.
    /// </remarks>
    public static JsonText PendingAsJson(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<TurnOutbox>() is not { } outbox)
        {
            return JsonText.FromActivities([]);
        }

        var json = ActivityWriter.ToJsonArray(outbox.Activities);
        outbox.SetWritten(json);
        return JsonText.Trusted(json);
    }
}
