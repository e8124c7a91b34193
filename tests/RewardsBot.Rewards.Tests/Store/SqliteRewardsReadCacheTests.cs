using System.Text.Json;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;
using static RewardsBot.Rewards.Tests.Store.SqliteTestFile;
using static RewardsBot.Rewards.Tests.Store.StoreSamples;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>
/// The SQLite store's read cache: reads repeated while the tables they read are unchanged are answered without running
/// their statements; a commit of the store drops the answers that read a table it changed, seen by the next read; any
/// other change — another store on the file, another connection — drops them all, seen by the first read after the
/// cache's window. The tests of how the cache follows and tells apart the file's changes use a store that looks at the
/// file before every read (window zero); those of the window move a clock by hand.
/// </summary>
public sealed class SqliteRewardsReadCacheTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();

    private string DbFile => _folder.File("rewards.db");

    public void Dispose() => _folder.Dispose();

    /// <summary>A store as the host makes it (the default window), timed by <paramref name="clock"/>, with the samples in it.</summary>
    private async Task<SqliteRewardsStore> SeededAsync(TimeProvider clock)
    {
        var store = new SqliteRewardsStore($"Data Source={DbFile}", clock);
        await SeedAsync(store);
        return store;
    }

    /// <summary>A store whose cache looks at the file's change count before every read (window zero).</summary>
    private static SqliteRewardsStore LookingEveryRead(string file, string settings = "")
        => new($"Data Source={file}{settings}", null, TimeSpan.Zero);

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
        using var store = LookingEveryRead(DbFile);
        using var otherStore = LookingEveryRead(DbFile);
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
        using var store = LookingEveryRead(DbFile);
        await SeedAsync(store);
        var cache = store.ReadCache;
        var key = new ReadKey("test", "contoso");

        // A read looks at the version, a commit lands, another read sees the new version; the first read's answer
        // (from before the commit) arrives last and must not be kept.
        Assert.False(cache.TryGet(key, out Company? _, out var before));
        Execute(DbFile, "UPDATE rewards_companies SET name = 'Contoso Holding' WHERE id = 'contoso';");
        Assert.False(cache.TryGet(key, out Company? _, out var after));
        cache.Keep(key, Contoso, RewardsTables.Companies, before);

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

    [Fact]
    public async Task A_commit_of_the_store_keeps_the_answers_that_read_no_table_it_changed()
    {
        using var store = LookingEveryRead(DbFile);
        await SeedAsync(store);
        var company = await store.GetCompanyAsync("contoso", None);
        var actor = await store.ReadCompanyActorAsync("u-alice", null, None);
        var contact = await store.ReadCompanyContactAsync("contoso", None);
        Assert.Null(contact.Contact);
        var (followed, emptied) = (store.ReadCache.FollowedOwnCommits, store.ReadCache.Emptied);

        await store.WriteAsync((w, ct) => w.SetMarketingContactAsync(Contact("u-alice", "alice@contoso.com", T0), new MarketingContactChange("contoso", null, "u-alice", "u-alice", T0), ct), None);

        // Companies and users were not written: the same answers, without statements. The contact was: read again.
        Assert.Same(company, await store.GetCompanyAsync("contoso", None));
        Assert.Same(actor, await store.ReadCompanyActorAsync("u-alice", null, None));
        Assert.Equal("u-alice", (await store.ReadCompanyContactAsync("contoso", None)).Contact?.UserId);
        Assert.Equal(followed + 1, store.ReadCache.FollowedOwnCommits);
        Assert.Equal(emptied, store.ReadCache.Emptied);
    }

    [Fact]
    public async Task A_write_that_changes_nothing_leaves_the_count_and_every_answer_as_they_were()
    {
        using var store = new SqliteRewardsStore($"Data Source={DbFile}");
        await SeedAsync(store);
        var company = await store.GetCompanyAsync("contoso", None);
        var count = Column(DbFile, "SELECT seq FROM rewards_changes;");
        var followed = store.ReadCache.FollowedOwnCommits;

        // As a service does when it finds its change already made: it looks, inside the write, and changes nothing.
        await store.WriteAsync(async (w, ct) => Assert.Null(await w.GetMarketingContactAsync("contoso", ct)), None);

        Assert.Equal(count, Column(DbFile, "SELECT seq FROM rewards_changes;"));
        Assert.Same(company, await store.GetCompanyAsync("contoso", None));
        Assert.Equal(followed, store.ReadCache.FollowedOwnCommits);
    }

    [Fact]
    public async Task Without_the_change_count_writes_still_land_and_every_read_goes_to_the_file()
    {
        using var store = LookingEveryRead(DbFile);
        await SeedAsync(store);
        Assert.Equal("Contoso Ltd", (await store.GetCompanyAsync("contoso", None))?.Name);
        Execute(DbFile, "DELETE FROM rewards_changes;");

        await store.WriteAsync((w, ct) => w.UpsertCompanyAsync(Contoso with { Name = "Contoso Group" }, ct), None);
        Assert.Equal("Contoso Group", (await store.GetCompanyAsync("contoso", None))?.Name);
        var hits = store.ReadCache.Hits;
        Execute(DbFile, "UPDATE rewards_companies SET name = 'Contoso Holding' WHERE id = 'contoso';");

        Assert.Equal("Contoso Holding", (await store.GetCompanyAsync("contoso", None))?.Name);
        Assert.Equal("Contoso Holding", (await store.GetCompanyAsync("contoso", None))?.Name);
        Assert.Equal(hits, store.ReadCache.Hits);
    }

    [Fact]
    public async Task A_change_by_another_process_just_before_a_commit_of_the_store_is_not_hidden_by_it()
    {
        using var store = LookingEveryRead(DbFile);
        using var otherProcess = LookingEveryRead(DbFile, ";Default Timeout=20");
        await SeedAsync(store);
        Assert.Equal("Contoso Ltd", (await store.GetCompanyAsync("contoso", None))?.Name);

        // Nobody reads between the two commits: the store's own commit comes right after the other's.
        await otherProcess.WriteAsync((w, ct) => w.UpsertCompanyAsync(Contoso with { Name = "Contoso Group" }, ct), None);
        await store.WriteAsync((w, ct) => w.AppendAuditAsync(Audit("noted", T0), ct), None);

        Assert.Equal("Contoso Group", (await store.GetCompanyAsync("contoso", None))?.Name);
    }

    [Fact]
    public async Task A_change_made_with_sql_between_two_commits_of_the_store_is_not_hidden_by_them()
    {
        using var store = LookingEveryRead(DbFile);
        await SeedAsync(store);
        Assert.Equal("Alice Martin", (await store.GetUserAsync("u-alice", None))?.Name);

        await store.WriteAsync((w, ct) => w.AppendAuditAsync(Audit("first", T0), ct), None);
        Execute(DbFile, "UPDATE rewards_users SET name = 'Alice Durand' WHERE id = 'u-alice';");
        await store.WriteAsync((w, ct) => w.AppendAuditAsync(Audit("second", T0), ct), None);

        Assert.Equal("Alice Durand", (await store.GetUserAsync("u-alice", None))?.Name);
    }

    [Fact]
    public async Task A_write_that_fails_changes_no_answer_and_the_next_commit_is_followed()
    {
        using var store = LookingEveryRead(DbFile);
        await SeedAsync(store);
        var company = await store.GetCompanyAsync("contoso", None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(async (w, ct) =>
        {
            await w.UpsertCompanyAsync(Contoso with { Name = "Never" }, ct);
            throw new InvalidOperationException("the change is refused");
        }, None));
        Assert.Same(company, await store.GetCompanyAsync("contoso", None));

        await store.WriteAsync((w, ct) => w.UpsertCompanyAsync(Contoso with { Name = "Contoso Group" }, ct), None);
        Assert.Equal("Contoso Group", (await store.GetCompanyAsync("contoso", None))?.Name);
        Assert.Equal(1, store.ReadCache.Emptied); // only the first look at the file
    }

    [Fact]
    public async Task An_own_commit_is_the_last_link_only_when_the_file_names_it_as_the_writer()
    {
        using var store = LookingEveryRead(DbFile);
        await SeedAsync(store);
        var cache = store.ReadCache;
        var key = new ReadKey("test", "contoso");
        Assert.False(cache.TryGet(key, out Company? _, out var start));
        cache.Keep(key, Contoso, RewardsTables.Companies, start);

        // A commit of the store whose outcome is not known yet, touching no table the answer read; another writer's
        // single change brings the count to where that commit would have.
        var count = ChangeCount(DbFile);
        var emptied = cache.Emptied;
        cache.Committing(count, count + 1, writer: 42, RewardsTables.Audit);
        Execute(DbFile, "INSERT INTO rewards_audit (at, actor_user_id, company_id, action) VALUES ('2025-01-01T00:00:00.0000000Z', 'u-x', 'contoso', 'other');");

        Assert.Equal(count + 1, ChangeCount(DbFile));
        Assert.False(cache.TryGet(key, out Company? _, out _));
        Assert.Equal(emptied + 1, cache.Emptied);
    }

    [Fact]
    public async Task A_chain_of_own_commits_is_followed_only_through_commits_known_to_have_landed()
    {
        foreach (var landed in new[] { true, false })
        {
            using var folder = new TempFolder();
            var file = folder.File("rewards.db");
            using var store = LookingEveryRead(file);
            await SeedAsync(store);
            var cache = store.ReadCache;
            var key = new ReadKey("test", "contoso");
            Assert.False(cache.TryGet(key, out Company? _, out var start));
            cache.Keep(key, Contoso, RewardsTables.Companies, start);
            var s = ChangeCount(file);

            // Two commits of the store, as the cache records them, and the file where they would have left it: two
            // changes, the last one signed by the second commit.
            var first = cache.Committing(s, s + 1, writer: 7, RewardsTables.Audit);
            if (landed)
            {
                cache.Committed(first);
            }

            cache.Committing(s + 1, s + 2, writer: 8, RewardsTables.Audit);
            Execute(file, "UPDATE rewards_changes SET seq = seq + 2, writer = 8;");

            Assert.Equal(landed, cache.TryGet(key, out Company? _, out _));
        }
    }

    [Fact]
    public async Task A_change_by_another_process_is_seen_by_the_first_read_after_the_window_and_no_statement_runs_before()
    {
        var clock = new HandClock();
        using var store = await SeededAsync(clock);
        var window = store.ReadCache.OtherWritersSeenWithin;
        Assert.Equal(TimeSpan.FromMilliseconds(10), window);
        var company = await store.GetCompanyAsync("contoso", None);
        var (looks, commands) = (store.ReadCache.Looks, store.Pool.CommandCount);

        Execute(DbFile, "UPDATE rewards_companies SET name = 'Contoso Holding' WHERE id = 'contoso';");
        clock.Advance(window - TimeSpan.FromTicks(1));
        Assert.Same(company, await store.GetCompanyAsync("contoso", None));
        Assert.Equal(looks, store.ReadCache.Looks);
        Assert.Equal(commands, store.Pool.CommandCount);

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal("Contoso Holding", (await store.GetCompanyAsync("contoso", None))?.Name);
        Assert.Equal(looks + 1, store.ReadCache.Looks);
    }

    [Fact]
    public async Task A_commit_of_the_store_is_seen_by_the_next_read_without_looking_at_the_file()
    {
        var clock = new HandClock();
        using var store = await SeededAsync(clock);
        var company = await store.GetCompanyAsync("contoso", None);
        Assert.Null((await store.ReadCompanyContactAsync("contoso", None)).Contact);
        var looks = store.ReadCache.Looks;

        await store.WriteAsync((w, ct) => w.SetMarketingContactAsync(Contact("u-alice", "alice@contoso.com", T0), new MarketingContactChange("contoso", null, "u-alice", "u-alice", T0), ct), None);

        Assert.Equal("u-alice", (await store.ReadCompanyContactAsync("contoso", None)).Contact?.UserId);
        Assert.Same(company, await store.GetCompanyAsync("contoso", None));
        Assert.Equal(looks, store.ReadCache.Looks);
    }

    [Fact]
    public async Task A_commit_of_the_store_that_finds_another_change_before_it_makes_the_next_read_look()
    {
        var clock = new HandClock();
        using var store = await SeededAsync(clock);
        Assert.Equal("Contoso Ltd", (await store.GetCompanyAsync("contoso", None))?.Name);
        var looks = store.ReadCache.Looks;

        // Within the window: the other change alone would go unseen, but the store's commit starts after it.
        Execute(DbFile, "UPDATE rewards_companies SET name = 'Contoso Holding' WHERE id = 'contoso';");
        await store.WriteAsync((w, ct) => w.AppendAuditAsync(Audit("noted", T0), ct), None);

        Assert.Equal("Contoso Holding", (await store.GetCompanyAsync("contoso", None))?.Name);
        Assert.Equal(looks + 1, store.ReadCache.Looks);
    }

    [Fact]
    public async Task A_read_that_raced_a_commit_of_the_store_is_not_kept_and_one_begun_after_it_is()
    {
        var clock = new HandClock();
        using var store = await SeededAsync(clock);
        var cache = store.ReadCache;
        var key = new ReadKey("test", "contoso");
        var count = ChangeCount(DbFile);

        // The read begins, the store commits a change to a table it reads, the read's answer (from before) arrives.
        Assert.False(cache.TryGet(key, out Company? _, out var before));
        cache.Committed(cache.Committing(count, count + 1, writer: 5, RewardsTables.Companies));
        cache.Keep(key, Contoso, RewardsTables.Companies, before);
        Assert.False(cache.TryGet(key, out Company? _, out var after));

        cache.Keep(key, Contoso, RewardsTables.Companies, after);
        Assert.True(cache.TryGet(key, out Company? kept, out _));
        Assert.Same(Contoso, kept);
    }

    [Fact]
    public async Task A_commit_of_the_store_whose_outcome_is_unknown_makes_the_next_read_look()
    {
        var clock = new HandClock();
        using var store = await SeededAsync(clock);
        await store.GetCompanyAsync("contoso", None);
        var looks = store.ReadCache.Looks;
        var count = ChangeCount(DbFile);

        store.ReadCache.Abandoned(store.ReadCache.Committing(count, count + 1, writer: 9, RewardsTables.Companies));
        await store.GetCompanyAsync("contoso", None);

        Assert.Equal(looks + 1, store.ReadCache.Looks);
    }

    [Fact]
    public async Task With_a_window_of_zero_every_read_looks_at_the_file()
    {
        using var store = LookingEveryRead(DbFile);
        await SeedAsync(store);
        await store.GetCompanyAsync("contoso", None);
        var looks = store.ReadCache.Looks;

        await store.GetCompanyAsync("contoso", None);
        await store.GetCompanyAsync("contoso", None);

        Assert.Equal(looks + 2, store.ReadCache.Looks);
    }

    [Fact]
    public async Task After_any_write_every_cached_read_answers_what_the_file_holds()
    {
        // Each write changes something some read shows (but two, which change tables no cached read reads); after it,
        // every cached read of the store (warmed before the write) must answer as a store that never cached anything.
        // A read whose tables are declared short fails here.
        (string Name, Func<IRewardsWriter, CancellationToken, Task> Write)[] writes =
        [
            ("company", (w, ct) => w.UpsertCompanyAsync(Contoso with { Name = "Contoso Group" }, ct)),
            ("tenant", (w, ct) => w.UpsertTenantAsync(ContosoHome with { DisplayName = "Contoso HQ" }, ct)),
            ("tenant moved", (w, ct) => w.UpsertTenantAsync(Unassociated with { CompanyId = "contoso" }, ct)),
            ("user", (w, ct) => w.UpsertUserAsync(Alice with { Name = "Alice Durand", Roles = [PartnerRole.Developer] }, ct)),
            ("profile", (w, ct) => w.UpsertPublisherProfileAsync(ContosoMain with { Name = "Contoso Apps" }, ct)),
            ("offer", (w, ct) => w.UpsertOfferAsync(ContosoCrm with { Name = "Contoso CRM 2" }, ct)),
            ("sale", (w, ct) => w.AddSaleAsync(new BilledSale("s-2", "offer-crm", 99.5m, T0, false), ct)),
            ("identity", (w, ct) => w.AddChatIdentityAsync(new ChatIdentity("directline", "dl-alice", "u-bob"), ct)),
            ("contact", (w, ct) => w.SetMarketingContactAsync(Contact("u-bob", "bob@contoso.com", T0), new MarketingContactChange("contoso", "u-alice", "u-bob", "u-alice", T0), ct)),
            ("activation", (w, ct) => w.AddActivationAsync(Activation("a-2", "contoso", "benefit-social"), ct)),
            ("help", (w, ct) => w.AddTechnicalHelpRequestAsync(new TechnicalHelpRequest("h-1", "contoso", "u-alice", default, "Publishing", default, T0), ct)),
            ("tenant request", (w, ct) => w.SaveTenantAssociationRequestAsync(new TenantAssociationRequest("r-2", "contoso", "tenant-stray", "u-alice", T0.AddHours(1), TenantAssociationState.PendingConfirmation, null, null), ct)),
            ("audit", (w, ct) => w.AppendAuditAsync(Audit("noted", T0), ct)),
        ];
        (string Name, Func<IRewardsStore, Task<object?>> Read)[] reads =
        [
            ("GetCompany", async s => await s.GetCompanyAsync("contoso", None)),
            ("GetTenant", async s => await s.GetTenantAsync("tenant-contoso", None)),
            ("ListTenantsOfCompany", async s => await s.ListTenantsOfCompanyAsync("contoso", None)),
            ("GetUser", async s => await s.GetUserAsync("u-alice", None)),
            ("FindUserByObjectId", async s => await s.FindUserByObjectIdAsync("tenant-contoso", Alice.EntraObjectId!, None)),
            ("FindUserIdByChatIdentity", async s => await s.FindUserIdByChatIdentityAsync("directline", "dl-alice", None)),
            ("FindTeamsSignIn", async s => await s.FindTeamsSignInAsync("tenant-contoso", Alice.EntraObjectId!, None)),
            ("FindChatSignIn", async s => await s.FindChatSignInAsync("directline", "dl-alice", None)),
            ("ListUsers", async s => await s.ListUsersAsync("contoso", None)),
            ("ReadCompanyActor", async s => await s.ReadCompanyActorAsync("u-alice", null, None)),
            ("ReadCompanyRewards", async s => await s.ReadCompanyRewardsAsync("contoso", None)),
            ("ListPublisherProfiles", async s => await s.ListPublisherProfilesAsync("contoso", None)),
            ("ListOffers", async s => await s.ListOffersAsync("contoso", None)),
            ("ListSales", async s => await s.ListSalesAsync("contoso", None)),
            ("GetMarketingContact", async s => await s.GetMarketingContactAsync("contoso", None)),
            ("ReadCompanyContact", async s => await s.ReadCompanyContactAsync("contoso", None)),
            ("ListActivations", async s => await s.ListActivationsAsync("contoso", None)),
            ("GetTenantAssociationRequest", async s => await s.GetTenantAssociationRequestAsync("r-1", None)),
            ("ListPendingTenantAssociationRequests", async s => await s.ListPendingTenantAssociationRequestsAsync("contoso", "tenant-stray", None)),
        ];

        var stale = new List<string>();
        foreach (var (writeName, write) in writes)
        {
            using var folder = new TempFolder();
            var file = folder.File("rewards.db");
            using var store = new SqliteRewardsStore($"Data Source={file}");
            await SeedAsync(store);
            await store.WriteAsync(async (w, ct) =>
            {
                await w.AddChatIdentityAsync(new ChatIdentity("directline", "dl-alice", "u-alice"), ct);
                await w.AddSaleAsync(new BilledSale("s-1", "offer-crm", 10m, T0, false), ct);
                await w.SetMarketingContactAsync(Contact("u-alice", "alice@contoso.com", T0), new MarketingContactChange("contoso", null, "u-alice", "u-alice", T0), ct);
                await w.AddActivationAsync(Activation("a-1", "contoso", "benefit-co-sell"), ct);
                await w.SaveTenantAssociationRequestAsync(new TenantAssociationRequest("r-1", "contoso", "tenant-stray", "u-alice", T0, TenantAssociationState.PendingConfirmation, null, null), ct);
            }, None);
            foreach (var (_, read) in reads)
            {
                await read(store);
                await read(store);
            }

            var before = reads.Select(r => Json(r.Read(store).Result)).ToArray();
            var hitsBefore = store.ReadCache.Hits;
            var missesBefore = store.ReadCache.Misses;
            await store.WriteAsync(write, None);

            using var fresh = new SqliteRewardsStore($"Data Source={file}");
            var changedAny = false;
            for (var i = 0; i < reads.Length; i++)
            {
                var cached = Json(await reads[i].Read(store));
                var truth = Json(await reads[i].Read(fresh));
                changedAny |= truth != before[i];
                if (cached != truth)
                {
                    stale.Add($"{reads[i].Name} after {writeName}");
                }
            }

            Assert.True(store.ReadCache.Hits > hitsBefore, "The reads were answered from the cache before the write.");
            if (writeName is "help" or "audit")
            {
                // Requests and the audit log are read by no cached read: every answer stays.
                Assert.False(changedAny);
                Assert.Equal(missesBefore, store.ReadCache.Misses);
            }
            else
            {
                Assert.True(changedAny, $"The write '{writeName}' changes no read's answer: it tests nothing.");
            }
        }

        Assert.Empty(stale);
    }

    private static string Json(object? answer) => JsonSerializer.Serialize(answer);

    private static long ChangeCount(string file) => long.Parse(Column(file, "SELECT seq FROM rewards_changes;").Single()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Timestamps the test moves by hand (the cache times its window with the clock's timestamps).</summary>
    private sealed class HandClock : TimeProvider
    {
        private long _ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
