using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>Conversation state in the SQLite file, over restarts (the host runs the test's <see cref="CountingBot"/>).</summary>
public sealed class StatePersistenceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<string> SendAsync(BotHost host, EmulatorConversation session, string text)
        => Assert.Single(await host.Client.ExpectRepliesAsync(session.Message(text)))!;

    [Fact]
    public async Task Conversation_state_survives_a_restart_of_the_host_over_the_same_file()
    {
        var session = new EmulatorConversation(new Uri("http://localhost:1/"));
        await using (var first = await BotHost.StartAsync(_folder, services: CountingBot.Register))
        {
            Assert.Equal(CountingBot.Counted(1), await SendAsync(first, session, "a"));
            Assert.Equal(CountingBot.Counted(2), await SendAsync(first, session, "b"));
        }

        Assert.True(File.Exists(Path.Combine(_folder.Path, "data", "bot.db")));
        await using var second = await BotHost.StartAsync(_folder, services: CountingBot.Register);

        Assert.Equal(CountingBot.Counted(3), await SendAsync(second, session, "c"));
    }

    [Fact]
    public async Task Conversations_do_not_share_state()
    {
        await using var host = await BotHost.StartAsync(_folder, services: CountingBot.Register);
        var one = new EmulatorConversation(new Uri("http://localhost:1/"));
        var two = new EmulatorConversation(new Uri("http://localhost:1/"));

        await SendAsync(host, one, "a");
        await SendAsync(host, one, "b");

        Assert.Equal(CountingBot.Counted(1), await SendAsync(host, two, "a"));
    }

    [Fact]
    public async Task Default_database_lives_under_the_content_roots_data_folder()
    {
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["ConnectionStrings:RewardsBot"] = null }, CountingBot.Register);

        Assert.Equal(CountingBot.Counted(1), await SendAsync(host, new EmulatorConversation(new Uri("http://localhost:1/")), "a"));

        Assert.True(File.Exists(Path.Combine(_folder.Path, "data", "rewardsbot.db")));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "data", "bot.db")));
    }
}
