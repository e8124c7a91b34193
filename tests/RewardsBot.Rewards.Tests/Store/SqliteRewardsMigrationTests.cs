using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;
using static RewardsBot.Rewards.Tests.Store.SqliteTestFile;

namespace RewardsBot.Rewards.Tests.Store;

public sealed class SqliteRewardsMigrationTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));
    private readonly TempFolder _folder = new();

    private string DbFile => _folder.File("rewards.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_migration_steps_are_numbered_one_by_one_and_the_last_is_the_schema_version()
    {
        Assert.Equal(Enumerable.Range(1, SqliteRewardsMigrations.All.Count), SqliteRewardsMigrations.All.Select(m => m.Version));
        Assert.Equal(SqliteRewardsStore.SchemaVersion, SqliteRewardsMigrations.All[^1].Version);
        Assert.Equal(4, SqliteRewardsStore.SchemaVersion);
    }

    [Fact]
    public async Task Migrating_an_empty_file_creates_every_rewards_table_and_records_each_version_once()
    {
        using (var store = new SqliteRewardsStore($"Data Source={DbFile}", new FixedClock(Now)))
        {
            await store.MigrateAsync(None);
            await store.MigrateAsync(None);
        }

        using (var again = new SqliteRewardsStore($"Data Source={DbFile}", new FixedClock(Now.AddDays(1))))
        {
            await again.MigrateAsync(None);
        }

        var versions = Query(DbFile, "SELECT version, applied_utc FROM rewards_schema_version ORDER BY version;");
        Assert.Equal([["1", "2025-06-01T10:00:00.0000000Z"], ["2", "2025-06-01T10:00:00.0000000Z"], ["3", "2025-06-01T10:00:00.0000000Z"], ["4", "2025-06-01T10:00:00.0000000Z"]], versions);
        string[] tables =
        [
            "rewards_activations", "rewards_audit", "rewards_changes", "rewards_chat_identities", "rewards_companies", "rewards_marketing_contact_history",
            "rewards_marketing_contacts", "rewards_offers", "rewards_publisher_profiles", "rewards_sales", "rewards_schema_version",
            "rewards_technical_help_requests", "rewards_tenant_association_requests", "rewards_tenants", "rewards_user_roles", "rewards_users",
        ];
        Assert.Equal(tables, Column(DbFile, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rewards%' ORDER BY name;"));
        Assert.Equal("wal", Column(DbFile, "PRAGMA journal_mode;")[0]);
    }

    [Fact]
    public async Task A_file_created_at_version_1_migrates_to_the_latest_version_keeping_its_data()
    {
        await CreateVersion1FileAsync();
        Execute(DbFile, """
            INSERT INTO rewards_companies VALUES ('contoso', 'Contoso', '4871234', 'partners@contoso.com', 'tenant-contoso');
            INSERT INTO rewards_users VALUES ('u-bob', 'contoso', 'Bob', 'bob@contoso.com', 'tenant-contoso', 'obj-bob');
            INSERT INTO rewards_user_roles VALUES ('u-bob', 0, 'AdminAgent'), ('u-bob', 1, 'Developer');
            INSERT INTO rewards_publisher_profiles VALUES ('pp', 'contoso', 'Contoso Software', 1);
            INSERT INTO rewards_offers VALUES ('offer-crm', 'pp', 'CRM', 'AppSource', 'Transact', 'Live', '2025-01-02T03:04:05.0000000Z', 'u-bob');
            INSERT INTO rewards_sales (id, offer_id, amount_usd, billed_at, fraudulent) VALUES ('s-1', 'offer-crm', '1234.56', '2025-02-01T00:00:00.0000000Z', 1);
            INSERT INTO rewards_audit (at, actor_user_id, company_id, action) VALUES ('2025-01-01T00:00:00.0000000Z', 'u-bob', 'contoso', 'seed');
            """);
        Assert.DoesNotContain("status", Column(DbFile, "SELECT name FROM pragma_table_info('rewards_users');"));

        using var store = new SqliteRewardsStore($"Data Source={DbFile}", new FixedClock(Now));
        var bob = await store.GetUserAsync("u-bob", None);

        var expected = new PartnerUser("u-bob", "contoso", "Bob", "bob@contoso.com", "tenant-contoso", "obj-bob", [PartnerRole.AdminAgent, PartnerRole.Developer], UserStatus.Active);
        StoreSamples.AssertSameUser(expected, bob);
        Assert.Equal(new Company("contoso", "Contoso", "4871234", "partners@contoso.com", "tenant-contoso"), await store.GetCompanyAsync("contoso", None));
        Assert.Equal([new Offer("offer-crm", "pp", "CRM", Marketplace.AppSource, ListingType.Transact, OfferState.Live, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "u-bob")], await store.ListOffersAsync("contoso", None));
        Assert.Equal([new BilledSale("s-1", "offer-crm", 1234.56m, new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), true)], await store.ListSalesAsync("contoso", None));
        Assert.Equal(["seed"], (await store.ListAuditAsync("contoso", None)).Select(a => a.Action));

        Assert.Equal(["1", "2", "3", "4"], Column(DbFile, "SELECT version FROM rewards_schema_version ORDER BY version;"));
        Assert.Equal([["status", "TEXT", "1", "'Active'"]], Query(DbFile, "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('rewards_users') WHERE name = 'status';"));
        var indexes = Column(DbFile, "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('rewards_offers_owner', 'rewards_tenant_association_requests_pending', 'rewards_users_company_status') ORDER BY name;");
        Assert.Equal(["rewards_offers_owner", "rewards_tenant_association_requests_pending", "rewards_users_company_status"], indexes);
    }

    [Fact]
    public async Task A_user_written_after_the_migration_to_version_2_keeps_its_departed_status()
    {
        await CreateVersion1FileAsync();
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        var departed = StoreSamples.Bob;

        await store.WriteAsync((w, ct) => w.UpsertUserAsync(departed, ct), None);

        StoreSamples.AssertSameUser(departed, await store.GetUserAsync(departed.Id, None));
        Assert.Equal(["Departed"], Column(DbFile, "SELECT status FROM rewards_users;"));
    }

    [Fact]
    public async Task Every_data_table_counts_its_inserts_updates_and_deletes_and_has_a_rowid()
    {
        // The read cache relies on both: the triggers move rewards_changes.seq whoever writes, and SQLite's update hook
        // (which names the tables a write changed) is not called for tables without a rowid. A table added later
        // without its triggers fails here.
        using (var store = new SqliteRewardsStore($"Data Source={DbFile}"))
        {
            await store.MigrateAsync(None);
        }

        var dataTables = Column(DbFile, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rewards%' AND name NOT IN ('rewards_schema_version', 'rewards_changes') ORDER BY name;");
        Assert.Equal(RewardsTableNames.DataTables.Order(StringComparer.Ordinal), dataTables);
        foreach (var table in dataTables)
        {
            var triggers = Query(DbFile, $"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '{table}' ORDER BY name;");
            Assert.Equal([$"{table}_deleted", $"{table}_inserted", $"{table}_updated"], triggers.Select(t => t[0]));
            Assert.All(triggers, t => Assert.Contains("UPDATE rewards_changes SET seq = seq + 1, writer = NULL", t[1]!, StringComparison.Ordinal));
            Assert.DoesNotContain("WITHOUT ROWID", Column(DbFile, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}';")[0]!, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal([["1", "0", null]], Query(DbFile, "SELECT id, seq, writer FROM rewards_changes;"));
        Execute(DbFile, "INSERT INTO rewards_companies VALUES ('c', 'C', NULL, 'a@c.com', 't'); UPDATE rewards_companies SET name = 'D'; DELETE FROM rewards_companies;");
        Assert.Equal([["3", null]], Query(DbFile, "SELECT seq, writer FROM rewards_changes;"));
    }

    [Fact]
    public async Task A_database_of_a_newer_version_is_refused_with_a_message_saying_what_to_do()
    {
        Execute(DbFile, "CREATE TABLE rewards_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_utc TEXT NOT NULL); INSERT INTO rewards_schema_version VALUES (1, 'x'), (2, 'x'), (3, 'x'), (4, 'x'), (5, 'x');");
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MigrateAsync(None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ListCompaniesAsync(None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync((w, ct) => w.UpsertCompanyAsync(StoreSamples.Contoso, ct), None));

        Assert.Contains(DbFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("newer build", ex.Message, StringComparison.Ordinal);
        Assert.Contains("up to 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:RewardsBot", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["rewards_schema_version"], Column(DbFile, "SELECT name FROM sqlite_master WHERE type = 'table';"));
    }

    /// <summary>A file as the first release left it: only migration 1 applied, by the shipped step itself.</summary>
    private async Task CreateVersion1FileAsync()
    {
        await using var connection = Open(DbFile);
        var version = await SqliteRewardsMigrations.MigrateAsync(connection, new FixedClock(Now), targetVersion: 1, DbFile, None);
        Assert.Equal(1, version);
    }
}
