using System.Globalization;
using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The SQLite file behind <see cref="SqliteRewardsStore"/>: its connection string, pooled connections with the
/// per-connection settings, the in-process write gate, and bringing the schema to the latest version on first use.
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
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The normalised connection string (full path); also the key of the connection pool.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the folder and file if needed, switches to WAL and applies every missing migration; once per instance.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

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
                await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await EnableWriteAheadLogAsync(connection, cancellationToken).ConfigureAwait(false);
                await SqliteRewardsMigrations.MigrateAsync(connection, _clock, SqliteRewardsMigrations.LatestVersion, FilePath, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Opens a pooled connection with busy_timeout, synchronous=NORMAL and foreign keys on, after migrating once.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues this process's writers of the file — the bot runtime's state writers included, as they share the gate
    /// through <see cref="SqliteFile"/>; writers in other processes still meet at SQLite's lock.
    /// </summary>
    public Task<IDisposable> EnterWriteGateAsync(CancellationToken cancellationToken)
        => SqliteFile.EnterWriteGateAsync(FilePath, cancellationToken);

    /// <summary>Clears this file's connection pool so no handle stays open on it.</summary>
    public void Dispose()
    {
        SqliteFile.ClearPool(ConnectionString);
        _initLock.Dispose();
    }

    private Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        => SqliteFile.OpenAsync(ConnectionString, cancellationToken);

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
