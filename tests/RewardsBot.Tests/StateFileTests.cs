using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.DirectLine;
using RewardsBot.Hosting;
using RewardsBot.Runtime.State;
using RewardsBot.Tests.DirectLine;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>
/// Bot state and Direct Line conversations in a file of their own beside the Rewards file, and the move of what an
/// earlier build kept in the Rewards file.
/// </summary>
public sealed class StateFileTests : OwnHostTest
{
    private string RewardsFile => Path.Combine(Folder.Path, "data", "bot.db");

    private string StateFile => Path.Combine(Folder.Path, "data", "bot-state.db");

    private BotDataFiles Files => new($"Data Source={RewardsFile}", $"Data Source={StateFile}");

    /// <summary>The settings of a build before the state file: state in the Rewards file.</summary>
    private Dictionary<string, string?> OneFile => new() { ["ConnectionStrings:BotState"] = $"Data Source={RewardsFile}" };

    private static HashSet<string> Tables(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
        using var reader = command.ExecuteReader();
        var tables = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static long Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> SendAsync(EmulatorConversation session, string text)
        => Assert.Single(await Host.Client.ExpectRepliesAsync(session.Message(text)))!;

    [Fact]
    public async Task State_and_Direct_Line_are_kept_beside_the_Rewards_file_and_the_Rewards_file_holds_only_Rewards_data()
    {
        await StartHostAsync(services: CountingBot.Register);
        Assert.Equal(CountingBot.Counted(1), await SendAsync(new EmulatorConversation(new Uri("http://localhost:1/")), "a"));
        var client = new DirectLineClient(Host);
        await client.StartNewAsync("demo-ana", "Ana Ribeiro");
        await StopHostAsync();

        var rewards = Tables(RewardsFile);
        var state = Tables(StateFile);
        Assert.Contains("rewards_companies", rewards);
        Assert.DoesNotContain(rewards, t => t is "bot_state" or "etag_sequence" or "schema_version" || t.StartsWith("directline_", StringComparison.Ordinal));
        Assert.Contains("bot_state", state);
        Assert.Contains("directline_conversations", state);
        Assert.DoesNotContain(state, t => t.StartsWith("rewards_", StringComparison.Ordinal));
        Assert.True(Scalar(StateFile, "SELECT count(*) FROM bot_state;") >= 1);
        Assert.Equal(1, Scalar(StateFile, "SELECT count(*) FROM directline_conversations;"));
    }

    [Fact]
    public async Task ConnectionStrings_BotState_names_the_state_file()
    {
        var elsewhere = Path.Combine(Folder.Path, "working", "chats.db");
        await StartHostAsync(new Dictionary<string, string?> { ["ConnectionStrings:BotState"] = $"Data Source={elsewhere}" }, CountingBot.Register);
        Assert.Equal(CountingBot.Counted(1), await SendAsync(new EmulatorConversation(new Uri("http://localhost:1/")), "a"));
        await StopHostAsync();

        Assert.True(Scalar(elsewhere, "SELECT count(*) FROM bot_state;") >= 1);
        Assert.False(File.Exists(StateFile));
        Assert.DoesNotContain("bot_state", Tables(RewardsFile));
    }

    [Fact]
    public async Task After_an_upgrade_from_one_file_conversations_continue_from_the_state_file_and_the_Rewards_file_loses_the_moved_tables()
    {
        // The earlier layout: everything in the Rewards file.
        var session = new EmulatorConversation(new Uri("http://localhost:1/"));
        await StartHostAsync(OneFile, CountingBot.Register);
        Assert.Equal(CountingBot.Counted(1), await SendAsync(session, "a"));
        Assert.Equal(CountingBot.Counted(2), await SendAsync(session, "b"));
        var client = new DirectLineClient(Host);
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana", "Ana Ribeiro");
        await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("hello"));
        var before = await client.GetAllAsync(token, conversationId);
        await StopHostAsync();
        Assert.False(File.Exists(StateFile));
        var documents = Scalar(RewardsFile, "SELECT count(*) FROM bot_state;");
        var lastETag = Scalar(RewardsFile, "SELECT last_etag FROM etag_sequence;");

        // This build's default layout over the same folder.
        await StartHostAsync(services: CountingBot.Register);
        Assert.Equal(CountingBot.Counted(3), await SendAsync(session, "c"));
        client = new DirectLineClient(Host);
        var grant = await Host.Services.GetRequiredService<DirectLineTokenIssuer>().IssueAsync("demo-ana", "Ana Ribeiro", conversationId, CancellationToken.None);
        var after = await client.GetAllAsync(grant.Token, conversationId);
        var moved = Host.Logs.Lines.Single(l => l.Contains("Moved ", StringComparison.Ordinal));
        await StopHostAsync();

        Assert.Equal(before.Activities.Select(a => a.Id), after.Activities.Select(a => a.Id));
        Assert.Contains($"Moved {documents} bot state documents and 1 Direct Line conversations", moved, StringComparison.Ordinal);
        var rewards = Tables(RewardsFile);
        Assert.DoesNotContain(rewards, t => t is "bot_state" or "etag_sequence" or "schema_version" || t.StartsWith("directline_", StringComparison.Ordinal));
        Assert.Contains("rewards_companies", rewards);
        Assert.True(Scalar(StateFile, "SELECT last_etag FROM etag_sequence;") > lastETag, "eTags keep rising across the move.");
    }

