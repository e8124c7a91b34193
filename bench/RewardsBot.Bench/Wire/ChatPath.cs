namespace RewardsBot.Bench.Wire;

/// <summary>The bot's replies to one turn, how long they took, or why the turn failed on the wire.</summary>
/// <remarks>Whoever holds the result disposes its <see cref="Replies"/> once done with them (their buffer is pooled).</remarks>
internal readonly record struct TurnResult(Replies Replies, double Milliseconds, string? Failure)
{
    public static TurnResult Failed(double milliseconds, string failure) => new(Replies.None, milliseconds, failure);
}

/// <summary>How the benchmark reaches the bot: /api/messages with expectReplies, or Direct Line.</summary>
internal interface IChatPath : IDisposable
{
    string Name { get; }

    ActivityShape Shape { get; }

    /// <summary>A new conversation of <paramref name="userId"/>; its requests are written in <paramref name="body"/> (the worker's).</summary>
    Task<IChatSession> OpenAsync(string userId, RequestBody body, CancellationToken cancellationToken);
}

/// <summary>One conversation of one user.</summary>
internal interface IChatSession : IAsyncDisposable
{
    ConversationAddress Address { get; }

    /// <summary>The user joins: the welcome and the menu.</summary>
    ValueTask<TurnResult> JoinAsync(CancellationToken cancellationToken);

    /// <summary>Sends the activity written in the session's <see cref="RequestBody"/>.</summary>
    ValueTask<TurnResult> SendAsync(CancellationToken cancellationToken);
}
