using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Builder;

/// <summary>Handles one turn: the bot's logic, or the rest of a middleware pipeline.</summary>
public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);

/// <summary>One turn of a conversation: the incoming activity and the means to answer it.</summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }

    /// <summary>The incoming activity.</summary>
    Activity Activity { get; }

    /// <summary>Per-turn services and cached state, keyed by name.</summary>
    TurnContextStateCollection TurnState { get; }

    /// <summary>True once the bot has sent a message-like activity this turn.</summary>
    bool Responded { get; }

    /// <summary>Sends a text message, addressed as a reply to the incoming activity.</summary>
    Task<ResourceResponse> SendActivityAsync(string text, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default);

    /// <summary>Sends an activity; from/recipient/conversation/replyToId/serviceUrl/channelId/locale are filled in when missing.</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Sends several activities in order.</summary>
    Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>Replaces a previously sent activity (its id in <see cref="Activity.Id"/>).</summary>
    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Deletes a previously sent activity.</summary>
    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);
}
