using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Runtime.Builder;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.DirectLine;

/// <summary>
/// The streamUrl over a real <see cref="ClientWebSocket"/>: replay after the watermark, then new activities as they
/// come, reconnect without duplicates, keep-alives, client pings ignored, and a clean close when the host stops.
/// </summary>
public sealed class DirectLineStreamTests : OwnHostTest
{
    private async Task<DirectLineClient> HostAsync(string keepAlive = "00:00:15")
    {
        await StartHostAsync(new Dictionary<string, string?> { ["DirectLine:KeepAliveInterval"] = keepAlive }, s => s.AddSingleton<IBot, WhoIsTalkingBot>());
        return new DirectLineClient(Host);
    }

    private static async Task<(string ConversationId, string Token, string StreamUrl)> StartTalkingAsync(DirectLineClient client, int messages)
    {
        var (conversationId, token, start) = await client.StartNewAsync("demo-ana");
        for (var i = 0; i < messages; i++)
        {
            await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("message " + i));
        }

        return (conversationId, token, start["streamUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_stream_replays_the_feed_then_pushes_each_new_echo_and_reply()
    {
        var client = await HostAsync();
        var (conversationId, token, streamUrl) = await StartTalkingAsync(client, messages: 2);

        using var socket = await DirectLineClient.ConnectAsync(streamUrl);
        var (replayed, replayWatermark) = await DirectLineClient.ReceiveActivitiesAsync(socket, 4);
        var id = await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("live", clientActivityId: "cid-live"));
        var (pushed, pushedWatermark) = await DirectLineClient.ReceiveActivitiesAsync(socket, 2);

        Assert.Equal(["message 0", WhoIsTalkingBot.Answer("demo-ana"), "message 1", WhoIsTalkingBot.Answer("demo-ana")], replayed.Select(a => a.Text));
        Assert.Equal("4", replayWatermark);
        Assert.Equal(id, pushed[0].Id);
        Assert.Equal("cid-live", pushed[0].ChannelData?["clientActivityID"]?.GetValue<string>());
        Assert.Equal("user", pushed[0].From!.Role);
        Assert.Equal(["live", WhoIsTalkingBot.Answer("demo-ana")], pushed.Select(a => a.Text));
        Assert.Equal("bot", pushed[1].From!.Role);
        Assert.Equal("6", pushedWatermark);
    }

    [Fact]
    public async Task Reconnecting_with_the_watermark_brings_only_what_came_after_it()
    {
        var client = await HostAsync();
        var (conversationId, token, streamUrl) = await StartTalkingAsync(client, messages: 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string watermark;
        using (var first = await DirectLineClient.ConnectAsync(streamUrl))
        {
            var (activities, last) = await DirectLineClient.ReceiveActivitiesAsync(first, 2);
            seen.UnionWith(activities.Select(a => a.Id!));
            watermark = last;
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("while away"));
        using var reconnect = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark={watermark}", token);
        var answer = await DirectLineClient.ReadObjectAsync(reconnect, HttpStatusCode.OK);
        using var second = await DirectLineClient.ConnectAsync(answer["streamUrl"]!.GetValue<string>());
        var (after, _) = await DirectLineClient.ReceiveActivitiesAsync(second, 2);

        Assert.Contains("watermark=" + watermark, answer["streamUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["while away", WhoIsTalkingBot.Answer("demo-ana")], after.Select(a => a.Text));
        Assert.DoesNotContain(after, a => seen.Contains(a.Id!));
    }

    [Fact]
    public async Task An_idle_stream_gets_empty_keep_alive_frames_and_client_pings_change_nothing()
    {
        var client = await HostAsync(keepAlive: "00:00:00.3");
        var (conversationId, token, streamUrl) = await StartTalkingAsync(client, messages: 0);
        using var socket = await DirectLineClient.ConnectAsync(streamUrl);

        // The conversation has no activities yet (this bot says nothing on join): the first frame is a keep-alive.
        var first = await DirectLineClient.ReceiveAsync(socket);
        await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var second = await DirectLineClient.ReceiveAsync(socket);
        await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("hello"));
        var (activities, _) = await DirectLineClient.ReceiveActivitiesAsync(socket, 2);

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(["hello", WhoIsTalkingBot.Answer("demo-ana")], activities.Select(a => a.Text));
    }

    [Fact]
    public async Task Stopping_the_host_closes_the_stream_cleanly_with_1001()
    {
        var client = await HostAsync();
        var (_, _, streamUrl) = await StartTalkingAsync(client, messages: 1);
        using var socket = await DirectLineClient.ConnectAsync(streamUrl);
        await DirectLineClient.ReceiveActivitiesAsync(socket, 2);

        var stopwatch = Stopwatch.StartNew();
        var stopping = StopHostAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(new byte[1024], timeout.Token);
        await stopping;

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, result.CloseStatus);
        Assert.False(string.IsNullOrEmpty(result.CloseStatusDescription));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(8), $"The host took {stopwatch.Elapsed} to stop with a stream open.");
    }

    [Fact]
    public async Task A_stream_with_a_bad_expired_or_foreign_token_is_refused_before_the_upgrade()
    {
        var client = await HostAsync();
        var (_, _, streamUrl) = await StartTalkingAsync(client, messages: 0);
        var (_, otherToken, _) = await client.GenerateAsync("demo-grace");
        var streamBase = streamUrl[..(streamUrl.IndexOf("?t=", StringComparison.Ordinal) + 3)];

        var badToken = await HandshakeStatusAsync(streamBase + "not-a-token");
        var foreign = await HandshakeStatusAsync(streamBase + Uri.EscapeDataString(otherToken));
        using var plainGet = await client.Http.GetAsync(new Uri(streamUrl.Replace("ws://", "http://", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Unauthorized, badToken);
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal("BadArgument", await DirectLineClient.ErrorCodeAsync(plainGet, HttpStatusCode.BadRequest));
    }

    private static async Task<HttpStatusCode> HandshakeStatusAsync(string url)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));
        return socket.HttpStatusCode;
    }
}
