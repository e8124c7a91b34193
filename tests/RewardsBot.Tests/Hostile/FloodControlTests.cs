using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RewardsBot.Endpoints;
using RewardsBot.Hosting;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.Hostile;

/// <summary>
/// Flood control of /api/messages: per conversation (the Bot Connector is one caller for every user) and for the whole
/// process, answered with 429, Retry-After and a problem body; the limiter's memory stays bounded.
/// </summary>
public sealed class FloodControlTests : OwnHostTest
{
    [Fact]
    public async Task A_conversation_over_its_burst_gets_429_with_retry_after_while_other_conversations_go_on()
    {
        await StartHostAsync(new Dictionary<string, string?>
        {
            ["Bot:Throttle:ConversationBurst"] = "3",
            ["Bot:Throttle:ConversationTurnsPerMinute"] = "1",
        });
        var flooding = new EmulatorConversation(Host.Address, userId: "demo-ana");
        var other = new EmulatorConversation(Host.Address, userId: "demo-ana");

        for (var i = 0; i < 3; i++)
        {
            Assert.NotEmpty(await Host.Client.ExpectRepliesAsync(flooding.Message("hello")));
        }

        var refused = flooding.Message("hello");
        refused.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await Host.Client.PostActivityAsync(refused);

        await AssertThrottledAsync(response, minimumSeconds: 30); // one token a minute: the next one is about a minute away
        Assert.NotEmpty(await Host.Client.ExpectRepliesAsync(other.Message("hello")));
    }

    [Fact]
    public async Task A_turn_beyond_the_turns_in_progress_gets_429_at_once_and_the_held_turns_finish()
    {
        var bot = new HeldBot();
        await StartHostAsync(new Dictionary<string, string?> { ["Bot:Throttle:MaxTurnsInProgress"] = "2" }, s => s.AddSingleton<IBot>(bot));
        var first = new EmulatorConversation(Host.Address);
        var second = new EmulatorConversation(Host.Address);
        var third = new EmulatorConversation(Host.Address);

        var held = new[] { first, second }.Select(c => Host.Client.ExpectRepliesAsync(c.Message("wait"))).ToList();
        await bot.WaitUntilHoldingAsync(2);
        var extra = third.Message("one more");
        extra.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await Host.Client.PostActivityAsync(extra);
        await AssertThrottledAsync(response, minimumSeconds: 1);
        bot.Release();

        Assert.All(await Task.WhenAll(held), replies => Assert.Equal("done", Assert.Single(replies)));
        Assert.Equal(0, Host.Services.GetRequiredService<MessagesThrottle>().TurnsInProgress);
        Assert.Equal("done", Assert.Single(await Host.Client.ExpectRepliesAsync(third.Message("now"))));
    }

