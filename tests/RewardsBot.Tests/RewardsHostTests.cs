using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>The Rewards domain inside the host: one SQLite file with bot state, migrated and seeded at start-up.</summary>
public sealed class RewardsHostTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DatabaseFile => Path.Combine(_folder.Path, "data", "bot.db");

    [Fact]
    public async Task First_run_migrates_and_loads_the_demo_data_into_the_Rewards_file()
    {
        await using var host = await BotHost.StartAsync(_folder);
        var store = host.Services.GetRequiredService<IRewardsStore>();
        var identity = host.Services.GetRequiredService<RewardsServices>().Identity;

        var companies = await store.ListCompaniesAsync(default);
        var ana = await identity.ResolveAsync(new EmulatorIdentityClaim("demo-ana"), default);
        await host.Client.ExpectRepliesAsync(new EmulatorConversation(new Uri("http://localhost:1/")).Message("hi"));

        Assert.True(companies.Count >= 4);
        Assert.True(ana.Succeeded);
        Assert.Equal("Ana Ribeiro", ana.Value!.User.Name);
        // Bot state has a file of its own beside it (StateFileTests).
        Assert.Equal(["rewards_companies"], await TablesAsync("bot_state", "rewards_companies"));
    }

    [Fact]
    public async Task A_restart_does_not_load_the_demo_data_twice()
    {
        int before;
        await using (var first = await BotHost.StartAsync(_folder))
        {
            before = (await first.Services.GetRequiredService<IRewardsStore>().ListUsersAsync("contoso", default)).Count;
        }

        await using var second = await BotHost.StartAsync(_folder);
        var after = (await second.Services.GetRequiredService<IRewardsStore>().ListUsersAsync("contoso", default)).Count;

        Assert.True(before > 0);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Demo_data_can_be_turned_off()
    {
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["Rewards:LoadDemoData"] = "false" });

        Assert.True(await host.Services.GetRequiredService<IRewardsStore>().IsEmptyAsync(default));
    }

    [Fact]
    public async Task Tier_thresholds_come_from_configuration()
    {
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["Rewards:TierThresholdsUsd:0"] = "10",
            ["Rewards:TierThresholdsUsd:1"] = "20",
            ["Rewards:TierThresholdsUsd:2"] = "30",
            ["Rewards:TierThresholdsUsd:3"] = "40",
        });

        var catalogue = host.Services.GetRequiredService<BenefitCatalogue>();

        Assert.Equal(1, catalogue.TierFor(15m));
        Assert.Equal(4, catalogue.TierFor(45m));
    }

    [Fact]
    public async Task Falling_tier_thresholds_stop_the_host()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["Rewards:TierThresholdsUsd:0"] = "100",
            ["Rewards:TierThresholdsUsd:1"] = "20",
        }));

        Assert.Contains("Rewards:TierThresholdsUsd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bot_state_and_rewards_writers_of_one_file_queue_behind_one_gate()
    {
        // Both settings naming one file, as builds before the state file had it.
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["Rewards:LoadDemoData"] = "false",
            ["ConnectionStrings:BotState"] = $"Data Source={DatabaseFile}",
        });
        var storage = host.Services.GetRequiredService<RewardsBot.Runtime.State.IStorage>();
        var store = host.Services.GetRequiredService<IRewardsStore>();
        await storage.ReadAsync(["warm-up"], default);
        await store.IsEmptyAsync(default);

        Task stateWrite, rewardsWrite;
        using (await RewardsBot.Sqlite.SqliteFile.EnterWriteGateAsync(Path.GetFullPath(DatabaseFile), default))
        {
            stateWrite = storage.WriteAsync(new Dictionary<string, RewardsBot.Runtime.State.StoreItem> { ["k"] = new([], "*") }, default);
            rewardsWrite = store.WriteAsync((w, ct) => w.UpsertTenantAsync(new RewardsBot.Rewards.Model.EntraTenant("t1", "Tenant", null), ct), default);
            await Task.Delay(300);

            Assert.False(stateWrite.IsCompleted);
            Assert.False(rewardsWrite.IsCompleted);
        }

        await Task.WhenAll(stateWrite, rewardsWrite).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(await store.GetTenantAsync("t1", default));
    }

    [Fact]
    public async Task Bot_state_writes_do_not_wait_for_the_Rewards_files_writers()
    {
        await using var host = await BotHost.StartAsync(_folder, new Dictionary<string, string?> { ["Rewards:LoadDemoData"] = "false" });
        var storage = host.Services.GetRequiredService<RewardsBot.Runtime.State.IStorage>();
        var store = host.Services.GetRequiredService<IRewardsStore>();
        await storage.ReadAsync(["warm-up"], default);
        await store.IsEmptyAsync(default);

        Task rewardsWrite;
        using (await RewardsBot.Sqlite.SqliteFile.EnterWriteGateAsync(Path.GetFullPath(DatabaseFile), default))
        {
            rewardsWrite = store.WriteAsync((w, ct) => w.UpsertTenantAsync(new RewardsBot.Rewards.Model.EntraTenant("t1", "Tenant", null), ct), default);
            var written = await storage.WriteAsync(new Dictionary<string, RewardsBot.Runtime.State.StoreItem> { ["k"] = new([], "*") }, default).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Single(written);
            Assert.False(rewardsWrite.IsCompleted);
        }

        await rewardsWrite.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(await store.GetTenantAsync("t1", default));
    }

    private async Task<List<string>> TablesAsync(params string[] names)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        var found = new List<string>();
        foreach (var name in names)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = $name";
            command.Parameters.AddWithValue("$name", name);
            if (await command.ExecuteScalarAsync() is string table)
            {
                found.Add(table);
            }
        }

        return found;
    }
}
