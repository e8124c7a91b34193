using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// The Emulator's way in: each activity POSTed to <c>/api/messages</c> with <c>deliveryMode: expectReplies</c>; the
/// replies come back in the 200 body as <c>{"activities":[...]}</c>. A turn's time is the whole HTTP exchange.
/// </summary>
internal sealed class ExpectRepliesPath(Uri baseUrl, int concurrency) : IChatPath
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public string Name => "api/messages";

    public ActivityShape Shape => EmulatorShape.Instance;

    public Task<IChatSession> OpenAsync(string userId, CancellationToken cancellationToken)
        => Task.FromResult<IChatSession>(new Session(this, new ConversationAddress(Guid.NewGuid().ToString("N"), userId)));

    public void Dispose() => _http.Dispose();

    private async Task<TurnResult> PostAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity));
            content.Headers.ContentType = Json;
            using var response = await _http.PostAsync(new Uri("api/messages", UriKind.Relative), content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "HTTP " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return document.RootElement.TryGetProperty("activities", out var activities)
                ? new TurnResult(Replies.FromActivities(activities), elapsed, null)
                : TurnResult.Failed(elapsed, "no activities in the 200 body");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
        }
    }

    private sealed class Session(ExpectRepliesPath path, ConversationAddress address) : IChatSession
    {
        public ConversationAddress Address => address;

        public Task<TurnResult> JoinAsync(CancellationToken cancellationToken) => path.PostAsync(EmulatorShape.ConversationUpdate(address), cancellationToken);

        public Task<TurnResult> SendAsync(JsonObject activity, CancellationToken cancellationToken) => path.PostAsync(activity, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
