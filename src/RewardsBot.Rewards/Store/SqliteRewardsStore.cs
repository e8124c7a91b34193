using Microsoft.Data.Sqlite;
using RewardsBot.Rewards.Model;
using RewardsBot.Sqlite;
using SQLitePCL;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The Rewards data in one SQLite file (tables <c>rewards_*</c>, schema version in <c>rewards_schema_version</c>), best
/// kept apart from the bot's state (see <see cref="SqliteRewardsReadCache"/>). Safe for several processes sharing the file.
/// </summary>
/// <remarks>
/// The folder, file and schema are created, or the schema migrated to <see cref="SchemaVersion"/>, on first use or by
/// <see cref="MigrateAsync"/> at startup; a file written by a newer build is refused. The file is in WAL mode, so
/// reads never wait for a writer and see committed data. <see cref="WriteAsync"/> runs in one <c>BEGIN IMMEDIATE</c>
/// transaction; writers of one process queue in .NET before taking SQLite's lock. Connections stay open between calls,
/// each keeping its prepared statements (<see cref="SqliteConnectionPool"/>), until the store is disposed. Reads are
/// answered from <see cref="SqliteRewardsReadCache"/> while no commit has changed the tables they read (a change made by
/// another process is seen within 10 ms; this store's own, at once). Storage
/// formats and the schema are described on <see cref="SqliteRewardsMigrations"/>.
/// </remarks>
public sealed class SqliteRewardsStore : IRewardsStore, IDisposable
{
    /// <summary>
    /// The schema version this build reads and writes. Version 1: the initial schema. Version 2: <c>rewards_users.status</c>
    /// (existing users become <see cref="UserStatus.Active"/>) and indexes on users by status and on offers by owner.
    /// Version 3: an index of the tenant association requests waiting for confirmation.
    /// </summary>
    public const int SchemaVersion = SqliteRewardsMigrations.LatestVersion;

    /// <summary>The users' reads also read their roles.</summary>
    private const RewardsTables UserTables = RewardsTables.Users | RewardsTables.UserRoles;

    private const string ChangeCountSql = "SELECT seq FROM rewards_changes WHERE id = 1;";

    private const string SignSql = "UPDATE rewards_changes SET seq = seq + 1, writer = $writer WHERE id = 1;";

    private readonly SqliteRewardsDatabase _database;
    private readonly SqliteRewardsReadCache _readCache;
    private int _disposed;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file (setting <c>ConnectionStrings:RewardsBot</c>), e.g. <c>Data Source=data/rewardsbot.db</c>.</param>
    /// <param name="timeProvider">The clock that stamps applied migrations; <see cref="TimeProvider.System"/> when null.</param>
    public SqliteRewardsStore(string connectionString, TimeProvider? timeProvider = null)
        : this(connectionString, timeProvider, SqliteRewardsReadCache.DefaultOtherWritersSeenWithin)
    {
    }

    /// <param name="connectionString">See the public constructor.</param>
    /// <param name="timeProvider">See the public constructor; its timestamps also time <paramref name="otherWritersSeenWithin"/>.</param>
    /// <param name="otherWritersSeenWithin">How long another process's change may go unseen by the read cache (zero: the cache looks at the file before every read).</param>
    internal SqliteRewardsStore(string connectionString, TimeProvider? timeProvider, TimeSpan otherWritersSeenWithin)
    {
        var clock = timeProvider ?? TimeProvider.System;
        _database = new SqliteRewardsDatabase(connectionString, clock);
        _readCache = new SqliteRewardsReadCache(_database.ConnectionString, clock, otherWritersSeenWithin);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath => _database.FilePath;

    /// <summary>The store's connections; tests read its counters (connections opened, leases handed out).</summary>
    internal SqliteConnectionPool Pool => _database.Pool;

    /// <summary>The answers kept between changes of the file; tests read its counters.</summary>
    internal SqliteRewardsReadCache ReadCache => _readCache;

    /// <summary>
    /// Creates the file and brings its schema to <see cref="SchemaVersion"/> now rather than at first use. Idempotent; call it
    /// at startup to fail early on an unusable file or one written by a newer build.
    /// </summary>
    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _database.MigrateAsync(cancellationToken);
    }

