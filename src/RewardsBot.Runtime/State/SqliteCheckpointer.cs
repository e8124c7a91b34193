using Microsoft.Data.Sqlite;

namespace RewardsBot.Runtime.State;

/// <summary>
/// Copies the state file's write-ahead log into the database on a thread of its own, so no writer waits for it.
/// </summary>
/// <remarks>
/// <para>
/// By default SQLite checkpoints inside the COMMIT that takes the log past 1,000 pages: that commit copies the pages
/// and waits for two fsyncs, which on a busy disk takes tens of milliseconds — and with group commit every turn of the
/// group waits with it (a p99 of its own). The state writer's connection turns automatic checkpoints off and calls
/// <see cref="Nudge"/> after each commit; this class then runs a PASSIVE checkpoint (it takes no lock that writers or
/// readers need) at most every <see cref="MinimumInterval"/>. Once a checkpoint has copied the whole log and no reader
/// still uses it, the next writer starts the log over from its beginning, so the file stays small.
/// </para>
/// <para>
/// Durability does not change: a commit is in the log before it is acknowledged, and a checkpoint only moves
/// committed pages. Other connections to the file keep SQLite's automatic checkpoint as a fallback (it only triggers
/// if the log grows past 1,000 pages, which this keeps from happening while it runs). A failed checkpoint (the file
/// busy in another process) is simply tried again at the next nudge.
/// </para>
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The shortest time between two checkpoints: a checkpoint's fsyncs are paid at most this often.</summary>
    internal static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteStateDatabase _database;
    private readonly SemaphoreSlim _nudged = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _checkpoints;

    public SqliteCheckpointer(SqliteStateDatabase database)
    {
        _database = database;
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite state checkpoint" };
        _thread.Start();
    }

    /// <summary>How many checkpoints have run (for tests).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Asks for a checkpoint soon (after a commit); cheap, and several nudges before it runs make one checkpoint.</summary>
    public void Nudge()
    {
        if (_nudged.CurrentCount == 0)
        {
            try
            {
                _nudged.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another nudge got there first: one checkpoint is asked for already.
            }
        }
    }

    /// <summary>Stops the thread after the checkpoint it may be running, and closes its connection.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _nudged.Dispose();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        SqliteCommand? checkpoint = null;
        try
        {
            while (Wait())
            {
                try
                {
                    connection ??= _database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
                    checkpoint ??= CreateCheckpointCommand(connection);
                    checkpoint.ExecuteNonQuery();
                    Interlocked.Increment(ref _checkpoints);
                }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
                {
                    // Tried again at the next nudge, on a fresh connection; the log only grows meanwhile.
                    checkpoint = null;
                    connection?.Dispose();
                    connection = null;
                }

                if (_stop.Token.WaitHandle.WaitOne(MinimumInterval))
                {
                    return;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private bool Wait()
    {
        try
        {
            _nudged.Wait(_stop.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static SqliteCommand CreateCheckpointCommand(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        return command;
    }
}
