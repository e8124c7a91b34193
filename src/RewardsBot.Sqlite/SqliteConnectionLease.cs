using Microsoft.Data.Sqlite;

namespace RewardsBot.Sqlite;

/// <summary>
/// One open connection of a <see cref="SqliteConnectionPool"/>, for one operation; disposing it gives the connection
/// back. Not thread-safe, like the connection itself.
/// </summary>
public sealed class SqliteConnectionLease : IDisposable
{
    private PooledConnection? _pooled;

    internal SqliteConnectionLease(PooledConnection pooled) => _pooled = pooled;

    /// <summary>The open connection, e.g. to begin a transaction. Do not close or dispose it: dispose the lease.</summary>
    public SqliteConnection Connection => Pooled.Connection;

    /// <summary>
    /// The connection's command for <paramref name="sql"/>, created on first use and then kept with its prepared
    /// statements: its parameters are cleared and its transaction set to <paramref name="transaction"/> (which must be
    /// the connection's current transaction, or null outside one). Add the parameters, execute, and dispose the
    /// reader; never dispose the command or change its text. Use constant SQL with parameters: every distinct text
    /// is one more cached command (past a bound, the cache starts over).
    /// </summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null) => Pooled.Command(sql, transaction);

    /// <summary>
    /// Starts a read transaction that the statements run until the returned scope is disposed share: they read one
    /// snapshot of the file. Without it, every statement outside a transaction is its own read transaction — with
    /// several statements in one command (read one result after the other), each would see the file as it was when
    /// that statement started, and each would pay for starting a read (the WAL read lock, and re-reading the pages its
    /// connection's cache dropped because a writer committed since). Only for reads: a write in the scope fails with
    /// SQLite's own error when another connection writes, and is not what the scope is for.
    /// </summary>
    /// <remarks>
    /// The BEGIN and COMMIT statements are kept prepared like any other. A scope left without its COMMIT (an exception
    /// between the statements and the dispose, or a failed COMMIT) leaves the connection inside a transaction, so the
    /// pool closes it instead of reusing it.
    /// </remarks>
    public ReadSnapshot BeginReadSnapshot()
    {
        Pooled.Command(BeginSql, null).ExecuteNonQuery();
        return new ReadSnapshot(this);
    }

    internal const string BeginSql = "BEGIN DEFERRED;";

    internal const string CommitSql = "COMMIT;";

    /// <summary>Gives the connection back to the pool (or closes it when it cannot be reused). Idempotent.</summary>
    public void Dispose()
    {
        var pooled = _pooled;
        _pooled = null;
        pooled?.Pool.Return(pooled);
    }

    private PooledConnection Pooled => _pooled
        ?? throw new ObjectDisposedException(nameof(SqliteConnectionLease), "This lease was disposed and its connection given back; rent another from the pool.");
}

/// <summary>A read transaction on a leased connection (<see cref="SqliteConnectionLease.BeginReadSnapshot"/>); disposing it ends the transaction.</summary>
public readonly struct ReadSnapshot : IDisposable
{
    private readonly SqliteConnectionLease? _lease;

    internal ReadSnapshot(SqliteConnectionLease lease) => _lease = lease;

    /// <summary>Ends the read transaction (its statements' readers must be disposed first).</summary>
    public void Dispose() => _lease?.Command(SqliteConnectionLease.CommitSql).ExecuteNonQuery();
}

/// <summary>An open connection of a pool with its commands by SQL text.</summary>
internal sealed class PooledConnection(SqliteConnectionPool pool, SqliteConnection connection)
{
    /// <summary>The most commands one connection keeps; past it they are all disposed and the cache starts over.</summary>
    internal const int MaxCommands = 128;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnectionPool Pool => pool;

    public SqliteConnection Connection => connection;

    /// <summary>
    /// True when the connection can serve another operation as if new: still open and not inside a transaction
    /// (autocommit on: a transaction left open, or one whose rollback failed, would otherwise go to the next renter).
    /// </summary>
    public bool IsClean => connection.State == System.Data.ConnectionState.Open
        && connection.Handle is { } handle
        && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;

    public SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxCommands)
            {
                DisposeCommands();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        pool.CountCommand();
        return command;
    }

    /// <summary>Finalizes the statements and closes the native handle (rolling back any transaction left open).</summary>
    public void Close()
    {
        DisposeCommands();
        connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
