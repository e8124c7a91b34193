using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;
using static RewardsBot.Rewards.Tests.Store.SqliteTestFile;
using static RewardsBot.Rewards.Tests.Store.StoreSamples;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>
/// The SQLite store's read cache: reads repeated while the file is unchanged are answered without running their
/// statements, and any commit — through the store, another store on the file, or another connection — is seen by the
/// next read.
/// </summary>
public sealed class SqliteRewardsReadCacheTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();

    private string DbFile => _folder.File("rewards.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_read_repeated_while_nothing_changed_runs_no_statement()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        var first = await store.ReadCompanyRewardsAsync("contoso", None);
        var commands = store.Pool.CommandCount;
        var hits = store.ReadCache.Hits;

        var again = await store.ReadCompanyRewardsAsync("contoso", None);

        Assert.Same(first, again);
        Assert.Equal(commands, store.Pool.CommandCount);
        Assert.Equal(hits + 1, store.ReadCache.Hits);
    }

    [Fact]
    public async Task Reads_with_other_arguments_are_not_mixed_up()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(Contoso, await store.GetCompanyAsync("contoso", None));
            Assert.Equal(Fabrikam, await store.GetCompanyAsync("fabrikam", None));
            Assert.Null(await store.GetCompanyAsync("nobody", None));
            Assert.Equal("contoso", (await store.ReadCompanyActorAsync("u-alice", null, None)).Company?.Id);
            Assert.Equal("fabrikam", (await store.ReadCompanyActorAsync("u-alice", "fabrikam", None)).Company?.Id);
        }
    }

    [Fact]
    public async Task A_change_through_the_store_is_seen_by_the_next_read()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        Assert.Empty((await store.ReadCompanyRewardsAsync("contoso", None)).Activations);
        Assert.Null((await store.ReadCompanyContactAsync("contoso", None)).Contact);

        await store.WriteAsync(async (w, ct) =>
        {
            await w.AddActivationAsync(Activation("a-1", "contoso", "benefit-social"), ct);
            await w.SetMarketingContactAsync(Contact("u-alice", "alice@contoso.com", T0), new MarketingContactChange("contoso", null, "u-alice", "u-alice", T0), ct);
        }, None);

        Assert.Equal([Activation("a-1", "contoso", "benefit-social")], (await store.ReadCompanyRewardsAsync("contoso", None)).Activations);
        Assert.Equal("u-alice", (await store.ReadCompanyContactAsync("contoso", None)).Contact?.UserId);
    }

    [Fact]
    public async Task A_change_by_another_process_is_seen_by_the_next_read()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        using var otherStore = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        Assert.Equal("Contoso Ltd", (await store.GetCompanyAsync("contoso", None))?.Name);
        Assert.Equal("Contoso Ltd", (await store.GetCompanyAsync("contoso", None))?.Name);

        // Another store on the file (as another process would have), then a plain connection.
        await otherStore.WriteAsync((w, ct) => w.UpsertCompanyAsync(Contoso with { Name = "Contoso Group" }, ct), None);
        Assert.Equal("Contoso Group", (await store.GetCompanyAsync("contoso", None))?.Name);

        Execute(DbFile, "UPDATE rewards_companies SET name = 'Contoso Holding' WHERE id = 'contoso';");
        Assert.Equal("Contoso Holding", (await store.GetCompanyAsync("contoso", None))?.Name);
    }

    [Fact]
    public async Task A_read_that_raced_a_commit_is_not_kept_past_it()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        var cache = store.ReadCache;
        var key = new ReadKey("test", "contoso");

        // A read looks at the version, a commit lands, another read sees the new version; the first read's answer
        // (from before the commit) arrives last and must not be kept.
        Assert.False(cache.TryGet(key, out Company? _, out var before));
        Execute(DbFile, "UPDATE rewards_companies SET name = 'Contoso Holding' WHERE id = 'contoso';");
        Assert.False(cache.TryGet(key, out Company? _, out var after));
        cache.Keep(key, Contoso, before);

        Assert.NotEqual(before, after);
        Assert.False(cache.TryGet(key, out Company? _, out _));
    }

    [Fact]
    public async Task The_cache_keeps_at_most_its_bound()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);

        for (var i = 0; i < SqliteRewardsReadCache.MaxEntries + 10; i++)
        {
            await store.GetUserAsync("u-" + i, None);
        }

        Assert.InRange(store.ReadCache.Count, 1, SqliteRewardsReadCache.MaxEntries);
        AssertSameUser(Alice, await store.GetUserAsync("u-alice", None));
    }
}