    public Task<Company?> GetCompanyAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(GetCompanyAsync), companyId), RewardsTables.Companies, (c, ct) => SqliteRewardsQueries.GetCompanyAsync(c, null, companyId, ct), cancellationToken);

    public Task<IReadOnlyList<Company>> ListCompaniesAsync(CancellationToken cancellationToken)
        => ReadAsync(SqliteRewardsQueries.ListCompaniesAsync, cancellationToken);

    public Task<EntraTenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(GetTenantAsync), tenantId), RewardsTables.Tenants, (c, ct) => SqliteRewardsQueries.GetTenantAsync(c, null, tenantId, ct), cancellationToken);

    public Task<IReadOnlyList<EntraTenant>> ListTenantsOfCompanyAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ListTenantsOfCompanyAsync), companyId), RewardsTables.Tenants, (c, ct) => SqliteRewardsQueries.ListTenantsOfCompanyAsync(c, companyId, ct), cancellationToken);

    public Task<PartnerUser?> GetUserAsync(string userId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(GetUserAsync), userId), UserTables, (c, ct) => SqliteRewardsQueries.GetUserAsync(c, userId, ct), cancellationToken);

    public Task<PartnerUser?> FindUserByObjectIdAsync(string tenantId, string entraObjectId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(FindUserByObjectIdAsync), tenantId, entraObjectId), UserTables, (c, ct) => SqliteRewardsQueries.FindUserByObjectIdAsync(c, tenantId, entraObjectId, ct), cancellationToken);

    public Task<string?> FindUserIdByChatIdentityAsync(string channel, string channelUserId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(FindUserIdByChatIdentityAsync), channel, channelUserId), RewardsTables.ChatIdentities, (c, ct) => SqliteRewardsQueries.FindUserIdByChatIdentityAsync(c, channel, channelUserId, ct), cancellationToken);

    public Task<IReadOnlyList<ChatIdentity>> ListChatIdentitiesAsync(string channel, CancellationToken cancellationToken)
        => ReadAsync((c, ct) => SqliteRewardsQueries.ListChatIdentitiesAsync(c, channel, ct), cancellationToken);

    public Task<UserSignIn> FindTeamsSignInAsync(string tenantId, string entraObjectId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(FindTeamsSignInAsync), tenantId, entraObjectId), UserTables | RewardsTables.Tenants | RewardsTables.Companies, (c, ct) => SqliteRewardsQueries.FindTeamsSignInAsync(c, tenantId, entraObjectId, ct), cancellationToken);

    public Task<UserSignIn> FindChatSignInAsync(string channel, string channelUserId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(FindChatSignInAsync), channel, channelUserId), RewardsTables.ChatIdentities | UserTables | RewardsTables.Tenants | RewardsTables.Companies, (c, ct) => SqliteRewardsQueries.FindChatSignInAsync(c, channel, channelUserId, ct), cancellationToken);

    public Task<IReadOnlyList<PartnerUser>> ListUsersAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ListUsersAsync), companyId), UserTables, (c, ct) => SqliteRewardsQueries.ListUsersOfCompanyAsync(c, companyId, ct), cancellationToken);

    public Task<CompanyActor> ReadCompanyActorAsync(string userId, string? companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ReadCompanyActorAsync), userId, companyId), UserTables | RewardsTables.Companies, (c, ct) => SqliteRewardsQueries.ReadCompanyActorAsync(c, userId, companyId, ct), cancellationToken);

    public Task<CompanyRewardsData> ReadCompanyRewardsAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ReadCompanyRewardsAsync), companyId), RewardsTables.Companies | RewardsTables.PublisherProfiles | RewardsTables.Offers | RewardsTables.Sales | RewardsTables.Activations, (c, ct) => SqliteRewardsQueries.ReadCompanyRewardsAsync(c, companyId, ct), cancellationToken);

    public Task<IReadOnlyList<PublisherProfile>> ListPublisherProfilesAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ListPublisherProfilesAsync), companyId), RewardsTables.PublisherProfiles, (c, ct) => SqliteRewardsQueries.ListPublisherProfilesAsync(c, companyId, ct), cancellationToken);

    public Task<IReadOnlyList<Offer>> ListOffersAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ListOffersAsync), companyId), RewardsTables.Offers | RewardsTables.PublisherProfiles, (c, ct) => SqliteRewardsQueries.ListOffersAsync(c, companyId, ct), cancellationToken);

    public Task<IReadOnlyList<BilledSale>> ListSalesAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ListSalesAsync), companyId), RewardsTables.Sales | RewardsTables.Offers | RewardsTables.PublisherProfiles, (c, ct) => SqliteRewardsQueries.ListSalesAsync(c, companyId, ct), cancellationToken);

    public Task<MarketingContact?> GetMarketingContactAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(GetMarketingContactAsync), companyId), RewardsTables.MarketingContacts, (c, ct) => SqliteRewardsQueries.GetMarketingContactAsync(c, null, companyId, ct), cancellationToken);

    public Task<CompanyContact> ReadCompanyContactAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ReadCompanyContactAsync), companyId), RewardsTables.Companies | RewardsTables.MarketingContacts | UserTables, (c, ct) => SqliteRewardsQueries.ReadCompanyContactAsync(c, companyId, ct), cancellationToken);

    public Task<IReadOnlyList<MarketingContactChange>> ListMarketingContactHistoryAsync(string companyId, CancellationToken cancellationToken)
        => ReadAsync((c, ct) => SqliteRewardsQueries.ListMarketingContactHistoryAsync(c, companyId, ct), cancellationToken);

    public Task<IReadOnlyList<Activation>> ListActivationsAsync(string companyId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ListActivationsAsync), companyId), RewardsTables.Activations, (c, ct) => SqliteRewardsQueries.ListActivationsAsync(c, companyId, ct), cancellationToken);

    public Task<IReadOnlyList<TechnicalHelpRequest>> ListTechnicalHelpRequestsAsync(string companyId, CancellationToken cancellationToken)
        => ReadAsync((c, ct) => SqliteRewardsQueries.ListTechnicalHelpRequestsAsync(c, companyId, ct), cancellationToken);

    public Task<TenantAssociationRequest?> GetTenantAssociationRequestAsync(string requestId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(GetTenantAssociationRequestAsync), requestId), RewardsTables.TenantAssociationRequests, (c, ct) => SqliteRewardsQueries.GetTenantAssociationRequestAsync(c, null, requestId, ct), cancellationToken);

    public Task<IReadOnlyList<TenantAssociationRequest>> ListTenantAssociationRequestsAsync(string companyId, CancellationToken cancellationToken)
        => ReadAsync((c, ct) => SqliteRewardsQueries.ListTenantAssociationRequestsAsync(c, companyId, ct), cancellationToken);

    public Task<IReadOnlyList<TenantAssociationRequest>> ListPendingTenantAssociationRequestsAsync(string companyId, string tenantId, CancellationToken cancellationToken)
        => CachedReadAsync(new ReadKey(nameof(ListPendingTenantAssociationRequestsAsync), companyId, tenantId), RewardsTables.TenantAssociationRequests, (c, ct) => SqliteRewardsQueries.ListPendingTenantAssociationRequestsAsync(c, companyId, tenantId, ct), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string companyId, CancellationToken cancellationToken)
        => ReadAsync((c, ct) => SqliteRewardsQueries.ListAuditAsync(c, companyId, ct), cancellationToken);

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => ReadAsync(SqliteRewardsQueries.IsEmptyAsync, cancellationToken);

    /// <summary>
    /// Runs <paramref name="changes"/> in one <c>BEGIN IMMEDIATE</c> transaction and commits it; if the delegate throws or
    /// <paramref name="cancellationToken"/> is cancelled before the commit, everything is rolled back and the exception
    /// propagates.
    /// </summary>
    public async Task WriteAsync(Func<IRewardsWriter, CancellationToken, Task> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThrowIfDisposed();

        // Migrate before queueing: migrating takes SQLite's write lock itself.
        await _database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        using var gate = await _database.EnterWriteGateAsync(cancellationToken).ConfigureAwait(false);
        using var lease = await _database.RentAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = lease.Connection.BeginTransaction(deferred: false);
        var writer = new SqliteRewardsWriter(lease, transaction);
        var touched = new TouchedTables();
        raw.sqlite3_update_hook(lease.Connection.Handle, (delegate_update)TouchedTables.OnRowChanged, touched);
        try
        {
            // The change count as this transaction starts: no one else can move it until the commit (BEGIN IMMEDIATE).
            var before = ReadChangeCount(lease, transaction);
            await changes(writer, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            var changed = ReadChangeCount(lease, transaction);
            if (before is null || changed == before)
            {
                // Nothing to sign. Either nothing changed (a write that found its change already made: a commit that
                // writes nothing, and that no reader needs to follow), or the count's row is gone (someone deleted it):
                // the write still lands, and the read cache, unable to read the count either, answers every read from the file.
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return;
            }

            // The last change is this store's own, signed, so the read cache can tell it from anyone else's. It moves
            // the count by exactly one (rewards_changes has no trigger).
            var signature = Random.Shared.NextInt64(1, long.MaxValue);
            var sign = lease.Command(SignSql, transaction);
            sign.Parameters.AddWithValue("$writer", signature);
            sign.ExecuteNonQuery();

            var commit = _readCache.Committing(before.Value, changed!.Value + 1, signature, touched.Tables);
            try
            {
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                _readCache.Abandoned(commit);
                throw;
            }

            _readCache.Committed(commit);
        }
        finally
        {
            if (lease.Connection.Handle is { } handle)
            {
                raw.sqlite3_update_hook(handle, (delegate_update?)null, null);
            }

            // Disposing an uncommitted transaction rolls it back.
            writer.Close();
        }
    }

    /// <summary>Closes the store's connections (one in use when it is given back), so nothing holds the file any more.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _readCache.Dispose();
            _database.Dispose();
        }
    }

    /// <summary>A read answered from <see cref="SqliteRewardsReadCache"/> while none of <paramref name="tables"/> (all it reads) has changed since it was kept.</summary>
    private Task<T> CachedReadAsync<T>(ReadKey key, RewardsTables tables, Func<SqliteConnectionLease, CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _readCache.TryGet(key, out T answer, out var version) ? Task.FromResult(answer) : ReadAndKeepAsync(key, tables, version, query, cancellationToken);
    }

    private async Task<T> ReadAndKeepAsync<T>(ReadKey key, RewardsTables tables, long? version, Func<SqliteConnectionLease, CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        var answer = await ReadAsync(query, cancellationToken).ConfigureAwait(false);
        _readCache.Keep(key, answer, tables, version);
        return answer;
    }

    /// <summary>The file's change count; null when its row is missing.</summary>
    private static long? ReadChangeCount(SqliteConnectionLease lease, SqliteTransaction transaction)
        => lease.Command(ChangeCountSql, transaction).ExecuteScalar() is long count ? count : null;

    private async Task<T> ReadAsync<T>(Func<SqliteConnectionLease, CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        using var lease = await _database.RentAsync(cancellationToken).ConfigureAwait(false);
        return await query(lease, cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}

/// <summary>The tables a write transaction changed, as SQLite's update hook reports them row by row (every Rewards table has a rowid).</summary>
internal sealed class TouchedTables
{
    public RewardsTables Tables { get; private set; }

    /// <summary>The update hook: <paramref name="state"/> is the <see cref="TouchedTables"/> of the write on the connection.</summary>
    public static void OnRowChanged(object state, int operation, utf8z database, utf8z table, long rowId)
        => ((TouchedTables)state).Tables |= RewardsTableNames.Of(table.utf8_to_string());
}
