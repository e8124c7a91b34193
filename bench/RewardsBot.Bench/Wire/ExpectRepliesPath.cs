using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// The Emulator's way in: each activity POSTed to <c>/api/messages</c> with <c>deliveryMode: expectReplies</c>; the
/// replies come back in the 200 body as <c>{"activities":[...]}</c>. A turn's time is the whole HTTP exchange. The body
/// is read into a pooled buffer that the turn's <see cref="Replies"/> then own.
/// </summary>
internal sealed class ExpectRepliesPath(Uri baseUrl, int concurrency) : IChatPath
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>How long a turn may take, answer read to its end, before it fails.</summary>
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Absolute, so that HttpClient need not combine it with a base address on every request.</summary>
    private readonly Uri _messages = new(baseUrl, "api/messages");

    /// <remarks>
    /// Only what a loopback POST needs: no redirects, cookies or proxy lookup, and no distributed-tracing headers (the
    /// Emulator sends none), so each request costs the client as little as it can. No client timeout: it would not
    /// cover reading the body after the headers; each turn has its own (<see cref="TurnTimeout"/>).
    /// </remarks>
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ActivityHeadersPropagator = null,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public string Name => "api/messages";

    public ActivityShape Shape => EmulatorShape.Instance;

    public Task<IChatSession> OpenAsync(string userId, RequestBody body, CancellationToken cancellationToken)
        => Task.FromResult<IChatSession>(new Session(this, new ConversationAddress(Guid.NewGuid().ToString("N"), userId), body));

    public void Dispose() => _http.Dispose();

    private async Task<TurnResult> PostAsync(ReadOnlyMemory<byte> activity, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        turn.CancelAfter(TurnTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _messages) { Content = new ReadOnlyMemoryContent(activity) };
            request.Content.Headers.ContentType = Json;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, turn.Token);
            if (!response.IsSuccessStatusCode)
            {
                return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            var (body, length) = await ReadBodyAsync(response.Content, turn.Token);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return Replies.Adopt(body, length) is { } replies
                ? new TurnResult(replies, elapsed, null)
                : TurnResult.Failed(elapsed, "no activities in the 200 body");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
        }
    }

    /// <summary>The whole body into a buffer from the pool (returned by the caller, or here when reading fails).</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Replies.BufferFor((int)Math.Min(content.Headers.ContentLength ?? 8 * 1024, 1 << 24)));
        var length = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(2 * buffer.Length);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private sealed class Session(ExpectRepliesPath path, ConversationAddress address, RequestBody body) : IChatSession
    {
        public ConversationAddress Address => address;

        public Task<TurnResult> JoinAsync(CancellationToken cancellationToken)
        {
            EmulatorShape.WriteConversationUpdate(body.Start(), address);
            return path.PostAsync(body.Written, cancellationToken);
        }

        public Task<TurnResult> SendAsync(CancellationToken cancellationToken) => path.PostAsync(body.Written, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
