namespace RewardsBot.DirectLine;

/// <summary>A Direct Line conversation: its user (the token user id), its locale, and its feed's last watermark.</summary>
internal sealed record DirectLineConversation(
    string Id, string UserId, string? UserName, string? Locale, DateTimeOffset CreatedUtc, DateTimeOffset LastActiveUtc, long LastSequence);

/// <summary>One activity of a conversation's feed, as JSON; its sequence number is the watermark after it.</summary>
internal sealed record StoredActivity(long Sequence, string Json);

/// <summary>
/// Where Direct Line conversations and their activity feeds are kept: SQLite (the bot's own file) or memory.
/// Writers of one conversation are serialised by the caller; sequences are given by the caller in order.
/// </summary>
internal interface IDirectLineStore
{
    /// <summary>Creates the schema if needed (a no-op for memory).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<DirectLineConversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Creates the conversation with its first activities; false when it already exists.</summary>
    Task<bool> CreateConversationAsync(DirectLineConversation conversation, IReadOnlyList<StoredActivity> activities, CancellationToken cancellationToken);

    /// <summary>
    /// Appends activities (sequences after the conversation's last), moves its last activity time to
    /// <paramref name="lastActiveUtc"/> and drops activities beyond the newest <paramref name="keep"/>.
    /// False when the conversation no longer exists.
    /// </summary>
    Task<bool> AppendAsync(string conversationId, IReadOnlyList<StoredActivity> activities, DateTimeOffset lastActiveUtc, int keep, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> activities after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredActivity>> ReadAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>Deletes conversations last active before <paramref name="cutoffUtc"/> and older activities of the others; returns how many conversations went.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken);
}
