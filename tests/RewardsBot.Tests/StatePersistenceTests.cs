using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
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
    public async Task State_not_written_for_the_retention_is_deleted_and_the_conversation_starts_over()
    {
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["Bot:StateRetention"] = "00:00:01" }, CountingBot.Register);
        var session = new EmulatorConversation(new Uri("http://localhost:1/"));
        Assert.Equal(CountingBot.Counted(1), await SendAsync(host, session, "a"));
        var stateFile = Path.Combine(_folder.Path, "data", "bot-state.db");
        Assert.True(StateDocuments(stateFile) > 0);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (StateDocuments(stateFile) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, StateDocuments(stateFile));
        Assert.Contains("not written for 00:00:01 (Bot:StateRetention)", host.Logs.All, StringComparison.Ordinal);
        Assert.Equal(CountingBot.Counted(1), await SendAsync(host, session, "b"));
    }

    [Fact]
    public async Task State_written_within_the_retention_is_kept()
    {
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["Bot:StateRetention"] = "00:00:05" }, CountingBot.Register);
        var session = new EmulatorConversation(new Uri("http://localhost:1/"));
        await SendAsync(host, session, "a");

        // The service runs every quarter of the retention (1.25 s here): two runs see the state, 3 s old at most.
        await Task.Delay(3_000);

        Assert.Equal(CountingBot.Counted(2), await SendAsync(host, session, "b"));
        Assert.DoesNotContain("(Bot:StateRetention)", host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_retention_of_zero_stops_the_host_with_the_settings_name()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["Bot:StateRetention"] = "00:00:00" }, CountingBot.Register));

        Assert.Contains("StateRetention", error.Message, StringComparison.Ordinal);
    }

    private static long StateDocuments(string stateFile)
    {
        using var connection = new SqliteConnection($"Data Source={stateFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM bot_state;";
        return (long)command.ExecuteScalar()!;
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
