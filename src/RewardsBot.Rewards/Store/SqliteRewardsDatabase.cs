using System.Globalization;
using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The SQLite file behind <see cref="SqliteRewardsStore"/>: its connection string, a pool of long-lived connections
/// that keep their prepared statements (<see cref="SqliteConnectionPool"/>), the in-process write gate, and bringing the
/// schema to the latest version on first use.
/// The file may also hold the bot runtime's state tables; this class only touches tables named <c>rewards_*</c>.
/// </summary>
internal sealed class SqliteRewardsDatabase : IDisposable
{
    /// <summary>The configuration setting that names the file, quoted in every message that asks to change it.</summary>
    public const string Setting = "ConnectionStrings:RewardsBot";

    /// <summary>How long SQLite itself waits for a lock; see <see cref="SqliteFile.BusyTimeoutMilliseconds"/>.</summary>
    public static int BusyTimeoutMilliseconds => SqliteFile.BusyTimeoutMilliseconds;

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly TimeProvider _clock;
    private volatile bool _migrated;

    public SqliteRewardsDatabase(string connectionString, TimeProvider clock)
    {
        SqliteFile.EnsureProvider();
        _clock = clock;

        (ConnectionString, FilePath) = SqliteFile.ResolveWritableFile(
            connectionString, "The Rewards store", $"Use MemoryRewardsStore for in-memory data, or set {Setting} to 'Data Source=path/to/rewards.db'.");
        Pool = new SqliteConnectionPool(ConnectionString);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The normalised connection string (full path).</summary>
    public string ConnectionString { get; }

    /// <summary>The store's connections (its counters show how many connections and leases the store used).</summary>
    public SqliteConnectionPool Pool { get; }

    /// <summary>Creates the folder and file if needed, switches to WAL and applies every missing migration; once per instance.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => _migrated ? Task.CompletedTask : MigrateOnceAsync(cancellationToken);

    /// <summary>A connection of the pool for one operation, after migrating once; dispose the lease to give it back.</summary>
    public ValueTask<SqliteConnectionLease> RentAsync(CancellationToken cancellationToken)
        => _migrated ? Pool.RentAsync(cancellationToken) : RentAfterMigratingAsync(cancellationToken);

    private async ValueTask<SqliteConnectionLease> RentAfterMigratingAsync(CancellationToken cancellationToken)
    {
        await MigrateOnceAsync(cancellationToken).ConfigureAwait(false);
        return await Pool.RentAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                using var lease = await Pool.RentAsync(cancellationToken).ConfigureAwait(false);
                await EnableWriteAheadLogAsync(lease.Connection, cancellationToken).ConfigureAwait(false);
                await SqliteRewardsMigrations.MigrateAsync(lease.Connection, _clock, SqliteRewardsMigrations.LatestVersion, FilePath, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"Could not open or create the Rewards database '{FilePath}': {ex.Message} Check that its folder exists or can be created and that the bot's process may read and write there, or set {Setting} to 'Data Source=path/to/rewards.db' on a writable local disk.",
                    ex);
            }

            _migrated = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>
    /// Queues this process's writers of the file — the bot runtime's state writers included, as they share the gate
    /// through <see cref="SqliteFile"/>; writers in other processes still meet at SQLite's lock.
    /// </summary>
    public Task<IDisposable> EnterWriteGateAsync(CancellationToken cancellationToken)
        => SqliteFile.EnterWriteGateAsync(FilePath, cancellationToken);

    /// <summary>Closes the store's connections (rented ones as they come back) so no handle stays open on the file.</summary>
    public void Dispose()
    {
        Pool.Dispose();
        _initLock.Dispose();
    }

    private async Task EnableWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode is stored in the file and cannot change inside a transaction, so it is set before migrating.
        var (isWal, mode) = await SqliteFile.EnableWriteAheadLogAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!isWal)
        {
            throw new InvalidOperationException($"SQLite could not switch the Rewards database '{FilePath}' to WAL journal mode (it reports '{mode}'). Put the file on a local disk that supports shared memory, not a network share, and point {Setting} at it.");
        }
    }
}
