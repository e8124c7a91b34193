using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.DirectLine;

internal enum PostOutcome { Posted, NotFound, BotFailed, BotTimedOut }

/// <summary>
/// A conversation's feed: starting it (the bot welcomes the user before they type), posting the user's activity (its
/// echo and the bot's replies are appended together, in order, with ids, timestamps and roles Web Chat needs), and
/// reading it by watermark. One writer per conversation at a time.
/// </summary>
internal sealed partial class DirectLineConversations(
    IDirectLineStore store,
    DirectLineBotBridge bridge,
    DirectLineFeedSignals signals,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    ILogger<DirectLineConversations> logger)
{
    /// <summary>Most activities in one ActivitySet (a GET answer or a WebSocket frame).</summary>
    public const int PageSize = 100;

    private readonly ConversationLocks _locks = new();

    public Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
        => store.FindConversationAsync(conversationId, cancellationToken);

    public Task<IReadOnlyList<StoredActivity>> ReadAsync(string conversationId, long afterSequence, CancellationToken cancellationToken)
        => store.ReadAsync(conversationId, afterSequence, PageSize, cancellationToken);

    /// <summary>
    /// Starts the conversation: the bot gets a <c>conversationUpdate</c> with the user added and its replies open the
    /// feed. A conversation that exists is returned as it is (<c>Created</c> false). Null when the bot failed.
    /// </summary>
    public async Task<(DirectLineConversation? Conversation, bool Created, TurnOutcome Outcome)> StartAsync(
        string conversationId, string userId, string? userName, string? locale, CancellationToken cancellationToken)
    {
        using var held = await _locks.EnterAsync(conversationId, cancellationToken);
        var existing = await store.FindConversationAsync(conversationId, cancellationToken);
        if (existing is not null)
        {
            return (existing, false, TurnOutcome.Ok);
        }

        var now = clock.GetUtcNow();
        var botUser = new ChannelAccount { Id = DirectLineIds.BotUserId(userId), Name = userName, Role = RoleTypes.User };
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = DirectLineIds.ActivityId(conversationId, 0),
            Timestamp = now,
            ChannelId = Channels.DirectLine,
            Conversation = new ConversationAccount { Id = conversationId },
            From = botUser,
            Recipient = DirectLineIds.Bot(),
            MembersAdded = [new ChannelAccount { Id = botUser.Id, Name = userName }],
            MembersRemoved = [],
            Locale = locale,
        };

        var turn = await bridge.RunTurnAsync(update, CancellationToken.None);
        if (turn.Outcome != TurnOutcome.Ok)
        {
            return (null, false, turn.Outcome);
        }

        var feedUser = new ChannelAccount { Id = userId, Name = userName, Role = RoleTypes.User };
        var (replies, lastActive) = StampReplies(turn.Replies, conversationId, feedUser, 0, replyToId: null, now);
        var conversation = new DirectLineConversation(conversationId, userId, userName, locale, now, lastActive, replies.Count == 0 ? 0 : replies[^1].Sequence);
        if (!await store.CreateConversationAsync(conversation, replies, CancellationToken.None))
        {
            return (await store.FindConversationAsync(conversationId, CancellationToken.None), false, TurnOutcome.Ok);
        }

        LogStarted(replies.Count);
        signals.Notify(conversationId);
        return (conversation, true, TurnOutcome.Ok);
    }

    /// <summary>
    /// Posts the user's activity: the bot runs a turn on it, then the user's activity (the echo, redacted when it
    /// carried a secret the bot refused) and the replies are appended. Returns the echo's id.
    /// </summary>
    /// <param name="feedUser">Who the feed shows as the sender: the token's user (or, with the secret, the posted <c>from</c>).</param>
    public async Task<(PostOutcome Outcome, string? ActivityId)> PostAsync(
        string conversationId, Activity posted, ChannelAccount feedUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(feedUser);
        using var held = await _locks.EnterAsync(conversationId, cancellationToken);
        var conversation = await store.FindConversationAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return (PostOutcome.NotFound, null);
        }

        var sequence = conversation.LastSequence + 1;
        var echo = Echo(posted, conversation, feedUser, sequence, Later(clock.GetUtcNow(), conversation.LastActiveUtc));
        var toBot = BotJson.Deserialize<Activity>(BotJson.Serialize(echo))!;
        toBot.From = new ChannelAccount { Id = DirectLineIds.BotUserId(feedUser.Id!), Name = feedUser.Name, Role = RoleTypes.User };

        // From here on the turn runs to its end whatever the browser does, so what it changed is also in the feed.
        var turn = await bridge.RunTurnAsync(toBot, CancellationToken.None);
        if (turn.Outcome != TurnOutcome.Ok)
        {
            return (turn.Outcome == TurnOutcome.TimedOut ? PostOutcome.BotTimedOut : PostOutcome.BotFailed, null);
        }

        if (DirectLineTranscript.Redact(echo, toBot))
        {
            LogRedacted(echo.Type);
        }

        var (replies, lastActive) = StampReplies(turn.Replies, conversationId, feedUser, sequence, echo.Id, echo.Timestamp!.Value);
        List<StoredActivity> appended = [new StoredActivity(sequence, BotJson.Serialize(echo)), .. replies];
        if (!await store.AppendAsync(conversationId, appended, lastActive, options.Value.MaxActivitiesPerConversation, CancellationToken.None))
        {
            return (PostOutcome.NotFound, null);
        }

        signals.Notify(conversationId);
        return (PostOutcome.Posted, echo.Id);
    }

    /// <summary>The user's activity as the feed keeps it: server id and time, our channel, the sender from the token.</summary>
    private static Activity Echo(Activity posted, DirectLineConversation conversation, ChannelAccount feedUser, long sequence, DateTimeOffset timestamp)
    {
        posted.Id = DirectLineIds.ActivityId(conversation.Id, sequence);
        posted.Timestamp = timestamp;
        posted.ChannelId = Channels.DirectLine;
        posted.Conversation = new ConversationAccount { Id = conversation.Id };
        posted.From = new ChannelAccount { Id = feedUser.Id, Name = feedUser.Name, Role = RoleTypes.User };
        posted.Recipient = DirectLineIds.Bot();
        posted.Locale ??= conversation.Locale;
        posted.ServiceUrl = null;
        posted.DeliveryMode = null;
        posted.CallerId = null;
        return posted;
    }

    /// <summary>Gives the bot's replies their feed ids (after <paramref name="afterSequence"/>), times, sender and recipient.</summary>
    private (List<StoredActivity> Stored, DateTimeOffset LastActive) StampReplies(
        IReadOnlyList<Activity> replies, string conversationId, ChannelAccount feedUser, long afterSequence, string? replyToId, DateTimeOffset after)
    {
        var stored = new List<StoredActivity>();
        var sequence = afterSequence;
        var time = after;
        var now = clock.GetUtcNow();
        foreach (var reply in replies.Where(IsForTheFeed))
        {
            time = Later(now, time);
            reply.Id = DirectLineIds.ActivityId(conversationId, ++sequence);
            reply.Timestamp = time;
            reply.ChannelId = Channels.DirectLine;
            reply.Conversation = new ConversationAccount { Id = conversationId };
            reply.From = DirectLineIds.Bot();
            reply.Recipient = new ChannelAccount { Id = feedUser.Id, Name = feedUser.Name, Role = RoleTypes.User };
            reply.ReplyToId ??= replyToId;
            reply.ServiceUrl = null;
            reply.DeliveryMode = null;
            reply.CallerId = null;
            stored.Add(new StoredActivity(sequence, BotJson.Serialize(reply)));
        }

        return (stored, time);
    }

    /// <summary>Typing is momentary and traces are for the Emulator's inspector: neither is kept in a feed.</summary>
    private static bool IsForTheFeed(Activity reply)
        => reply.Type is not (ActivityTypes.Typing or ActivityTypes.Trace or ActivityTypes.InvokeResponse);

    /// <summary>A time after <paramref name="previous"/>: Web Chat orders a feed by timestamp, so no two are equal.</summary>
    private static DateTimeOffset Later(DateTimeOffset candidate, DateTimeOffset previous)
        => candidate > previous ? candidate : previous.AddMilliseconds(1);

    [LoggerMessage(Level = LogLevel.Information, Message = "A Direct Line conversation started; the bot answered with {ReplyCount} activities")]
    private partial void LogStarted(int replyCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "A Direct Line {ActivityType} carried a secret the bot refused; the feed keeps it masked")]
    private partial void LogRedacted(string? activityType);
}
