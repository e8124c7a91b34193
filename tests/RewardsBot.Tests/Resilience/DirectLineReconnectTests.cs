using System.Net;
using System.Net.WebSockets;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.DirectLine;
using RewardsBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RewardsBot.Tests.Resilience;

/// <summary>
/// A Direct Line client that keeps losing its WebSocket while it posts a burst of messages: it reconnects with the
/// last watermark it saw, polls with that watermark in between, and still gets every activity exactly once, in the
/// order of the conversation's feed.
/// </summary>
public sealed class DirectLineReconnectTests(ITestOutputHelper output) : OwnHostTest
{
    private const int Messages = 40;
    private const int Drops = 6;

    public override async Task InitializeAsync()
        => await StartHostAsync(
            new Dictionary<string, string?> { ["DirectLine:RequestBurst"] = "1000", ["DirectLine:RequestsPerMinute"] = "10000" },
            CountingBot.Register);

    [Fact]
    public async Task A_client_dropping_its_stream_during_a_burst_gets_every_activity_once_and_in_order()
    {
        var client = new DirectLineClient(Host);
        var (conversationId, token, start) = await client.StartNewAsync("demo-ana");
        var expected = 1 + (2 * Messages); // the welcome, then each message's echo and the bot's count

        // The burst: every message posted at once, while the client below drops and reconnects.
        var burst = Task.WhenAll(Enumerable.Range(0, Messages).Select(i => Task.Run(
            () => client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("message " + i, clientActivityId: "cid-" + i)))));

        var received = new List<Activity>();
        var watermark = "";
        var streamUrl = start["streamUrl"]!.GetValue<string>();
        for (var round = 0; received.Count < expected; round++)
        {
            Assert.True(round < 1000, $"Still missing activities after {round} rounds: {received.Count} of {expected}");
            using (var socket = await DirectLineClient.ConnectAsync(streamUrl))
            {
                // Read a few frames, then drop the connection without a close handshake (a network loss).
                for (var frame = 0; frame < 2 && received.Count < expected; frame++)
                {
                    if (await DirectLineClient.ReceiveAsync(socket, TimeSpan.FromSeconds(30)) is { } set)
                    {
                        received.AddRange(set.Activities);
                        watermark = set.Watermark;
                    }
                }

                socket.Abort();
            }

            if (round < Drops)
            {
                // Between connections the client polls, as DirectLineJS falls back to, from the same watermark.
                var polled = await client.GetActivitiesAsync(token, conversationId, watermark);
                received.AddRange(polled.Activities);
                watermark = polled.Watermark;
            }

            using var reconnect = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark={watermark}", token);
            streamUrl = (await DirectLineClient.ReadObjectAsync(reconnect, HttpStatusCode.OK))["streamUrl"]!.GetValue<string>();
        }

        await burst;
        output.WriteLine($"{received.Count} activities received over the reconnections; last watermark {watermark}");

        // Exactly once: no id twice, nothing beyond the feed; in order: the feed's own order.
        Assert.Equal(received.Count, received.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count());
        var feed = await client.GetAllAsync(token, conversationId);
        Assert.Equal(expected, feed.Activities.Count);
        Assert.Equal(feed.Activities.Select(a => a.Id), received.Select(a => a.Id));

        // Every message echoed once and answered once; the bot counted them one at a time.
        var echoes = received.Where(a => a.From?.Role == "user").Select(a => a.ChannelData?["clientActivityID"]?.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, Messages).Select(i => "cid-" + i).Order(StringComparer.Ordinal), echoes.Order(StringComparer.Ordinal));
        var counts = received.Where(a => a.From?.Role == "bot" && a.Text!.StartsWith("count=", StringComparison.Ordinal)).Select(a => a.Text).ToList();
        Assert.Equal(Enumerable.Range(1, Messages).Select(CountingBot.Counted), counts);

        // And nothing more arrives after the last watermark.
        Assert.Empty((await client.GetActivitiesAsync(token, conversationId, watermark)).Activities);
    }
}
