using System.ComponentModel.DataAnnotations;

namespace RewardsBot.Hosting;

/// <summary>
/// Flood control of <c>/api/messages</c> (configuration section <c>Bot:Throttle</c>). The caller is usually the Bot
/// Connector, one client for every user, so the limits are per conversation (channel and conversation id), plus one
/// cap on the turns the whole process holds.
/// </summary>
public sealed class MessagesThrottleOptions
{
    public const string SectionName = "Bot:Throttle";

    /// <summary>Activities one conversation may send at once before <see cref="ConversationTurnsPerMinute"/> applies. Default 60.</summary>
    [Range(1, 100_000)]
    public int ConversationBurst { get; set; } = 60;

    /// <summary>Sustained activities per minute of one conversation; beyond the burst it gets 429. Default 60.</summary>
    [Range(1, 1_000_000)]
    public int ConversationTurnsPerMinute { get; set; } = 60;

    /// <summary>Turns running or waiting for their conversation in the whole process; beyond it, 429. Default 512.</summary>
    [Range(1, 100_000)]
    public int MaxTurnsInProgress { get; set; } = 512;

    /// <summary>
    /// Most conversations whose rate is remembered (the limiter's memory). Beyond it the least recently seen are
    /// forgotten first, which only ever makes the limit more lenient for them. Default 20000.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedConversations { get; set; } = 20_000;
}
