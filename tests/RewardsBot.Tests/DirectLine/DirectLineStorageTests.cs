using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.DirectLine;
using RewardsBot.Runtime.Builder;
using RewardsBot.Sqlite;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.DirectLine;

/// <summary>
/// Conversations and activities in the bot's state file (beside the Rewards file): a page refresh or a host restart resumes with history,
/// a conversation past its retention is deleted, the feed is bounded, and <c>Bot:Storage=Memory</c> keeps it in memory.
/// </summary>
public sealed class DirectLineStorageTests : OwnHostTest
{
    private string DatabaseFile => Path.Combine(Folder.Path, "data", "bot-state.db");

    private async Task<DirectLineClient> HostAsync(Dictionary<string, string?>? settings = null, bool whoIsTalking = false)
    {
        await StartHostAsync(settings, whoIsTalking ? s => s.AddSingleton<IBot, WhoIsTalkingBot>() : null);
        return new DirectLineClient(Host);
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task After_a_restart_over_the_same_file_a_new_token_for_the_same_conversation_resumes_with_history()
    {
        var client = await HostAsync();
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana", "Ana Ribeiro");
        await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("benefits"));
        var before = await client.GetAllAsync(token, conversationId);
        await StopHostAsync();

        client = await HostAsync();
        var grant = await Host.Services.GetRequiredService<DirectLineTokenIssuer>().IssueAsync("demo-ana", "Ana Ribeiro", conversationId, CancellationToken.None);
        using var reconnect = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversationId}?watermark=", grant.Token);
        var (restartStatus, _) = await client.StartAsync(grant.Token);
        var after = await client.GetAllAsync(grant.Token, conversationId);
        var nextId = await client.PostAsync(grant.Token, conversationId, DirectLineClient.WebChatMessage("eligibility"));

        Assert.Equal(conversationId, grant.ConversationId);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restartStatus);
        Assert.Equal(before.Activities.Select(a => a.Id), after.Activities.Select(a => a.Id));
        Assert.Equal(before.Activities.Select(a => a.Text), after.Activities.Select(a => a.Text));
        Assert.Equal(DirectLineIds.ActivityId(conversationId, before.Activities.Count + 1), nextId);
        Assert.Equal(1, Count("directline_conversations"));
    }

    [Fact]
    public async Task A_conversation_idle_past_its_retention_is_deleted_with_its_activities()
    {
        var client = await HostAsync(new() { ["DirectLine:Retention"] = "00:00:01" });
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");
        Assert.Equal(2, Count("directline_activities"));

        HttpStatusCode status;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await Task.Delay(250);
            using var response = await client.GetActivitiesResponseAsync(token, conversationId);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(0, Count("directline_conversations"));
        Assert.Equal(0, Count("directline_activities"));
        Assert.Contains("past their retention", Host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_store_keeps_its_connections_open_between_calls_instead_of_opening_one_per_call()
    {
        var client = await HostAsync(whoIsTalking: true);
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");
        for (var i = 0; i < 10; i++)
        {
            await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("message " + i));
        }

        await client.GetAllAsync(token, conversationId);
        var (opened, used) = ((SqliteDirectLineStore)Host.Services.GetRequiredService<IDirectLineStore>()).Connections;

        // Each message's activities are written with a connection (its reads are answered from memory: DirectLineFeedCache).
        Assert.True(used >= 10, $"The store used a connection {used} times for 10 messages.");
        Assert.True(opened <= SqliteConnectionPool.DefaultMaxIdle, $"The store opened {opened} connections for {used} uses.");
    }

    [Fact]
    public async Task A_feed_keeps_its_newest_activities_up_to_the_cap()
    {
        var client = await HostAsync(new() { ["DirectLine:MaxActivitiesPerConversation"] = "10" }, whoIsTalking: true);
        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");
        for (var i = 0; i < 8; i++)
        {
            await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("message " + i));
        }

        var feed = await client.GetAllAsync(token, conversationId);

        Assert.Equal(Enumerable.Range(7, 10).Select(seq => DirectLineIds.ActivityId(conversationId, seq)), feed.Activities.Select(a => a.Id));
        Assert.Equal("16", feed.Watermark);
        Assert.Equal(10, Count("directline_activities"));
    }

    [Fact]
    public async Task With_memory_storage_direct_line_works_and_writes_no_tables()
    {
        var client = await HostAsync(new() { ["Bot:Storage"] = "Memory" });

        var (conversationId, token, _) = await client.StartNewAsync("demo-ana");
        await client.PostAsync(token, conversationId, DirectLineClient.WebChatMessage("benefits"));
        var feed = await client.GetAllAsync(token, conversationId);

        Assert.True(feed.Activities.Count > 3);
        Assert.False(File.Exists(DatabaseFile));
    }
}
