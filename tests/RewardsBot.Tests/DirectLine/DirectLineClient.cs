using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.DirectLine;

/// <summary>An ActivitySet as it came over the wire.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark, JsonObject Raw);

/// <summary>
/// Speaks Direct Line 3.0 to a test host the way DirectLineJS does: bearer header, JSON bodies, <c>x-ms-bot-agent</c>,
/// ActivitySets read by watermark; plus a raw WebSocket on a streamUrl.
/// </summary>
public sealed class DirectLineClient(BotHost host)
{
    public const string Prefix = "/v3/directline";

    public HttpClient Http => host.Client;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, Prefix + path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        request.Headers.TryAddWithoutValidation("x-ms-bot-agent", "DirectLine/3.0 (directlinejs; tests)");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>tokens/generate with the test host's secret for <paramref name="userId"/>; fails unless 200.</summary>
    public async Task<(string ConversationId, string Token, int ExpiresIn)> GenerateAsync(string userId, string? name = null)
    {
        var body = new JsonObject { ["user"] = new JsonObject { ["id"] = userId, ["name"] = name } };
        using var response = await SendAsync(HttpMethod.Post, "/tokens/generate", BotHost.DirectLineSecret, body.ToJsonString());
        var answer = await ReadObjectAsync(response, HttpStatusCode.OK);
        return (answer["conversationId"]!.GetValue<string>(), answer["token"]!.GetValue<string>(), answer["expires_in"]!.GetValue<int>());
    }

    /// <summary>POST conversations with <paramref name="bearer"/>; returns the status and the answer.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Answer)> StartAsync(string bearer, string? locale = "en-US")
    {
        var body = locale is null ? null : new JsonObject { ["locale"] = locale }.ToJsonString();
        using var response = await SendAsync(HttpMethod.Post, "/conversations", bearer, body);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>A token for a started conversation of <paramref name="userId"/>: generate, then start.</summary>
    public async Task<(string ConversationId, string Token, JsonObject Start)> StartNewAsync(string userId, string? name = null, string locale = "en-US")
    {
        var (conversationId, token, _) = await GenerateAsync(userId, name);
        var (status, answer) = await StartAsync(token, locale);
        Assert.Equal(HttpStatusCode.Created, status);
        return (conversationId, token, answer);
    }

    /// <summary>A message the way Web Chat posts it (channel webchat, a claimed from, a random clientActivityID).</summary>
    public static JsonObject WebChatMessage(string text, string fromId = "r_webchat", string? clientActivityId = null) => new()
    {
        ["type"] = "message",
        ["channelId"] = "webchat",
        ["from"] = new JsonObject { ["id"] = fromId, ["name"] = "", ["role"] = "user" },
        ["locale"] = "en-US",
        ["localTimestamp"] = "2026-11-21T10:00:00.000+01:00",
        ["localTimezone"] = "Europe/Paris",
        ["text"] = text,
        ["textFormat"] = "plain",
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N")[..10] },
    };

    public Task<HttpResponseMessage> PostActivityAsync(string bearer, string conversationId, JsonObject activity)
        => SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", bearer, activity.ToJsonString());

    /// <summary>Posts and returns the id Direct Line gave the activity; fails unless 200.</summary>
    public async Task<string> PostAsync(string bearer, string conversationId, JsonObject activity)
    {
        using var response = await PostActivityAsync(bearer, conversationId, activity);
        return (await ReadObjectAsync(response, HttpStatusCode.OK))["id"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> GetActivitiesResponseAsync(string bearer, string conversationId, string watermark = "")
        => SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities?watermark={watermark}", bearer);

    /// <summary>GET activities after <paramref name="watermark"/>; fails unless 200.</summary>
    public async Task<ActivitySet> GetActivitiesAsync(string bearer, string conversationId, string watermark = "")
    {
        using var response = await GetActivitiesResponseAsync(bearer, conversationId, watermark);
        return ParseSet(await ReadObjectAsync(response, HttpStatusCode.OK));
    }

    /// <summary>Everything after <paramref name="watermark"/>, following pages until one comes back empty (as DirectLineJS polls).</summary>
    public async Task<ActivitySet> GetAllAsync(string bearer, string conversationId, string watermark = "")
    {
        var all = new List<Activity>();
        while (true)
        {
            var page = await GetActivitiesAsync(bearer, conversationId, watermark);
            watermark = page.Watermark;
            if (page.Activities.Count == 0)
            {
                return new ActivitySet(all, watermark, page.Raw);
            }

            all.AddRange(page.Activities);
        }
    }

    public static ActivitySet ParseSet(JsonObject set)
    {
        var activities = set["activities"]!.AsArray().Select(a => BotJson.Deserialize<Activity>(a!.ToJsonString())!).ToList();
        return new ActivitySet(activities, set["watermark"]!.GetValue<string>(), set);
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The Direct Line error code of a 4xx/5xx answer, after checking its status.</summary>
    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await ReadObjectAsync(response, expected);
        Assert.False(string.IsNullOrWhiteSpace(body["error"]?["message"]?.GetValue<string>()), "The error has no message.");
        return body["error"]!["code"]!.GetValue<string>();
    }

    /// <summary>Opens a streamUrl as DirectLineJS does: no Authorization header, the token is in the URL.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        return socket;
    }

    /// <summary>The next text frame: an ActivitySet, or null for an empty keep-alive frame.</summary>
    public static async Task<ActivitySet?> ReceiveAsync(WebSocket socket, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancel.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return message.Length == 0 ? null : ParseSet(JsonNode.Parse(message.ToArray())!.AsObject());
    }

    /// <summary>Receives frames until <paramref name="count"/> activities have come, skipping keep-alives.</summary>
    public static async Task<(List<Activity> Activities, string Watermark)> ReceiveActivitiesAsync(WebSocket socket, int count)
    {
        var activities = new List<Activity>();
        var watermark = "";
        while (activities.Count < count)
        {
            if (await ReceiveAsync(socket) is { } set)
            {
                activities.AddRange(set.Activities);
                watermark = set.Watermark;
            }
        }

        return (activities, watermark);
    }
}
