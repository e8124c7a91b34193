using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

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

    /// <summary>
    /// Under one second on purpose, as in the runtime's state database: the e_sqlite3 of SQLitePCLRaw 2.0.6 has no
    /// usleep, so a busy wait inside SQLite is a whole second. Below it SQLite returns at once and
    /// Microsoft.Data.Sqlite retries every 150 ms until the command timeout.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 250;

    private static readonly Lazy<bool> SqliteProvider = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>One write gate per file in this process, so writers hand over in .NET instead of polling SQLite's lock.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly string _connectionPragmas;
    private volatile bool _migrated;

    public SqliteRewardsDatabase(string connectionString, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _ = SqliteProvider.Value;
        _clock = clock;

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The Rewards connection string could not be read ({ex.Message}). Set {Setting} to 'Data Source=path/to/rewards.db'.", nameof(connectionString), ex);
        }

        var source = builder.DataSource?.Trim() ?? "";
        if (source.Length == 0)
        {
            throw new ArgumentException($"The Rewards connection string names no file. Set {Setting} to 'Data Source=path/to/rewards.db'.", nameof(connectionString));
        }

        if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly || source == ":memory:")
        {
            throw new ArgumentException($"The Rewards store keeps its data in a file it writes, so {Setting} cannot be in-memory or 'Mode=ReadOnly'. Use MemoryRewardsStore for in-memory data, or set {Setting} to 'Data Source=path/to/rewards.db'.", nameof(connectionString));
        }

        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The Rewards store needs a plain file path, not a URI or |DataDirectory|. Set {Setting} to 'Data Source=path/to/rewards.db'.", nameof(connectionString));
        }

        builder.DataSource = Path.GetFullPath(source);
        FilePath = builder.DataSource;
        ConnectionString = builder.ToString();
        _connectionPragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
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

    /// <summary>Queues this process's writers of the file; writers in other processes still meet at SQLite's lock.</summary>
    public async Task<IDisposable> EnterWriteGateAsync(CancellationToken cancellationToken)
    {
        var gate = WriteGates.GetOrAdd(FilePath, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task EnableWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode is stored in the file and cannot change inside a transaction, so it is set before migrating.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite could not switch the Rewards database '{FilePath}' to WAL journal mode (it reports '{mode}'). Put the file on a local disk that supports shared memory, not a network share, and point {Setting} at it.");
        }
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
