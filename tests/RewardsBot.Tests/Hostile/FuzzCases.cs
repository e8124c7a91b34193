using System.Text;

namespace RewardsBot.Tests.Hostile;

/// <summary>One generated hostile call; <see cref="Category"/> names what it tries (printed when it fails).</summary>
public abstract record FuzzCase(string Category)
{
    /// <summary>How many requests the case sends.</summary>
    public virtual int Requests => 1;
}

/// <summary>An HTTP request, its body as raw bytes (which need not be JSON, or even UTF-8).</summary>
/// <param name="ExpectReplies">An /api/messages activity with expectReplies: a 200 answer must be a well-formed ExpectedReplies.</param>
/// <param name="ConversationId">The conversation the activity names, when it is well formed enough to name one.</param>
/// <param name="MustSucceed">The request is valid and for a conversation nobody floods: anything but 200 is a failure.</param>
public sealed record HttpCase(
    string Category,
    HttpMethod Method,
    string Path,
    string? Authorization = null,
    byte[]? Body = null,
    string? ContentType = "application/json",
    bool ExpectReplies = false,
    string? ConversationId = null,
    bool MustSucceed = false) : FuzzCase(Category)
{
    public override string ToString()
    {
        var body = Body is null ? "" : Body.Length > 300 ? $" body[{Body.Length} bytes]: {Encoding.UTF8.GetString(Body, 0, 300)}…" : " body: " + Encoding.UTF8.GetString(Body);
        return $"{Category}: {Method} {(Path.Length > 200 ? Path[..200] + "…" : Path)} ({ContentType ?? "no content type"}){body}";
    }
}

/// <summary>A WebSocket connection to a Direct Line streamUrl (path and query), read for one frame when accepted.</summary>
public sealed record StreamCase(string Category, string PathAndQuery) : FuzzCase(Category)
{
    public override string ToString() => $"{Category}: WebSocket {(PathAndQuery.Length > 200 ? PathAndQuery[..200] + "…" : PathAndQuery)}";
}

/// <summary>Requests sent all at once; at least one of them must be answered 429.</summary>
public sealed record FloodCase(string Category, IReadOnlyList<HttpCase> Burst) : FuzzCase(Category)
{
    public override int Requests => Burst.Count;

    public override string ToString() => $"{Category}: {Burst.Count} × {Burst[0]}";
}
