using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;
using static RewardsBot.Rewards.Tests.Store.SqliteTestFile;

namespace RewardsBot.Rewards.Tests.Sqlite;

/// <summary>
/// The pool of long-lived connections: reuse (the connection and its prepared commands), the settings of a new
/// connection, what comes back after an error, and disposal releasing the file.
/// </summary>
public sealed class SqliteConnectionPoolTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();

    private string DbFile => _folder.File("pool.db");

    private string ConnectionString => $"Data Source={DbFile}";

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_returned_connection_is_rented_again_with_its_command_for_the_same_sql()
    {
        using var pool = new SqliteConnectionPool(ConnectionString);
        SqliteConnection firstConnection;
        SqliteCommand firstCommand;
        using (var lease = await pool.RentAsync(None))
        {
            firstConnection = lease.Connection;
            firstCommand = lease.Command("SELECT $value * 2;");
            firstCommand.Parameters.AddWithValue("$value", 21);
            Assert.Equal(42L, await firstCommand.ExecuteScalarAsync(None));
        }

        using var again = await pool.RentAsync(None);
        var command = again.Command("SELECT $value * 2;");

        Assert.Same(firstConnection, again.Connection);
        Assert.Same(firstCommand, command);
        Assert.Empty(command.Parameters);
        command.Parameters.AddWithValue("$value", 5);
        Assert.Equal(10L, await command.ExecuteScalarAsync(None));
        Assert.Equal((1, 1L, 2L), (pool.OpenCount, pool.OpenedCount, pool.RentedCount));
    }

    [Fact]
    public async Task A_new_connection_has_the_per_connection_settings_and_bypasses_the_provider_pool()
    {
        using var pool = new SqliteConnectionPool(ConnectionString);
        using var lease = await pool.RentAsync(None);

        Assert.Equal((long)SqliteFile.BusyTimeoutMilliseconds, await ScalarAsync(lease, "PRAGMA busy_timeout;"));
        Assert.Equal(1L, await ScalarAsync(lease, "PRAGMA synchronous;"));
        Assert.Equal(1L, await ScalarAsync(lease, "PRAGMA foreign_keys;"));
        Assert.False(new SqliteConnectionStringBuilder(lease.Connection.ConnectionString).Pooling);
    }

    [Fact]
    public async Task The_pools_own_setup_runs_once_on_each_connection_it_opens()
    {
        using var pool = new SqliteConnectionPool(ConnectionString, connectionSetup: "PRAGMA wal_autocheckpoint = 16384; PRAGMA cache_size = -4096;");
        using (var first = await pool.RentAsync(None))
        using (var second = await pool.RentAsync(None))
        {
            Assert.Equal(16384L, await ScalarAsync(first, "PRAGMA wal_autocheckpoint;"));
            Assert.Equal(16384L, await ScalarAsync(second, "PRAGMA wal_autocheckpoint;"));
            Assert.Equal(-4096L, await ScalarAsync(second, "PRAGMA cache_size;"));
            Assert.Equal(1L, await ScalarAsync(second, "PRAGMA foreign_keys;"));
        }

        using var plain = new SqliteConnectionPool(ConnectionString);
        using var lease = await plain.RentAsync(None);
        Assert.Equal(1000L, await ScalarAsync(lease, "PRAGMA wal_autocheckpoint;"));
    }

    [Fact]
    public async Task A_setup_that_fails_fails_the_rent_and_leaves_no_connection_open()
    {
        using var pool = new SqliteConnectionPool(ConnectionString, connectionSetup: "PRAGMA no_such_thing = 1; SELECT * FROM no_such_table;");

        await Assert.ThrowsAsync<SqliteException>(async () => await pool.RentAsync(None));

        Assert.Equal(0, pool.OpenCount);
    }

    [Fact]
    public async Task Operations_at_once_get_their_own_connections_and_only_MaxIdle_stay_open_afterwards()
    {
        using var pool = new SqliteConnectionPool(ConnectionString, maxIdle: 1);
        var first = await pool.RentAsync(None);
        var second = await pool.RentAsync(None);

        Assert.NotSame(first.Connection, second.Connection);
        Assert.Equal(2, pool.OpenCount);

        first.Dispose();
        second.Dispose();

        Assert.Equal(1, pool.OpenCount);
    }

    [Fact]
    public async Task A_lease_disposed_twice_gives_its_connection_back_once()
    {
        using var pool = new SqliteConnectionPool(ConnectionString);
        var lease = await pool.RentAsync(None);
        lease.Dispose();
        lease.Dispose();

        using var first = await pool.RentAsync(None);
        using var second = await pool.RentAsync(None);

        Assert.NotSame(first.Connection, second.Connection);
        Assert.Throws<ObjectDisposedException>(() => lease.Command("SELECT 1;"));
        Assert.Throws<ObjectDisposedException>(() => lease.Connection);
    }

    [Fact]
    public async Task A_failed_statement_in_a_rolled_back_transaction_leaves_a_clean_connection_that_is_reused()
    {
        using var pool = new SqliteConnectionPool(ConnectionString);
        const string Insert = "INSERT INTO items (id) VALUES ($id);";
        using (var lease = await pool.RentAsync(None))
        {
            await ExecuteAsync(lease, "CREATE TABLE items (id TEXT NOT NULL PRIMARY KEY);");
            using var transaction = lease.Connection.BeginTransaction(deferred: false);
            await ExecuteAsync(lease, Insert, transaction, "a");
            await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(lease, Insert, transaction, "a"));
        }

        using var again = await pool.RentAsync(None);
        using (var transaction = again.Connection.BeginTransaction(deferred: false))
        {
            await ExecuteAsync(again, Insert, transaction, "b");
            transaction.Commit();
        }

        Assert.Equal(1L, pool.OpenedCount);
        Assert.Equal(["b"], Column(DbFile, "SELECT id FROM items;"));
    }

    [Fact]
    public async Task A_connection_given_back_inside_a_transaction_is_closed_and_its_changes_are_not_kept()
    {
        using var pool = new SqliteConnectionPool(ConnectionString);
        using (var setup = await pool.RentAsync(None))
        {
            await ExecuteAsync(setup, "CREATE TABLE items (id TEXT NOT NULL PRIMARY KEY);");
        }

        var lease = await pool.RentAsync(None);
        var dirty = lease.Connection;
        // As after a rollback that failed: the transaction is still open when the connection goes back.
        var transaction = dirty.BeginTransaction(deferred: false);
        await ExecuteAsync(lease, "INSERT INTO items (id) VALUES ($id);", transaction, "half-done");
        lease.Dispose();

        Assert.Equal(0, pool.OpenCount);
        using var next = await pool.RentAsync(None);
        Assert.NotSame(dirty, next.Connection);
        Assert.Equal(0L, await ScalarAsync(next, "SELECT count(*) FROM items;"));
        Assert.Empty(Column(DbFile, "SELECT id FROM items;"));
        GC.KeepAlive(transaction);
    }

    [Fact]
    public async Task More_distinct_statements_than_a_connection_keeps_still_run()
    {
        using var pool = new SqliteConnectionPool(ConnectionString);
        using var lease = await pool.RentAsync(None);

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal((long)i, await ScalarAsync(lease, $"SELECT {i};"));
            }
        }
    }

    [Fact]
    public async Task Disposing_the_pool_closes_idle_connections_at_once_and_rented_ones_when_given_back()
    {
        var pool = new SqliteConnectionPool(ConnectionString);
        var kept = await pool.RentAsync(None);
        using (var idle = await pool.RentAsync(None))
        {
            await SqliteFile.EnableWriteAheadLogAsync(idle.Connection, None);
            await ExecuteAsync(idle, "CREATE TABLE items (id TEXT NOT NULL PRIMARY KEY);");
        }

        Assert.Equal(0L, await ScalarAsync(kept, "SELECT count(*) FROM items;"));
        pool.Dispose();

        Assert.Equal(1, pool.OpenCount);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.RentAsync(None));
        Assert.True(File.Exists(DbFile + "-wal"));
        kept.Dispose();
        Assert.Equal(0, pool.OpenCount);
        // SQLite removes the write-ahead log and shared-memory files when the last connection to the file closes.
        Assert.False(File.Exists(DbFile + "-wal"));
        Assert.False(File.Exists(DbFile + "-shm"));
        File.Delete(DbFile);
    }

    [Fact]
    public async Task Statements_in_a_read_snapshot_see_the_file_as_it_was_when_the_first_one_ran()
    {
        using var pool = new SqliteConnectionPool(ConnectionString);
        using (var setup = await pool.RentAsync(None))
        {
            await SqliteFile.EnableWriteAheadLogAsync(setup.Connection, None);
            await ExecuteAsync(setup, "CREATE TABLE items (id TEXT PRIMARY KEY);");
            await ExecuteAsync(setup, "INSERT INTO items (id) VALUES ($id);", id: "before");
        }

        using var reader = await pool.RentAsync(None);
        using var writer = await pool.RentAsync(None);
        const string Count = "SELECT count(*) FROM items;";
        using (reader.BeginReadSnapshot())
        {
            Assert.Equal(1L, await ScalarAsync(reader, Count));

            // Committed by another connection between two statements of the snapshot: not seen inside it.
            await ExecuteAsync(writer, "INSERT INTO items (id) VALUES ($id);", id: "during");
            Assert.Equal(1L, await ScalarAsync(reader, Count));
            Assert.False(reader.Connection.Handle is { } open && SQLitePCL.raw.sqlite3_get_autocommit(open) != 0);
        }

        // The snapshot ended: the connection is back outside any transaction and reads the new row.
        Assert.True(SQLitePCL.raw.sqlite3_get_autocommit(reader.Connection.Handle!) != 0);
        Assert.Equal(2L, await ScalarAsync(reader, Count));
    }

    [Fact]
    public async Task A_connection_given_back_inside_a_read_snapshot_is_closed_not_reused()
    {
        using var pool = new SqliteConnectionPool(ConnectionString);
        SqliteConnection abandoned;
        using (var lease = await pool.RentAsync(None))
        {
            abandoned = lease.Connection;
            lease.BeginReadSnapshot(); // never disposed: as when a statement of the snapshot throws past it
            Assert.Equal(1L, await ScalarAsync(lease, "SELECT 1;"));
        }

        using var next = await pool.RentAsync(None);
        Assert.NotSame(abandoned, next.Connection);
        Assert.Equal(1, pool.OpenCount);
    }

    private static async Task<object?> ScalarAsync(SqliteConnectionLease lease, string sql)
        => await lease.Command(sql).ExecuteScalarAsync(None);

    private static async Task ExecuteAsync(SqliteConnectionLease lease, string sql, SqliteTransaction? transaction = null, string? id = null)
    {
        var command = lease.Command(sql, transaction);
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }

        await command.ExecuteNonQueryAsync(None);
    }
}
