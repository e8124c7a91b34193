using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RewardsBot.Runtime.State;

/// <summary>
/// The SQLite file behind <see cref="SqliteStorage"/>: its connection string, opening pooled connections with the
/// per-connection settings, and creating or upgrading the schema on first use.
/// </summary>
internal sealed class SqliteStateDatabase : IDisposable
{
    /// <summary>The schema this build writes. Version 1: bot_state, etag_sequence, schema_version.</summary>
    public const int SchemaVersion = 1;

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

    /// <summary>
    /// How long SQLite itself waits for a lock held by another connection. Kept under one second on purpose: the
    /// e_sqlite3 of SQLitePCLRaw 2.0.6 is built without usleep, so any wait in SQLite's busy handler is a whole
    /// second. Past it, Microsoft.Data.Sqlite retries the statement every 150 ms until the command timeout
    /// (<c>Default Timeout</c> in the connection string, 30 s unless set). A build with usleep waits finely here first.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 250;

    private static readonly Lazy<bool> SqliteProvider = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>One write gate per database file in this process (see <see cref="EnterWriteGateAsync"/>).</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly string _connectionPragmas;
    private volatile bool _initialized;

    public SqliteStateDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _ = SqliteProvider.Value;

        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string has no file. Use 'Data Source=path/to/bot.db'.", nameof(connectionString));
        }

        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource.Trim() == ":memory:")
        {
            throw new ArgumentException("SqliteStorage keeps state in a file; an in-memory SQLite database would be lost between connections. Use MemoryStorage for in-memory state, or 'Data Source=path/to/bot.db'.", nameof(connectionString));
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new ArgumentException("SqliteStorage writes state, so the connection string cannot say 'Mode=ReadOnly'. Remove it, leaving 'Data Source=path/to/bot.db'.", nameof(connectionString));
        }

        if (builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || builder.DataSource.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("SqliteStorage needs a plain file path as its data source, not a URI or |DataDirectory|. Use 'Data Source=path/to/bot.db'.", nameof(connectionString));
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        FilePath = builder.DataSource;
        ConnectionString = builder.ToString();

        _connectionPragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The normalised connection string (full path); also the key of the connection pool.</summary>
    public string ConnectionString { get; }

    /// <summary>Opens a pooled connection with busy_timeout, synchronous=NORMAL and foreign keys on; creates the schema the first time.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// Queues this process's writers of the file in .NET, so they hand over to each other at once instead of polling
    /// SQLite's lock (see <see cref="BusyTimeoutMilliseconds"/>). Writers in other processes still meet at SQLite's lock.
    /// </summary>
    public async Task<IDisposable> EnterWriteGateAsync(CancellationToken cancellationToken)
    {
        var gate = WriteGates.GetOrAdd(FilePath, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new GateLease(gate);
    }

    /// <summary>Clears this file's connection pool so no handle stays open on it.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initLock.Dispose();
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, _connectionPragmas, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

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
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
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

    private sealed class GateLease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
