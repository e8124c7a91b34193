using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// Web Chat's way in, through the host's Direct Line 3.0: a token from the secret (per conversation, user id = the
/// demo identity), start the conversation, open its WebSocket <c>streamUrl</c>, then POST each activity. A turn's time
/// runs from the POST to the frame that brings the bot's replies on the WebSocket (for the join: from starting the
/// conversation to the welcome's frame). Calls made with a token count against DirectLine:RequestsPerMinute/Burst.
/// </summary>
internal sealed class DirectLinePath(Uri baseUrl, string secret, int concurrency) : IChatPath
{
    private const string Prefix = "v3/directline/";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly string _secret = secret;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = new Uri(baseUrl, Prefix),
        Timeout = TimeSpan.FromSeconds(60),
    };

    public string Name => "directline";

    public ActivityShape Shape => WebChatShape.Instance;

    public Task<IChatSession> OpenAsync(string userId, RequestBody body, CancellationToken cancellationToken)
        => Task.FromResult<IChatSession>(new DirectLineSession(this, new ConversationAddress("", userId), body));

    public void Dispose() => _http.Dispose();

    /// <summary>POSTs <paramref name="body"/> with <paramref name="bearer"/>; the answer, or an exception naming the status.</summary>
    internal async Task<JsonDocument> CallAsync(string path, string bearer, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.TryAddWithoutValidation("x-ms-bot-agent", "DirectLine/3.0 (directlinejs; RewardsBot.Bench)");
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = Json;
        using var response = await _http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var text = Encoding.UTF8.GetString(answer);
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} from {path}: {text}"), null, response.StatusCode);
        }

        return JsonDocument.Parse(answer);
    }

    /// <summary>One Direct Line conversation: its token, its WebSocket and the frames read from it.</summary>
    private sealed class DirectLineSession(DirectLinePath path, ConversationAddress address, RequestBody body) : IChatSession
    {
        private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);
        private DirectLineStreamReader? _stream;
        private string _token = "";
        private string _conversationId = "";

        public ConversationAddress Address => address;

        /// <summary>A token for the user from the secret (not timed), then the conversation's start and its welcome (timed).</summary>
        public async ValueTask<TurnResult> JoinAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var writer = body.Start();
                writer.WriteStartObject();
                writer.WriteStartObject("user");
                writer.WriteString("id", address.UserIdJson);
                writer.WriteString("name", "Bench user");
                writer.WriteEndObject();
                writer.WriteEndObject();
                using (var grant = await path.CallAsync("tokens/generate", path._secret, body.Written, cancellationToken))
                {
                    (_token, _conversationId) = (grant.RootElement.GetProperty("token").GetString()!, grant.RootElement.GetProperty("conversationId").GetString()!);
                }

                if (_stream is not null)
                {
                    await _stream.DisposeAsync(); // joining again (asked to send again): a new conversation
                }

                started = Stopwatch.GetTimestamp();
                writer = body.Start();
                writer.WriteStartObject();
                writer.WriteString("locale", "en-US");
                writer.WriteEndObject();
                using (var answer = await path.CallAsync("conversations", _token, body.Written, cancellationToken))
                {
                    _stream = await DirectLineStreamReader.ConnectAsync(new Uri(answer.RootElement.GetProperty("streamUrl").GetString()!), cancellationToken);
                }

                return await _stream.ReadRepliesAsync(replyToId: null, started, ReplyTimeout, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or WebSocketException or TaskCanceledException)
            {
                return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, Describe(ex));
            }
        }

        public async ValueTask<TurnResult> SendAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            if (_stream is null)
            {
                return TurnResult.Failed(0, "no stream: the conversation was not started");
            }

            try
            {
                string id;
                using (var posted = await path.CallAsync("conversations/" + _conversationId + "/activities", _token, body.Written, cancellationToken))
                {
                    id = posted.RootElement.GetProperty("id").GetString()!;
                }

                return await _stream.ReadRepliesAsync(id, started, ReplyTimeout, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or WebSocketException or TaskCanceledException)
            {
                return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, Describe(ex));
            }
        }

        public ValueTask DisposeAsync() => _stream?.DisposeAsync() ?? ValueTask.CompletedTask;

        private static string Describe(Exception ex)
            => ex is HttpRequestException { StatusCode: { } status } ? "HTTP " + ((int)status).ToString(CultureInfo.InvariantCulture) : ex.GetType().Name;
    }
}
