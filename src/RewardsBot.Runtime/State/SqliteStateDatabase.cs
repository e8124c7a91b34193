using System.Globalization;
using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.Runtime.State;

/// <summary>
/// The SQLite file behind <see cref="SqliteStorage"/>: its connection string, opening pooled connections with the
/// per-connection settings, and creating or upgrading the schema on first use.
/// </summary>
internal sealed class SqliteStateDatabase : IDisposable
{
    /// <summary>
    /// The schema this build writes. Version 1: bot_state, etag_sequence, schema_version. Version 2: an index on
    /// <c>bot_state.updated_utc</c>, so documents past their retention are found without reading the table.
    /// </summary>
    public const int SchemaVersion = 2;

    private const string CreateSchemaV1 = """
        CREATE TABLE bot_state (
            key TEXT NOT NULL PRIMARY KEY,
            etag INTEGER NOT NULL,
            document TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        );
        CREATE TABLE etag_sequence (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            last_etag INTEGER NOT NULL
        );
        INSERT INTO etag_sequence (id, last_etag) VALUES (1, 0);
        INSERT INTO schema_version (version) VALUES (1);
        """;

    private const string UpgradeToV2 = """
        CREATE INDEX IF NOT EXISTS bot_state_updated ON bot_state (updated_utc);
        INSERT INTO schema_version (version) VALUES (2);
        """;

    /// <summary>How long SQLite itself waits for a lock; see <see cref="SqliteFile.BusyTimeoutMilliseconds"/>.</summary>
    public static int BusyTimeoutMilliseconds => SqliteFile.BusyTimeoutMilliseconds;

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly SqliteConnectionPool _readers;
    private volatile bool _initialized;

    public SqliteStateDatabase(string connectionString)
    {
        SqliteFile.EnsureProvider();

        (ConnectionString, FilePath) = SqliteFile.ResolveWritableFile(
            connectionString, "SqliteStorage", "Use MemoryStorage for in-memory state, or 'Data Source=path/to/bot.db'.");
        _readers = new SqliteConnectionPool(ConnectionString);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The normalised connection string (full path); also the key of the connection pool.</summary>
    public string ConnectionString { get; }

    private string UnpooledConnectionString => new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString();

    /// <summary>
    /// Opens a connection of its own (outside Microsoft.Data.Sqlite's pool) with busy_timeout, synchronous=NORMAL and
    /// foreign keys on; creates the schema the first time. For a user that keeps it open with its statements prepared
    /// (the state writer, the checkpointer) and for what is rare (deletes, the health check). The state
    /// keeps no connection in the provider's pool: clearing that pool (anyone in the process may) cannot close a
    /// connection the state is using, and disposing the storage leaves no handle on the file.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// A long-lived connection for reading, with its statements kept prepared (<see cref="SqliteConnectionPool"/>);
    /// creates the schema the first time. Dispose the lease to give the connection back.
    /// </summary>
    public async ValueTask<SqliteConnectionLease> RentReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        return await _readers.RentAsync(cancellationToken);
    }

    /// <summary>
    /// Queues this process's writers of the file so they hand over at once instead of polling SQLite's lock. The gate is
    /// per file (<see cref="SqliteFile"/>): the Rewards store's writers join it only when state and Rewards data are
    /// configured in one file (the host keeps them in two). Writers in other processes still meet at SQLite's lock.
    /// </summary>
    public Task<IDisposable> EnterWriteGateAsync(CancellationToken cancellationToken)
        => SqliteFile.EnterWriteGateAsync(FilePath, cancellationToken);

    /// <summary>Closes the readers (every other connection is closed by whoever opened it), so no handle stays open on the file.</summary>
    public void Dispose()
    {
        _readers.Dispose();
        _initLock.Dispose();
    }

    private Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        => SqliteFile.OpenAsync(UnpooledConnectionString, cancellationToken);

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                await using var connection = await OpenConnectionAsync(cancellationToken);
                await EnableWriteAheadLogAsync(connection, cancellationToken);
                await CreateOrCheckSchemaAsync(connection, cancellationToken);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"Could not open or create the state database '{FilePath}': {ex.Message} Check that its folder exists or can be created and that the bot's process may read and write there, or point the connection string ('Data Source=...') at another file.",
                    ex);
            }

            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private static async Task EnableWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode is stored in the file; it cannot change inside a transaction, so it is set before the schema.
        var (isWal, mode) = await SqliteFile.EnableWriteAheadLogAsync(connection, cancellationToken);
        if (!isWal)
        {
            throw new InvalidOperationException($"SQLite could not switch the state database to WAL journal mode (it reports '{mode}'). Put the file on a local disk that supports shared memory, not a network share.");
        }
    }

    private async Task CreateOrCheckSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE: two processes starting on a new file create the schema once.
        using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", cancellationToken);

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT max(version) FROM schema_version;";
        var found = await read.ExecuteScalarAsync(cancellationToken);
        var version = found is null or DBNull ? 0 : Convert.ToInt64(found, CultureInfo.InvariantCulture);

        if (version > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The state database '{FilePath}' has schema version {version}, written by a newer build of the bot; this build knows versions up to {SchemaVersion}. Run the newer build, or point the connection string at another file.");
        }

        if (version < 1)
        {
            await ExecuteAsync(connection, transaction, CreateSchemaV1, cancellationToken);
        }

        if (version < 2)
        {
            await ExecuteAsync(connection, transaction, UpgradeToV2, cancellationToken);
        }

        // Later schema versions add their upgrade steps here, each guarded by "if (version < N)".
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
