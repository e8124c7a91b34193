using Microsoft.Data.Sqlite;

namespace RewardsBot.Sqlite;

/// <summary>
/// A few long-lived open connections to one database file, each keeping its prepared statements, rented for one
/// operation at a time: <c>using var lease = await pool.RentAsync(ct);</c> then <see cref="SqliteConnectionLease.Command"/>.
/// </summary>
/// <remarks>
/// <para>
/// Why: Microsoft.Data.Sqlite prepares a command's SQL on its first execution and keeps the statement only as long as
/// the command and the connection stay open; its own pool disposes every command of a connection when the connection
/// is closed, so code that opens a connection per operation parses and plans its SQL every time. Here connections
/// stay open between operations and each keeps one command per SQL text, so a statement is prepared once per
/// connection and then only re-bound and reset.
/// </para>
/// <para>
/// Connections get the settings of <see cref="SqliteFile"/> (busy_timeout, synchronous=NORMAL, foreign keys) when
/// opened, and bypass Microsoft.Data.Sqlite's pool: closing one releases its native handle. At most
/// <see cref="MaxIdle"/> stay open while nobody uses them; more are opened when more operations run at once, and
/// closed when returned. A connection returned inside a transaction (its rollback failed, or a caller began one and
/// never ended it) or no longer open is closed rather than kept. <see cref="Dispose"/> closes the idle connections at
/// once and the rented ones as they come back, so nothing holds the file afterwards.
/// </para>
/// <para>
/// Readers must be disposed before the lease (a statement still stepping would keep its read snapshot). Writers of
/// the file still queue at <see cref="SqliteFile.EnterWriteGateAsync"/>; the pool only provides connections.
/// </para>
/// </remarks>
public sealed class SqliteConnectionPool : IDisposable
{
    /// <summary>The default number of idle connections kept open: enough for every core to run an operation at once.</summary>
    public static int DefaultMaxIdle { get; } = Math.Clamp(Environment.ProcessorCount * 2, 4, 32);

    private readonly Stack<PooledConnection> _idle = new();
    private readonly string _connectionString;
    private readonly string? _connectionSetup;
    private bool _disposed;
    private int _openCount;
    private long _openedCount;
    private long _rentedCount;
    private long _commandCount;

    /// <param name="connectionString">A connection string naming a file (see <see cref="SqliteFile.ResolveWritableFile"/>); <c>Pooling</c> is turned off for the pool's own connections.</param>
    /// <param name="maxIdle">How many connections stay open while idle; <see cref="DefaultMaxIdle"/> when null.</param>
    /// <param name="connectionSetup">SQL run once on each connection the pool opens, after the common settings (e.g. a PRAGMA of its own); none when null.</param>
    public SqliteConnectionPool(string connectionString, int? maxIdle = null, string? connectionSetup = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIdle ?? 1, 1, nameof(maxIdle));
        SqliteFile.EnsureProvider();
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        MaxIdle = maxIdle ?? DefaultMaxIdle;
        _connectionSetup = connectionSetup;
    }

    /// <summary>How many connections stay open while idle.</summary>
    public int MaxIdle { get; }

    /// <summary>How many connections are open now, rented or idle (for tests and diagnostics).</summary>
    public int OpenCount => Volatile.Read(ref _openCount);

    /// <summary>How many connections this pool has opened since it was created (for tests and diagnostics).</summary>
    public long OpenedCount => Interlocked.Read(ref _openedCount);

    /// <summary>How many leases this pool has handed out since it was created (for tests and diagnostics).</summary>
    public long RentedCount => Interlocked.Read(ref _rentedCount);

    /// <summary>How many commands leases have handed out (about the statements run) since the pool was created (for tests and diagnostics).</summary>
    public long CommandCount => Interlocked.Read(ref _commandCount);

    /// <summary>
    /// An open connection for one operation: an idle one, or a new one with the per-connection settings. Dispose the
    /// lease to give it back.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public ValueTask<SqliteConnectionLease> RentAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _rentedCount++;
            if (_idle.TryPop(out var idle))
            {
                return ValueTask.FromResult(new SqliteConnectionLease(idle));
            }
        }

        return OpenAsync(cancellationToken);
    }

    /// <summary>Closes the idle connections now and every rented one when it is returned.</summary>
    public void Dispose()
    {
        PooledConnection[] idle;
        lock (_idle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            Close(connection);
        }
    }

    internal void CountCommand() => Interlocked.Increment(ref _commandCount);

    internal void Return(PooledConnection connection)
    {
        if (connection.IsClean)
        {
            lock (_idle)
            {
                if (!_disposed && _idle.Count < MaxIdle)
                {
                    _idle.Push(connection);
                    return;
                }
            }
        }

        Close(connection);
    }

    private async ValueTask<SqliteConnectionLease> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqliteFile.ApplyConnectionSettingsAsync(connection, cancellationToken).ConfigureAwait(false);
            if (_connectionSetup is not null)
            {
                using var setup = connection.CreateCommand();
                setup.CommandText = _connectionSetup;
                await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Opened while the pool was being disposed: the lease still works, and Return closes the connection.
        Interlocked.Increment(ref _openCount);
        Interlocked.Increment(ref _openedCount);
        return new SqliteConnectionLease(new PooledConnection(this, connection));
    }

    private void Close(PooledConnection connection)
    {
        connection.Close();
        Interlocked.Decrement(ref _openCount);
    }
}
