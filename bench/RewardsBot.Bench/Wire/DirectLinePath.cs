using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    public Task<IChatSession> OpenAsync(string userId, CancellationToken cancellationToken)
        => Task.FromResult<IChatSession>(new DirectLineSession(this, new ConversationAddress("", userId)));

    public void Dispose() => _http.Dispose();

    /// <summary>POSTs <paramref name="body"/> with <paramref name="bearer"/>; the answer, or an exception naming the status.</summary>
    internal async Task<JsonObject> CallAsync(string path, string bearer, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.TryAddWithoutValidation("x-ms-bot-agent", "DirectLine/3.0 (directlinejs; RewardsBot.Bench)");
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        request.Content.Headers.ContentType = Json;
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} from {path}: {text}"), null, response.StatusCode);
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>One Direct Line conversation: its token, its WebSocket and the frames read from it.</summary>
    private sealed class DirectLineSession(DirectLinePath path, ConversationAddress address) : IChatSession
    {
        private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);
        private DirectLineStreamReader? _stream;
        private string _token = "";
        private string _conversationId = "";

        public ConversationAddress Address => address;

        /// <summary>A token for the user from the secret (not timed), then the conversation's start and its welcome (timed).</summary>
        public async Task<TurnResult> JoinAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var user = new JsonObject { ["user"] = new JsonObject { ["id"] = address.UserId, ["name"] = "Bench user" } };
                var grant = await path.CallAsync("tokens/generate", path._secret, user, cancellationToken);
                (_token, _conversationId) = (grant["token"]!.GetValue<string>(), grant["conversationId"]!.GetValue<string>());
                if (_stream is not null)
                {
                    await _stream.DisposeAsync(); // joining again (asked to send again): a new conversation
                }

                started = Stopwatch.GetTimestamp();
                var answer = await path.CallAsync("conversations", _token, new JsonObject { ["locale"] = "en-US" }, cancellationToken);
                _stream = await DirectLineStreamReader.ConnectAsync(new Uri(answer["streamUrl"]!.GetValue<string>()), cancellationToken);
                return await _stream.ReadRepliesAsync(replyToId: null, started, ReplyTimeout, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or WebSocketException or TaskCanceledException)
            {
                return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, Describe(ex));
            }
        }

        public async Task<TurnResult> SendAsync(JsonObject activity, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            if (_stream is null)
            {
                return TurnResult.Failed(0, "no stream: the conversation was not started");
            }

            try
            {
                var posted = await path.CallAsync("conversations/" + _conversationId + "/activities", _token, activity, cancellationToken);
                return await _stream.ReadRepliesAsync(posted["id"]!.GetValue<string>(), started, ReplyTimeout, cancellationToken);
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
