using Microsoft.Data.Sqlite;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>
/// The catch-up before the checkpoint that starts the log over, step by step: the test commits between the checkpointer's
/// PASSIVE passes (through its observer, on the checkpointer's thread) exactly what "the writers" commit during each
/// pass, so what the RESTART finds left to copy while the writers wait is known to the frame, whatever the machine's
/// speed. (How many frames that is under a real load is the benchmark's business: bench/README.md.)
/// </summary>
public sealed class SqliteCheckpointerCatchUpTests : IDisposable
{
    private const int RestartFrames = 100;
    private readonly TempFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_catch_up_stops_at_the_first_pass_that_finds_few_new_frames_and_the_restart_copies_only_what_came_after()
    {
        // Pass 0 (the round's first PASSIVE) finds the log past RestartFrames; 60 commits land during pass 1, 5 during
        // pass 2 (at most CatchUpFrames frames: the catch-up ends after it), 3 between pass 2 and the gate. Without the
        // catch-up the RESTART would copy all 68 commits' frames while the writers wait.
        await using var log = await RoundAsync(pass => pass switch { 0 => 60, 1 => 5, _ => 3 }, lastPass: 2);

        Assert.Equal([0, 1, 2], log.Passes);
        Assert.Equal(1, log.Checkpointer.Restarts);
        Assert.True(log.FramesAfter[2] > 0, "the commits after the last pass added no frame to the log");
        Assert.Equal([log.FramesAfter[2]], log.Checkpointer.HeldFrames);
        Assert.True(log.FramesAfter[0] > SqliteCheckpointer.CatchUpFrames && log.FramesAfter[1] <= SqliteCheckpointer.CatchUpFrames,
            $"the commits made {log.FramesAfter[0]} and {log.FramesAfter[1]} frames: the scenario needs more, then fewer, than {SqliteCheckpointer.CatchUpFrames}");
        AssertLogStartedOver(log);
    }

    [Fact]
    public async Task When_every_pass_finds_many_new_frames_the_catch_up_gives_up_after_its_last_pass_and_the_restart_copies_that_pass_s_frames()
    {
        // A disk that cannot keep up: 40 commits during every pass. The gate is taken after MaxCatchUpPasses passes.
        await using var log = await RoundAsync(_ => 40, lastPass: SqliteCheckpointer.MaxCatchUpPasses);

        Assert.Equal(Enumerable.Range(0, SqliteCheckpointer.MaxCatchUpPasses + 1), log.Passes);
        Assert.Equal(1, log.Checkpointer.Restarts);
        Assert.Equal([log.FramesAfter[SqliteCheckpointer.MaxCatchUpPasses]], log.Checkpointer.HeldFrames);
        Assert.All(log.FramesAfter.Values, frames => Assert.True(frames > SqliteCheckpointer.CatchUpFrames, $"40 commits made only {frames} frames"));
        AssertLogStartedOver(log);
    }

    [Fact]
    public async Task A_log_below_the_restart_size_is_only_copied_never_started_over()
    {
        var file = _directory.File("bot.db");
        using var database = new SqliteStateDatabase($"Data Source={file}");
        await using var writer = await OpenWriterAsync(database);
        Commit(writer, RestartFrames / 4);

        var passes = new List<int>();
        using (var checkpointer = new SqliteCheckpointer(database, RestartFrames, (pass, _) => { lock (passes) { passes.Add(pass); } }))
        {
            checkpointer.Nudge();
            await WaitUntilAsync(() => checkpointer.Checkpoints >= 1, "the checkpoint after the nudge");
            Assert.Equal(0, checkpointer.Restarts);
            Assert.Empty(checkpointer.HeldFrames);
        }

        Assert.Equal([0], passes);
    }

