using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// The Emulator's way in: each activity POSTed to <c>/api/messages</c> with <c>deliveryMode: expectReplies</c>; the
/// replies come back in the 200 body as <c>{"activities":[...]}</c>. A turn's time is the whole HTTP exchange. The body
/// is read into a pooled buffer that the turn's <see cref="Replies"/> then own.
/// </summary>
/// <remarks>
/// Each conversation takes a keep-alive <see cref="HttpConnection"/> from this path's pool for its turns and gives it
/// back at its end, so there are as many connections as conversations at once. Not HttpClient: its own work per
/// request (request and response objects, header collections, content streams, connection-pool bookkeeping) was a
/// large part of the load generator's CPU per turn, taken from the bot it measures (bench/README.md, "The load
/// generator's own CPU"); the host sees the same request. One timer for all connections enforces the turn timeout,
/// not one per request.
/// </remarks>
internal sealed class ExpectRepliesPath : IChatPath
{
    /// <summary>How long a turn may take, answer read to its end, before it fails.</summary>
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpTarget _target;
    private readonly Stack<HttpConnection> _idle = new();
    private readonly List<HttpConnection> _all = [];
    private readonly Timer _timeouts;

    public ExpectRepliesPath(Uri baseUrl)
    {
        _target = new HttpTarget(new Uri(baseUrl, "api/messages"));
        _timeouts = new Timer(_ => AbortLateTurns(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public string Name => "api/messages";

    public ActivityShape Shape => EmulatorShape.Instance;

    public Task<IChatSession> OpenAsync(string userId, RequestBody body, CancellationToken cancellationToken)
        => Task.FromResult<IChatSession>(new Session(this, Take(), new ConversationAddress(NewConversationId(), userId), body));

    public void Dispose()
    {
        _timeouts.Dispose();
        lock (_all)
        {
            foreach (var connection in _all)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>
    /// A conversation id as the Emulator makes one: a random (version 4) GUID, 32 hex digits. From
    /// <see cref="Random.Shared"/> rather than <see cref="Guid.NewGuid"/>, which reads the system's random source (a
    /// system call per conversation); these ids need to be unique, not unpredictable.
    /// </summary>
    private static string NewConversationId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("N");
    }

    private HttpConnection Take()
    {
        lock (_all)
        {
            if (_idle.TryPop(out var connection))
            {
                return connection;
            }

            connection = new HttpConnection(_target);
            _all.Add(connection);
            return connection;
        }
    }

    private void GiveBack(HttpConnection connection)
    {
        lock (_all)
        {
            _idle.Push(connection);
        }
    }

    private void AbortLateTurns()
    {
        var startedBefore = Stopwatch.GetTimestamp() - (long)(TurnTimeout.TotalSeconds * Stopwatch.Frequency);
        lock (_all)
        {
            foreach (var connection in _all)
            {
                connection.AbortIfStartedBefore(startedBefore);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<TurnResult> PostAsync(HttpConnection connection, ReadOnlyMemory<byte> activity, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await connection.PostAsync(activity, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!answer.IsSuccess)
            {
                ArrayPool<byte>.Shared.Return(answer.Body);
                return TurnResult.Failed(elapsed, "HTTP " + answer.Status.ToString(CultureInfo.InvariantCulture));
            }

            return Replies.Adopt(answer.Body, answer.Length) is { } replies
                ? new TurnResult(replies, elapsed, null)
                : TurnResult.Failed(elapsed, "no activities in the 200 body");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException or JsonException)
        {
            return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private sealed class Session(ExpectRepliesPath path, HttpConnection connection, ConversationAddress address, RequestBody body) : IChatSession
    {
        public ConversationAddress Address => address;

        public ValueTask<TurnResult> JoinAsync(CancellationToken cancellationToken)
        {
            EmulatorShape.WriteConversationUpdate(body.Start(), address);
            return PostAsync(connection, body.Written, cancellationToken);
        }

        public ValueTask<TurnResult> SendAsync(CancellationToken cancellationToken) => PostAsync(connection, body.Written, cancellationToken);

        public ValueTask DisposeAsync()
        {
            path.GiveBack(connection);
            return ValueTask.CompletedTask;
        }
    }
}