    [Fact]
    public async Task A_move_stopped_between_its_copy_and_its_drop_is_finished_at_the_next_start_without_overwriting_what_was_copied()
    {
        // The earlier file with two documents, and a state file where the copy already happened (one of the two is
        // there, as it was copied); then the move runs again.
        Directory.CreateDirectory(Path.GetDirectoryName(RewardsFile)!);
        await using (var earlier = new SqliteStorage($"Data Source={RewardsFile}"))
        {
            await earlier.WriteAsync(Items(("chat/a", "earlier-a"), ("chat/b", "earlier-b")), CancellationToken.None);
        }

        await using (var state = new SqliteStorage($"Data Source={StateFile}"))
        {
            await state.WriteAsync(Items(("chat/a", "copied-a")), CancellationToken.None);
        }

        var moved = await StateFileMove.MoveAsync(Files, CancellationToken.None);

        Assert.Equal(1, moved.StateDocuments);
        Assert.DoesNotContain("bot_state", Tables(RewardsFile));
        await using var after = new SqliteStorage($"Data Source={StateFile}");
        var read = await after.ReadAsync(["chat/a", "chat/b"], CancellationToken.None);
        Assert.Equal("copied-a", read["chat/a"].Document["v"]!.GetValue<string>());
        Assert.Equal("earlier-b", read["chat/b"].Document["v"]!.GetValue<string>());
        var written = await after.WriteAsync(Items(("chat/c", "new")), CancellationToken.None);
        Assert.True(long.Parse(written["chat/c"], System.Globalization.CultureInfo.InvariantCulture) > 2, "eTags keep rising after the move.");
    }

    [Fact]
    public async Task Tables_of_a_newer_build_are_not_moved_and_the_host_is_told_why()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(RewardsFile)!);
        await using (var earlier = new SqliteStorage($"Data Source={RewardsFile}"))
        {
            await earlier.WriteAsync(Items(("chat/a", "earlier-a")), CancellationToken.None);
        }

        using (var connection = new SqliteConnection($"Data Source={RewardsFile};Pooling=False"))
        {
            connection.Open();
            using var newer = connection.CreateCommand();
            newer.CommandText = "INSERT INTO schema_version (version) VALUES (99);";
            newer.ExecuteNonQuery();
        }

        await using (var state = new SqliteStorage($"Data Source={StateFile}"))
        {
            Assert.True((await state.CheckHealthAsync(CancellationToken.None)).IsHealthy);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StateFileMove.MoveAsync(Files, CancellationToken.None));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("bot_state", Tables(RewardsFile));
        Assert.Equal(0, Scalar(StateFile, "SELECT count(*) FROM bot_state;"));
    }

    [Theory]
    [InlineData("Data Source=/srv/bot/data/rewardsbot.db", "/srv/bot/data/rewardsbot-state.db")]
    [InlineData("Data Source=/srv/bot/rewards", "/srv/bot/rewards-state")]
    [InlineData("Data Source=/srv/bot/rewards.v2.sqlite", "/srv/bot/rewards.v2-state.sqlite")]
    public void The_default_state_file_is_the_Rewards_file_name_with_state_before_its_extension(string rewards, string expected)
    {
        var state = SqliteConnectionStrings.StateFileBeside(rewards);

        Assert.Equal(expected, new SqliteConnectionStringBuilder(state).DataSource);
    }

    [Fact]
    public void The_default_state_file_keeps_the_Rewards_connection_settings()
    {
        var state = new SqliteConnectionStringBuilder(SqliteConnectionStrings.StateFileBeside("Data Source=/srv/bot/rewardsbot.db;Default Timeout=7"));

        Assert.Equal(7, state.DefaultTimeout);
        Assert.Equal("/srv/bot/rewardsbot-state.db", state.DataSource);
    }

    private static Dictionary<string, StoreItem> Items(params (string Key, string Value)[] items)
        => items.ToDictionary(i => i.Key, i => new StoreItem(new JsonObject { ["v"] = i.Value }, "*"));
}
