using System.Text.Json.Nodes;

namespace RewardsBot.Bench.Wire;

/// <summary>The bot's replies to one turn, how long they took, or why the turn failed on the wire.</summary>
internal readonly record struct TurnResult(Replies Replies, double Milliseconds, string? Failure)
{
    public static TurnResult Failed(double milliseconds, string failure) => new(Replies.None, milliseconds, failure);
}

/// <summary>How the benchmark reaches the bot: /api/messages with expectReplies, or Direct Line.</summary>
internal interface IChatPath : IDisposable
{
    string Name { get; }

    ActivityShape Shape { get; }

    Task<IChatSession> OpenAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>One conversation of one user.</summary>
internal interface IChatSession : IAsyncDisposable
{
    ConversationAddress Address { get; }

    /// <summary>The user joins: the welcome and the menu.</summary>
    Task<TurnResult> JoinAsync(CancellationToken cancellationToken);

    Task<TurnResult> SendAsync(JsonObject activity, CancellationToken cancellationToken);
}
