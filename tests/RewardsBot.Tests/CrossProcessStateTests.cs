using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;
using RewardsBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RewardsBot.Tests;

/// <summary>Two hosts (as two processes would) over one SQLite file, both serving the same conversation.</summary>
public sealed partial class CrossProcessStateTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [GeneratedRegex(@"^count (\d+)$")]
    private static partial Regex Counted();

    /// <summary>Counts messages, pausing between reading and saving state so turns on the two hosts overlap.</summary>
    private sealed class SlowCountingBot(ConversationState conversationState) : ActivityHandler
    {
        private readonly IStatePropertyAccessor<CountState> _count = conversationState.CreateProperty<CountState>("count");

        protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var state = await _count.GetAsync(turnContext, () => new CountState(), cancellationToken);
            state.Value++;
            await Task.Delay(15, cancellationToken);
            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
            await turnContext.SendActivityAsync($"count {state.Value}", cancellationToken: cancellationToken);
        }
    }

    private sealed class CountState
    {
        public int Value { get; set; }
    }

    private static async Task<string> SendAsync(BotHost host, EmulatorConversation session, string text)
        => Assert.Single(await host.Client.ExpectRepliesAsync(session.Message(text)))!;

    [Fact]
    public async Task Concurrent_turns_on_two_hosts_never_lose_an_update_silently()
    {
        static void Slow(IServiceCollection services) => services.AddSingleton<IBot, SlowCountingBot>();
        await using var first = await BotHost.StartAsync(_folder, services: Slow);
        await using var second = await BotHost.StartAsync(_folder, services: Slow);
        var session = new EmulatorConversation(new Uri("http://localhost:1/"));
        var conflictText = BotTexts.Default.Get("host.concurrentChange", "en-US");

        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => SendAsync(i % 2 == 0 ? first : second, session, "m" + i)));

        var counted = replies.Select(r => Counted().Match(r)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        var refused = replies.Count(r => r == conflictText);
        var retries = first.Logs.Lines.Concat(second.Logs.Lines).Count(l => l.Contains("running the turn again", StringComparison.Ordinal));
        output.WriteLine($"counted {counted.Count}, told to resend {refused}, turns run again after a conflict {retries}");

        // The hosts did collide, and every message was either counted once or the user was told to send it again.
        Assert.True(retries > 0, "The two hosts never collided; the test did not exercise conflicts.");
        Assert.Equal(30, counted.Count + refused);
        Assert.Equal(Enumerable.Range(1, counted.Count), counted);

        // What is stored is exactly what was acknowledged.
        Assert.Equal($"count {counted.Count + 1}", await SendAsync(first, session, "last"));
    }
}
