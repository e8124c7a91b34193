using System.Collections.Concurrent;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Testing;

/// <summary>
/// An in-memory adapter for unit tests: plays activities from a test user to the bot and queues the bot's replies.
/// Turns run through the same middleware pipeline and turn-error handling as in production.
/// </summary>
public sealed class TestAdapter : BotAdapter
{
    private int _nextId;

    public TestAdapter(string channelId = Channels.Test, string? locale = "en-US")
    {
        Conversation = new ConversationReference
        {
            ChannelId = channelId,
            ServiceUrl = "https://test.localhost/",
            Locale = locale,
            User = new ChannelAccount { Id = "user1", Name = "User1", Role = RoleTypes.User },
            Bot = new ChannelAccount { Id = "bot", Name = "Bot", Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = "conversation1" },
        };
    }

    /// <summary>Who talks to whom, and where; used to address every activity the test sends.</summary>
    public ConversationReference Conversation { get; }

    /// <summary>Raised for every activity the bot sends (for transcripts).</summary>
    public event Action<Activity>? ActivitySent;

    /// <summary>Replies the bot sent, oldest first.</summary>
    public ConcurrentQueue<Activity> ActiveQueue { get; } = new();

    /// <summary>Activities the bot updated (by id).</summary>
    public ConcurrentDictionary<string, Activity> Updated { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of activities the bot deleted.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <summary>A message from the test user with the conversation's addressing.</summary>
    public Activity MakeActivity(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Timestamp = DateTimeOffset.UtcNow,
        From = Conversation.User,
        Recipient = Conversation.Bot,
        Conversation = Conversation.Conversation,
        ChannelId = Conversation.ChannelId,
        ServiceUrl = Conversation.ServiceUrl,
        Locale = Conversation.Locale,
        Text = text,
    };

    /// <summary>Runs one turn for <paramref name="activity"/>; missing addressing fields are filled from <see cref="Conversation"/>.</summary>
    public async Task<ITurnContext> ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var template = MakeActivity();
        activity.Type ??= ActivityTypes.Message;
        activity.Id ??= template.Id;
        activity.From ??= template.From;
        activity.Recipient ??= template.Recipient;
        activity.Conversation ??= template.Conversation;
        activity.ChannelId ??= template.ChannelId;
        activity.ServiceUrl ??= template.ServiceUrl;
        activity.Locale ??= template.Locale;
        var turnContext = new TurnContext(this, activity);
        await RunPipelineAsync(turnContext, callback, cancellationToken).ConfigureAwait(false);
        return turnContext;
    }

    public Task<ITurnContext> SendTextToBotAsync(string text, BotCallbackHandler callback, CancellationToken cancellationToken = default)
        => ProcessActivityAsync(MakeActivity(text), callback, cancellationToken);

    /// <summary>The oldest reply not yet read, or null.</summary>
    public Activity? GetNextReply() => ActiveQueue.TryDequeue(out var reply) ? reply : null;

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            if (activity.IsType(ActivityTypes.InvokeResponse))
            {
                turnContext.TurnState.Set(InvokeResponseKey, activity);
                responses[i] = new ResourceResponse();
                continue;
            }

            activity.Id ??= "reply-" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ActiveQueue.Enqueue(activity);
            ActivitySent?.Invoke(activity);
            responses[i] = new ResourceResponse(activity.Id);
        }

        return Task.FromResult(responses);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Updated[activity.Id!] = activity;
        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken)
    {
        Deleted.Enqueue(activityId);
        return Task.CompletedTask;
    }
}