    /// <summary>
    /// Fills a fresh file's log past <see cref="RestartFrames"/>, nudges a checkpointer once and, after each of its
    /// PASSIVE passes, makes <paramref name="commitsDuring"/>(pass) commits; returns once the log has been started over.
    /// </summary>
    /// <remarks>
    /// Under load, writers commit while a PASSIVE checkpoint copies, so it never copies the whole log and no writer can
    /// start the log over on its own. Commits made between passes would not be like that: the first would find the log
    /// wholly copied and start it over itself. So until <paramref name="lastPass"/> a reader holds a snapshot taken
    /// before one more commit (the PASSIVE copies up to it, not beyond), ended before the next commits; after the last
    /// pass nothing is held, so the RESTART finds no reader in its way.
    /// </remarks>
    private async Task<Round> RoundAsync(Func<int, int> commitsDuring, int lastPass)
    {
        var file = _directory.File("bot.db");
        var database = new SqliteStateDatabase($"Data Source={file}");
        var writer = await OpenWriterAsync(database);
        var reader = await database.OpenAsync(CancellationToken.None);
        Commit(writer, RestartFrames * 2);
        HoldSnapshot(reader);
        Commit(writer, 1);

        var passes = new List<int>();
        var framesAfter = new Dictionary<int, long>();
        var holding = true;
        void Observe(int pass, long _)
        {
            // Before the first restart the log only grows at its end: the file's growth is exactly the frames committed.
            var before = WriteAheadLog.FileFrames(file, writer);
            if (holding)
            {
                Execute(reader, "COMMIT;");
                holding = false;
            }

            Commit(writer, commitsDuring(pass));
            if (pass < lastPass)
            {
                HoldSnapshot(reader);
                holding = true;
                Commit(writer, 1);
            }

            lock (passes)
            {
                passes.Add(pass);
                framesAfter[pass] = WriteAheadLog.FileFrames(file, writer) - before;
            }
        }

        string Seen()
        {
            lock (passes)
            {
                return $"passes {string.Join(", ", passes.Select(pass => $"{pass} (+{framesAfter[pass]} frames)"))}";
            }
        }

        var checkpointer = new SqliteCheckpointer(database, RestartFrames, Observe);
        var round = new Round(file, database, writer, reader, checkpointer, passes, framesAfter);
        try
        {
            checkpointer.Nudge();
            // Recorded after each RESTART, whether it started the log over or met a reader (a catch-up that went wrong).
            await WaitUntilAsync(() => checkpointer.HeldFrames.Count > 0, () => $"the restart; {Seen()}");
            return round;
        }
        catch
        {
            await round.DisposeAsync();
            throw;
        }
    }

    /// <summary>Begins a read on <paramref name="reader"/> and keeps it: the log's frames up to now stay in use.</summary>
    private static void HoldSnapshot(SqliteConnection reader)
    {
        Execute(reader, "BEGIN DEFERRED;");
        Execute(reader, "SELECT count(*) FROM filler;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>After the restart the next commit writes from the log's beginning: the log holds only its frames.</summary>
    private static void AssertLogStartedOver(Round round)
    {
        var sizeBefore = new FileInfo(round.File + "-wal").Length;
        Commit(round.Writer, 1);
        Assert.InRange(WriteAheadLog.CheckpointedFrames(round.Writer), 1, 4);
        // Written over the log's first frames, not appended: the file did not grow.
        Assert.Equal(sizeBefore, new FileInfo(round.File + "-wal").Length);
    }

    /// <summary>The state file's own connection settings, with SQLite's automatic checkpoint off as the state writer has it.</summary>
    private static async Task<SqliteConnection> OpenWriterAsync(SqliteStateDatabase database)
    {
        var connection = await database.OpenAsync(CancellationToken.None);
        using var setup = connection.CreateCommand();
        setup.CommandText = """
            PRAGMA wal_autocheckpoint = 0;
            CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
            """;
        setup.ExecuteNonQuery();
        return connection;
    }

    /// <summary><paramref name="count"/> commits, each a row of nearly a page (a frame or more each in the log).</summary>
    private static void Commit(SqliteConnection connection, int count)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO filler (body) VALUES (zeroblob(3500));";
        for (var i = 0; i < count; i++)
        {
            insert.ExecuteNonQuery();
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(condition, () => what);

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"{what()} did not come in 30 s");
            await Task.Delay(10);
        }
    }

    private sealed record Round(
        string File, SqliteStateDatabase Database, SqliteConnection Writer, SqliteConnection Reader, SqliteCheckpointer Checkpointer,
        List<int> Passes, Dictionary<int, long> FramesAfter) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Checkpointer.Dispose();
            await Reader.DisposeAsync();
            await Writer.DisposeAsync();
            Database.Dispose();
        }
    }
}
