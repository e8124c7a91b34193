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
/// committed pages. Other connections to the file keep SQLite's automatic checkpoint as a fallback (a commit of theirs
/// that leaves the log past 1,000 pages checkpoints it). A failed checkpoint (the file busy in another process) is
/// simply tried again at the next nudge.
/// </para>
/// <para>
/// A log only starts over when a writer begins while every frame of it has been copied and no reader still reads
/// from it. Under steady load a PASSIVE checkpoint never gets there: it runs beside the writer, which commits more
/// frames while it copies — so the log would grow for as long as the load lasts, every commit extending the file
/// (on ext4 each new block is allocated and zeroed: a third of the writer's cost). So once the log holds
/// <see cref="DefaultRestartFrames"/> frames or more after a PASSIVE checkpoint, this class takes the file's write
/// gate (this process's writers wait in .NET) and runs a RESTART checkpoint: it copies only what was committed since
/// the last PASSIVE one, waits briefly for readers to leave the log, and makes the next commit write from the log's
/// beginning again. The log stays near that size, its blocks already allocated.
/// </para>
/// <para>
/// Every turn of the moment waits while the gate is held, so what the RESTART has left to copy matters: copying, then
/// syncing the log and the database, took ~12 ms for ~400 frames and ~2 ms for ~30 here. A PASSIVE checkpoint of a
/// whole log takes long enough (tens of milliseconds under load) for hundreds of frames to be committed meanwhile, and
/// those made each RESTART hold the writers ~12 ms, about four times a second at 8,000 turns/s: the p99 of the
/// load benchmark. So before taking the gate, further PASSIVE checkpoints catch up — each copies what was committed
/// during the one before, so each is shorter — until one finds at most <see cref="CatchUpFrames"/> new frames (or
/// after <see cref="MaxCatchUpPasses"/> of them, when the disk cannot keep up); the RESTART then copies only those.
/// </para>
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The shortest time between two checkpoints: a checkpoint's fsyncs are paid at most this often.</summary>
    internal static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>A log of this many frames (pages of 4 KB: 16 MB) or more is started over (see the remarks).</summary>
    internal const int DefaultRestartFrames = 4096;

    /// <summary>The catch-up before a RESTART stops once a PASSIVE checkpoint finds at most this many new frames.</summary>
    internal const int CatchUpFrames = 32;

    /// <summary>At most this many catch-up checkpoints before a RESTART (the gate is taken then, whatever is left).</summary>
    internal const int MaxCatchUpPasses = 8;

    /// <summary>How many of the last RESTARTs <see cref="HeldFrames"/> tells of.</summary>
    private const int HeldFramesKept = 256;

    /// <summary>
    /// How long the checkpoint that starts the log over waits for readers (and another process's writer) before it
    /// gives up until the next nudge: this process's writers are waiting meanwhile.
    /// </summary>
    private const int RestartBusyTimeoutMilliseconds = 10;

    private readonly SqliteStateDatabase _database;
    private readonly int _restartFrames;
    private readonly SemaphoreSlim _nudged = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _checkpoints;
    private long _restarts;
    private readonly Queue<long> _heldFrames = new(HeldFramesKept);
    private readonly Action<int, long>? _afterPassive;

    /// <param name="database">The file to checkpoint.</param>
    /// <param name="restartFrames">The log size (frames) from which the log is started over; <see cref="DefaultRestartFrames"/> when null.</param>
    /// <param name="afterPassive">
    /// For tests: called on the checkpointer's thread after each PASSIVE checkpoint of a round (0 for the first, then
    /// each catch-up pass) with the log size it saw, outside the write gate — a test commits there what "the writers"
    /// commit during that pass.
    /// </param>
    public SqliteCheckpointer(SqliteStateDatabase database, int? restartFrames = null, Action<int, long>? afterPassive = null)
    {
        _database = database;
        _restartFrames = restartFrames ?? DefaultRestartFrames;
        _afterPassive = afterPassive;
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite state checkpoint" };
        _thread.Start();
    }

    /// <summary>How many checkpoints have run (for tests).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>How many RESTART checkpoints (taken with this process's writers held back) have started the log over (for tests).</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>
    /// For the last RESTART checkpoints (up to <see cref="HeldFramesKept"/>), how many frames each found committed since the catch-up before it
    /// — what it copied while the writers waited (for tests).
    /// </summary>
    public IReadOnlyList<long> HeldFrames
    {
        get
        {
            lock (_heldFrames)
            {
                return [.. _heldFrames];
            }
        }
    }

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
        SqliteCommand? passive = null;
        SqliteCommand? restart = null;
        try
        {
            while (Wait())
            {
                try
                {
                    if (connection is null)
                    {
                        connection = _database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
                        passive = CreateCommand(connection, "PRAGMA wal_checkpoint(PASSIVE);");
                        restart = CreateCommand(connection, "PRAGMA wal_checkpoint(RESTART);");

                        // Only the RESTART checkpoint waits (PASSIVE never does), and it must not hold the writers long.
                        using var busy = CreateCommand(connection, $"PRAGMA busy_timeout = {RestartBusyTimeoutMilliseconds};");
                        busy.ExecuteNonQuery();
                    }

                    var (_, logFrames) = Checkpoint(passive!);
                    Interlocked.Increment(ref _checkpoints);
                    _afterPassive?.Invoke(0, logFrames);
                    if (logFrames >= _restartFrames)
                    {
                        logFrames = CatchUp(passive!, logFrames);
                        bool busy;
                        long restartLog;
                        using (_database.EnterWriteGateAsync(CancellationToken.None).GetAwaiter().GetResult())
                        {
                            (busy, restartLog) = Checkpoint(restart!);
                        }

                        // Busy: a reader (or another process's writer) outlasted the wait; tried again at the next nudge.
                        if (!busy)
                        {
                            Interlocked.Increment(ref _restarts);
                        }

                        // After the count: once a test sees the held frames, it sees whether the log was started over.
                        RecordHeldFrames(restartLog - logFrames);
                    }
                }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
                {
                    // Tried again at the next nudge, on a fresh connection; the log only grows meanwhile.
                    passive?.Dispose();
                    restart?.Dispose();
                    passive = restart = null;
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

    /// <summary>
    /// PASSIVE checkpoints, one after another, until one finds at most <see cref="CatchUpFrames"/> frames committed
    /// since the one before (see the remarks); returns the log's size the last one saw.
    /// </summary>
    private long CatchUp(SqliteCommand passive, long logFrames)
    {
        for (var pass = 1; pass <= MaxCatchUpPasses; pass++)
        {
            var (_, now) = Checkpoint(passive);
            Interlocked.Increment(ref _checkpoints);
            _afterPassive?.Invoke(pass, now);
            var added = now - logFrames;
            logFrames = now;
            // Fewer frames than before (-1, or another process started the log over): nothing to catch up with.
            if (added <= CatchUpFrames)
            {
                break;
            }
        }

        return logFrames;
    }

    private void RecordHeldFrames(long frames)
    {
        lock (_heldFrames)
        {
            if (_heldFrames.Count == HeldFramesKept)
            {
                _heldFrames.Dequeue();
            }

            _heldFrames.Enqueue(Math.Max(0, frames));
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

    /// <summary>Runs a checkpoint; returns whether it could not finish and how many frames the log holds (-1: SQLite could not tell).</summary>
    private static (bool Busy, long LogFrames) Checkpoint(SqliteCommand checkpoint)
    {
        // One row: busy (1 when the checkpoint could not finish), frames in the log, frames copied.
        using var reader = checkpoint.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1)) : (true, -1);
    }

    private static SqliteCommand CreateCommand(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
