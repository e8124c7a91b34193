using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace RewardsBot.Sqlite;

/// <summary>
/// What every user of the bot's SQLite file shares: the native provider, the per-connection settings, WAL, pool
/// clearing, and one write gate per file for the whole process — so bot-state writers and Rewards writers of the same
/// file queue behind each other in .NET instead of meeting at SQLite's lock. Code that runs the same statements again
/// and again keeps them prepared on long-lived connections of a <see cref="SqliteConnectionPool"/> instead of
/// opening a connection per operation with <see cref="OpenAsync"/>.
/// </summary>
public static class SqliteFile
{
    /// <summary>
    /// How long SQLite itself waits for a lock held by another connection (another process; this process's writers
    /// queue in .NET). 5 s with a SQLite that sleeps in milliseconds (<see cref="SqliteLibrary"/>); kept under one
    /// second with the bundled e_sqlite3, whose every pause is a whole second. Past it, Microsoft.Data.Sqlite retries
    /// the statement every 150 ms until the command timeout (<c>Default Timeout</c> in the connection string, 30 s
    /// unless set).
    /// </summary>
    public static int BusyTimeoutMilliseconds => SqliteLibrary.SleepsPrecisely ? 5000 : 250;

    private static readonly Lazy<string> ConnectionPragmas = new(() => string.Create(
        CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"));

    /// <summary>
    /// The native handles that already have <see cref="ConnectionPragmas"/>: a pooled connection keeps its handle (and
    /// the settings on it) between opens, so the settings run once per handle instead of once per open.
    /// </summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> ConfiguredHandles = [];

    private static readonly object Configured = new();

    /// <summary>One write gate per database file in this process.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    /// <summary>
    /// The connection string of a database file that <paramref name="owner"/> writes, with its data source made a full
    /// path (which is also the key of the connection pool and of the write gate), and that full path. In-memory,
    /// read-only, URI and |DataDirectory| data sources are refused: the message says what <paramref name="owner"/> is
    /// and ends with <paramref name="fix"/> (the setting to change and an example).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string cannot name a file to write.</exception>
    public static (string ConnectionString, string FilePath) ResolveWritableFile(string connectionString, string owner, string fix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The connection string of {owner} could not be read ({ex.Message}). {fix}", nameof(connectionString), ex);
        }

        var source = builder.DataSource?.Trim() ?? string.Empty;
        if (source.Length == 0)
        {
            throw new ArgumentException($"The connection string of {owner} names no file. {fix}", nameof(connectionString));
        }

        if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly || source == ":memory:")
        {
            throw new ArgumentException($"{owner} keeps its data in a file it writes, so its connection string cannot be in-memory or 'Mode=ReadOnly'. {fix}", nameof(connectionString));
        }

        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{owner} needs a plain file path as its data source, not a URI or |DataDirectory|. {fix}", nameof(connectionString));
        }

        builder.DataSource = Path.GetFullPath(source);
        return (builder.ToString(), builder.DataSource);
    }

    /// <summary>Initialises the native SQLite provider once per process.</summary>
    public static void EnsureProvider() => SqliteLibrary.EnsureInitialised();

    /// <summary>
    /// Opens a pooled connection with busy_timeout, synchronous=NORMAL and foreign keys on (set once per native handle;
    /// nothing in the project changes them on an open connection).
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        EnsureProvider();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var handle = connection.Handle;
            if (handle is null || !ConfiguredHandles.TryGetValue(handle, out _))
            {
                await ApplyConnectionSettingsAsync(connection, cancellationToken).ConfigureAwait(false);
                if (handle is not null)
                {
                    ConfiguredHandles.AddOrUpdate(handle, Configured);
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sets busy_timeout, synchronous=NORMAL and foreign keys on an open connection.</summary>
    internal static async Task ApplyConnectionSettingsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas.Value;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Switches the file to WAL (stored in the file; cannot change inside a transaction, so call it before any schema
    /// work). Returns true when the file is in WAL mode; <paramref name="mode"/> is what SQLite reports.
    /// </summary>
    public static async Task<(bool IsWal, string? Mode)> EnableWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return (string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase), mode);
    }

    /// <summary>
    /// Queues this process's writers of <paramref name="filePath"/> (a full path), whoever they are, so they hand over
    /// to each other at once instead of polling SQLite's lock. Writers in other processes still meet at SQLite's lock.
    /// </summary>
    public static async Task<IDisposable> EnterWriteGateAsync(string filePath, CancellationToken cancellationToken)
    {
        var gate = WriteGates.GetOrAdd(filePath, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new GateLease(gate);
    }

    /// <summary>Clears the connection pool of <paramref name="connectionString"/> so no handle stays open on the file.</summary>
    public static void ClearPool(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
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
