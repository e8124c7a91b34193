using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace RewardsBot.Bench;

/// <summary>One load level: N workers, each playing conversations back to back for a fixed time.</summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(BenchOptions options, int concurrency)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };

        var recorders = new LatencyRecorder[concurrency];
        var warmupEnds = Stopwatch.GetTimestamp() + (long)(options.WarmupSeconds * (double)Stopwatch.Frequency);
        var runEnds = warmupEnds + (long)(options.Seconds * (double)Stopwatch.Frequency);
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var recorder = recorders[w] = new LatencyRecorder();
            workers[w] = Task.Run(() => WorkerAsync(http, options, recorder, warmupEnds, runEnds));
        }

        await Task.WhenAll(workers);
        return LoadResult.From(concurrency, options.Seconds, recorders);
    }

    private static async Task WorkerAsync(HttpClient http, BenchOptions options, LatencyRecorder recorder, long warmupEnds, long runEnds)
    {
        while (Stopwatch.GetTimestamp() < runEnds)
        {
            var conversation = new Script(Guid.NewGuid().ToString("N"));
            for (var turn = 0; turn <= options.MessagesPerConversation && Stopwatch.GetTimestamp() < runEnds; turn++)
            {
                var body = turn == 0 ? conversation.ConversationUpdate() : conversation.Message(turn);
                var started = Stopwatch.GetTimestamp();
                var ok = await SendAsync(http, body);
                var ended = Stopwatch.GetTimestamp();
                if (started >= warmupEnds)
                {
                    recorder.Record(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds, ok);
                }
            }
        }
    }

    private static async Task<bool> SendAsync(HttpClient http, byte[] body)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync("api/messages", content);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            await using var stream = await response.Content.ReadAsStreamAsync();
            using var document = await JsonDocument.ParseAsync(stream);
            return document.RootElement.TryGetProperty("activities", out var activities) && activities.GetArrayLength() > 0;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The activities of one scripted conversation, shaped like the Emulator's.</summary>
    private sealed class Script(string conversationId)
    {
        private readonly string _userId = "bench-user-" + conversationId[..8];

        public byte[] ConversationUpdate() => Encode(
            $$"""{"type":"conversationUpdate","id":"{{conversationId}}-0","channelId":"emulator","deliveryMode":"expectReplies","locale":"en-US","conversation":{"id":"{{conversationId}}|livechat"},"from":{"id":"{{_userId}}","name":"User"},"recipient":{"id":"bot","name":"Bot","role":"bot"},"membersAdded":[{"id":"bot"},{"id":"{{_userId}}","name":"User"}]}""");

        public byte[] Message(int turn) => Encode(
            $$"""{"type":"message","id":"{{conversationId}}-{{turn.ToString(CultureInfo.InvariantCulture)}}","channelId":"emulator","deliveryMode":"expectReplies","locale":"en-US","conversation":{"id":"{{conversationId}}|livechat"},"from":{"id":"{{_userId}}","name":"User","role":"user"},"recipient":{"id":"bot","name":"Bot","role":"bot"},"text":"hello {{turn.ToString(CultureInfo.InvariantCulture)}}","timestamp":"{{DateTimeOffset.UtcNow:O}}"}""");

        private static byte[] Encode(string json) => Encoding.UTF8.GetBytes(json);
    }
}