    [Fact]
    public async Task Refusals_are_counted_in_the_log_without_ids_or_text()
    {
        await StartHostAsync(new Dictionary<string, string?>
        {
            ["Bot:Throttle:ConversationBurst"] = "1",
            ["Bot:Throttle:ConversationTurnsPerMinute"] = "1",
        });
        var session = new EmulatorConversation(Host.Address, userId: "demo-ana");
        await Host.Client.ExpectRepliesAsync(session.Message("hello"));

        for (var i = 0; i < 3; i++)
        {
            var message = session.Message("flood-marker-text");
            message.DeliveryMode = DeliveryModes.ExpectReplies;
            using var response = await Host.Client.PostActivityAsync(message);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        // The first refusal is reported at once; the next ones are counted into the next report (at most every 10 s).
        var report = Assert.Single(Host.Logs.Lines, line => line.Contains("Flood control", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", report, StringComparison.Ordinal);
        Assert.Contains("answered 429 to 1 activities over their conversation's rate", report, StringComparison.Ordinal);
        Assert.DoesNotContain(session.ConversationId, Host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("flood-marker-text", Host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_refills_at_the_configured_rate()
    {
        var clock = new ManualClock();
        var throttle = Throttle(clock, new MessagesThrottleOptions { ConversationBurst = 2, ConversationTurnsPerMinute = 30 });

        Assert.Null(Admit(throttle, "c1"));
        Assert.Null(Admit(throttle, "c1"));
        var refusal = Admit(throttle, "c1");
        Assert.NotNull(refusal);
        Assert.False(refusal.Value.Busy);
        Assert.Equal(2, refusal.Value.RetryAfterSeconds); // 30 a minute: one token every 2 s

        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.NotNull(Admit(throttle, "c1"));
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Null(Admit(throttle, "c1"));
        Assert.Null(Admit(throttle, "c2")); // its own bucket
    }

    [Fact]
    public void The_limiter_remembers_a_bounded_number_of_conversations_and_keeps_the_busy_ones()
    {
        var clock = new ManualClock();
        var options = new MessagesThrottleOptions { ConversationBurst = 5, ConversationTurnsPerMinute = 1, MaxTrackedConversations = 1_000 };
        var throttle = Throttle(clock, options);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(Admit(throttle, "busy"));
        }

        for (var i = 0; i < 100_000; i++)
        {
            Assert.Null(Admit(throttle, "flood-" + i));
            Assert.True(throttle.TrackedConversations <= options.MaxTrackedConversations, $"{throttle.TrackedConversations} conversations tracked after {i + 1}.");
            if (i % 400 == 0)
            {
                Assert.NotNull(Admit(throttle, "busy")); // still remembered as empty: its refusals keep it in the newer generation
            }
        }

        // Long ids fill a generation sooner (by characters), so memory stays bounded whatever their length.
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Null(Admit(throttle, new string('x', 1000) + i));
        }

        Assert.True(throttle.TrackedConversations <= options.MaxTrackedConversations / 2 * 64 * 2 / 1000 + 2, $"{throttle.TrackedConversations} long-id conversations tracked.");
    }

    [Fact]
    public void The_throttle_settings_are_documented_in_the_sample()
    {
        var sample = JsonNode.Parse(File.ReadAllText(SampleSettingsPath()))!["Bot"]!["Throttle"]!.AsObject();
        var defaults = new MessagesThrottleOptions();

        Assert.Equal(defaults.ConversationBurst, sample["ConversationBurst"]!.GetValue<int>());
        Assert.Equal(defaults.ConversationTurnsPerMinute, sample["ConversationTurnsPerMinute"]!.GetValue<int>());
        Assert.Equal(defaults.MaxTurnsInProgress, sample["MaxTurnsInProgress"]!.GetValue<int>());
        Assert.Equal(defaults.MaxTrackedConversations, sample["MaxTrackedConversations"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_setting_out_of_range_stops_the_host()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(Folder, new Dictionary<string, string?> { ["Bot:Throttle:ConversationBurst"] = "0" }));

        Assert.Contains("ConversationBurst", error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertThrottledAsync(HttpResponseMessage response, int minimumSeconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, minimumSeconds, 3600);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.Contains("send the activity again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static MessagesThrottle Throttle(TimeProvider clock, MessagesThrottleOptions options)
        => new(Options.Create(options), clock, NullLogger<MessagesThrottle>.Instance);

    /// <summary>Admits and at once releases a turn of <paramref name="conversationId"/>; the refusal, if any.</summary>
    private static MessagesThrottle.Refusal? Admit(MessagesThrottle throttle, string conversationId)
    {
        var refusal = throttle.TryAdmit(Channels.Emulator, conversationId);
        if (refusal is null)
        {
            throttle.Release();
        }

        return refusal;
    }

    private static string SampleSettingsPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "appsettings.sample.json");
            if (File.Exists(file))
            {
                return file;
            }
        }

        throw new FileNotFoundException("appsettings.sample.json was not found above the test binaries.");
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    /// <summary>A bot whose message turns wait until released, so turns stay in progress while the test looks.</summary>
    private sealed class HeldBot : IBot
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _holding;

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            if (!turnContext.Activity.IsType(ActivityTypes.Message))
            {
                return;
            }

            Interlocked.Increment(ref _holding);
            await _release.Task.WaitAsync(cancellationToken);
            await turnContext.SendActivityAsync("done", cancellationToken: cancellationToken);
        }

        public async Task WaitUntilHoldingAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (Volatile.Read(ref _holding) < count)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        public void Release() => _release.TrySetResult();
    }
}
