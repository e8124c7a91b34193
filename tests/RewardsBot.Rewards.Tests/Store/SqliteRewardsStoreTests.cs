using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;
using static RewardsBot.Rewards.Tests.Store.SqliteTestFile;
using static RewardsBot.Rewards.Tests.Store.StoreSamples;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>What the SQLite store does beyond the contract: the file, its neighbours, formats, errors and locks.</summary>
public sealed class SqliteRewardsStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();

    private string DbFile => _folder.File("rewards.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Constructing_touches_nothing_and_the_first_read_creates_the_folder_file_and_schema()
    {
        var file = _folder.File(Path.Combine("data", "nested", "rewards.db"));
        using var store = new SqliteRewardsStore($"Data Source={file}");
        Assert.False(File.Exists(file));

        Assert.True(await store.IsEmptyAsync(None));

        Assert.Equal(file, store.FilePath);
        Assert.Equal(["4"], Column(file, "SELECT max(version) FROM rewards_schema_version;"));
    }

    [Fact]
    public async Task Data_survives_disposing_and_reopening_the_file()
    {
        using (var store = new SqliteRewardsStore($"Data Source={DbFile}"))
        {
            await SeedAsync(store);
            await store.WriteAsync((w, ct) => w.AddActivationAsync(Activation("a-1", "contoso", "benefit-social"), ct), None);
        }

        using var reopened = new SqliteRewardsStore($"Data Source={DbFile}");

        Assert.Equal([Contoso, Fabrikam], await reopened.ListCompaniesAsync(None));
        AssertSameUser(Alice, await reopened.GetUserAsync("u-alice", None));
        Assert.Equal([Activation("a-1", "contoso", "benefit-social")], await reopened.ListActivationsAsync("contoso", None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.WriteAsync((w, ct) => w.AddActivationAsync(Activation("a-2", "contoso", "benefit-social"), ct), None));
    }

    [Fact]
    public async Task The_bot_state_tables_in_the_same_file_are_left_alone()
    {
        const string Runtime = """
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            INSERT INTO schema_version (version) VALUES (1);
            CREATE TABLE bot_state (key TEXT NOT NULL PRIMARY KEY, etag INTEGER NOT NULL, document TEXT NOT NULL, updated_utc TEXT NOT NULL);
            INSERT INTO bot_state VALUES ('msteams/users/29:1', 7, '{"name":"Pat"}', '2025-01-01T00:00:00.0000000Z');
            CREATE TABLE etag_sequence (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), last_etag INTEGER NOT NULL);
            INSERT INTO etag_sequence VALUES (1, 7);
            """;
        Execute(DbFile, Runtime);
        var before = Query(DbFile, "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'rewards%' AND name NOT LIKE 'sqlite%' ORDER BY name;");

        using (var store = new SqliteRewardsStore($"Data Source={DbFile}"))
        {
            await SeedAsync(store);
            Assert.Equal([Contoso, Fabrikam], await store.ListCompaniesAsync(None));
        }

        Assert.Equal(before, Query(DbFile, "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'rewards%' AND name NOT LIKE 'sqlite%' ORDER BY name;"));
        Assert.Equal([["msteams/users/29:1", "7", """{"name":"Pat"}""", "2025-01-01T00:00:00.0000000Z"]], Query(DbFile, "SELECT * FROM bot_state;"));
        Assert.Equal(["1"], Column(DbFile, "SELECT version FROM schema_version;"));
        Assert.Equal(["7"], Column(DbFile, "SELECT last_etag FROM etag_sequence;"));
    }

    [Fact]
    public async Task Values_are_stored_as_enum_names_utc_iso_times_exact_decimal_text_and_role_rows()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        await store.WriteAsync((w, ct) => w.AddSaleAsync(new BilledSale("s-1", "offer-crm", 1234.560m, T0, true), ct), None);

        Assert.Equal([["1234.560", "2025-03-14T08:26:53.5358979Z", "1"]], Query(DbFile, "SELECT amount_usd, billed_at, fraudulent FROM rewards_sales;"));
        Assert.Equal([["AzureMarketplace", "Transact", "Live", "2025-02-02T08:26:53.5358979Z"]], Query(DbFile, "SELECT marketplace, listing_type, state, go_live_date FROM rewards_offers WHERE id = 'offer-crm';"));
        Assert.Equal(["AccountAdmin", "PartnerAdmin", "GlobalAdmin"], Column(DbFile, "SELECT role FROM rewards_user_roles WHERE user_id = 'u-alice' ORDER BY position;"));
        Assert.Equal(["Departed"], Column(DbFile, "SELECT status FROM rewards_users WHERE id = 'u-bob';"));
    }

    [Fact]
    public async Task An_unknown_enum_name_in_the_file_is_reported_with_its_column()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        Execute(DbFile, "UPDATE rewards_offers SET listing_type = 'Subscription' WHERE id = 'offer-crm';");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ListOffersAsync("contoso", None));

        Assert.Contains("'Subscription'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("listing_type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_is_reported_with_the_file_and_the_setting()
    {
        File.WriteAllText(_folder.File("blocker"), "a file, not a folder");
        var file = Path.Combine(_folder.File("blocker"), "rewards.db");
        using var store = new SqliteRewardsStore($"Data Source={file}");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MigrateAsync(None));

        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:RewardsBot", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=rewards.db;Mode=ReadOnly")]
    [InlineData("Data Source=file:rewards.db?mode=memory")]
    [InlineData("Cache=Shared")]
    public void A_connection_string_that_cannot_hold_the_data_is_refused_naming_the_setting(string connectionString)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteRewardsStore(connectionString));

        Assert.Contains("ConnectionStrings:RewardsBot", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_cancelled_after_its_changes_but_before_the_commit_keeps_nothing()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync(
            async (w, ct) =>
            {
                await w.UpsertCompanyAsync(Contoso, ct);
                await cancellation.CancelAsync();
            },
            cancellation.Token));

        Assert.True(await store.IsEmptyAsync(None));
    }

    [Fact]
    public async Task A_writer_kept_after_its_write_ended_cannot_change_anything()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        IRewardsWriter? kept = null;
        await store.WriteAsync((w, _) => Task.FromResult(kept = w), None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => kept!.UpsertCompanyAsync(Contoso, None));

        Assert.Contains("inside the delegate passed to WriteAsync", ex.Message, StringComparison.Ordinal);
        Assert.True(await store.IsEmptyAsync(None));
    }

    [Fact]
    public async Task A_write_waits_while_another_process_holds_the_write_lock_then_lands()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await store.MigrateAsync(None);
        await using var other = Open(DbFile);
        using var lockHolder = other.BeginTransaction(deferred: false);

        // Microsoft.Data.Sqlite waits for SQLite's lock synchronously (retrying every 150 ms), so the write runs on its own thread.
        var write = Task.Run(() => store.WriteAsync((w, ct) => w.UpsertCompanyAsync(Contoso, ct), None));
        var finishedFirst = await Task.WhenAny(write, Task.Delay(400));
        Assert.NotSame(write, finishedFirst);
        Assert.Null(await store.GetCompanyAsync("contoso", None));
        lockHolder.Commit();

        await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Contoso, await store.GetCompanyAsync("contoso", None));
    }

    [Fact]
    public async Task Reads_and_writes_one_after_another_share_one_connection()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Contoso, await store.GetCompanyAsync("contoso", None));
            AssertSameUser(Alice, await store.GetUserAsync("u-alice", None));
            await store.WriteAsync((w, ct) => w.AppendAuditAsync(Audit("read", T0), ct), None);
        }

        Assert.Equal(1L, store.Pool.OpenedCount);
    }

    [Fact]
    public async Task A_write_that_fails_gives_back_a_clean_connection_and_the_next_write_lands()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(
            async (w, ct) =>
            {
                await w.AppendAuditAsync(Audit("lost", T0), ct);
                await w.AddActivationAsync(Activation("a-1", "contoso", "benefit-social"), ct);
                await w.AddActivationAsync(Activation("a-2", "contoso", "benefit-social"), ct);
            },
            None));
        await store.WriteAsync((w, ct) => w.AppendAuditAsync(Audit("kept", T0), ct), None);

        Assert.Equal(["kept"], (await store.ListAuditAsync("contoso", None)).Select(a => a.Action));
        Assert.Empty(await store.ListActivationsAsync("contoso", None));
        Assert.Equal(1L, store.Pool.OpenedCount);
    }

    [Fact]
    public async Task Disposing_the_store_closes_its_connections_and_releases_the_file()
    {
        var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        Assert.Equal([Contoso, Fabrikam], await store.ListCompaniesAsync(None));
        Assert.True(File.Exists(DbFile + "-wal"));

        store.Dispose();

        // SQLite removes the write-ahead log and shared-memory files when the last connection to the file closes.
        Assert.Equal(0, store.Pool.OpenCount);
        Assert.False(File.Exists(DbFile + "-wal"));
        Assert.False(File.Exists(DbFile + "-shm"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ListCompaniesAsync(None));
    }

    [Fact]
    public async Task Duplicate_ids_of_added_records_are_refused_and_the_first_is_kept()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        var sale = new BilledSale("s-1", "offer-crm", 10m, T0, false);
        await store.WriteAsync((w, ct) => w.AddSaleAsync(sale, ct), None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync((w, ct) => w.AddSaleAsync(sale with { AmountUsd = 99m }, ct), None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(
            async (w, ct) =>
            {
                await w.AddActivationAsync(Activation("a-1", "contoso", "benefit-social"), ct);
                await w.AddActivationAsync(Activation("a-1", "contoso", "benefit-other"), ct);
            },
            None));

        Assert.Contains("'s-1'", ex.Message, StringComparison.Ordinal);
        Assert.Equal([sale], await store.ListSalesAsync("contoso", None));
        Assert.Empty(await store.ListActivationsAsync("contoso", None));
    }
}
