using System.Text.RegularExpressions;
using RewardsBot.Dialogs.Content;
using RewardsBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RewardsBot.Tests;

/// <summary>Two hosts (as two processes would) over one SQLite file, both serving the same conversation.</summary>
public sealed partial class CrossProcessStateTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [GeneratedRegex(@"^count=(\d+)$")]
    private static partial Regex Counted();

    private static async Task<string> SendAsync(BotHost host, EmulatorConversation session, string text)
        => Assert.Single(await host.Client.ExpectRepliesAsync(session.Message(text)))!;

    [Fact]
    public async Task Concurrent_turns_on_two_hosts_never_lose_an_update_silently()
    {
        // Counts messages, pausing between reading and saving state so turns on the two hosts overlap.
        var slow = CountingBot.RegisterSlow(TimeSpan.FromMilliseconds(15));
        await using var first = await BotHost.StartAsync(_folder, services: slow);
        await using var second = await BotHost.StartAsync(_folder, services: slow);
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
        Assert.Equal(CountingBot.Counted(counted.Count + 1), await SendAsync(first, session, "last"));
    }
}
