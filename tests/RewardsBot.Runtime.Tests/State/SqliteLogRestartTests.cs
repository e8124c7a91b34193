using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RewardsBot.Runtime.State;
using static RewardsBot.Runtime.Tests.State.StorageWrites;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>
/// The write-ahead log started over under a load that never pauses. Eight writers and four readers run flat out until
/// the log has been started over five times: this class runs alone (after the parallel tests), so it neither starves
/// them of threads and disk nor is slowed by them.
/// </summary>
[Collection(nameof(SqliteLogRestartTests))]
public sealed class SqliteLogRestartTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>The text every document is filled with: a 4 KB page or more each.</summary>
    private static readonly string Page = new('x', 4000);

    [Fact]
    public async Task Under_steady_reads_and_writes_the_write_ahead_log_is_still_started_over()
    {
        // Writers and readers never pause, so a PASSIVE checkpoint beside the writer never catches up with the log on
        // its own: only the checkpoint that holds this process's writers back lets the log start over.
        var file = _directory.File("bot.db");
        // No cached documents: the readers read the file, holding the log as readers do.
        await using var storage = new SqliteStorage($"Data Source={file}", timeProvider: null, restartFrames: 100, cachedBytes: 0);
        var keys = Keys(64);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        async Task ReadLoop()
        {
            while (storage.LogRestarts < 5 && !stop.IsCancellationRequested)
            {
                await storage.ReadAsync([keys[Random.Shared.Next(keys.Length)], keys[Random.Shared.Next(keys.Length)]], None);
            }
        }

        var eTags = await WriteUntilRestartsAsync(storage, keys, restarts: 5, stop.Token, ReadLoop, ReadLoop, ReadLoop, ReadLoop);

        Assert.True(storage.LogRestarts >= 5, $"the log was started over {storage.LogRestarts} times in a minute");
        // SQLite's own word for it: a log never started over only grows at its end, so its frames fill its file. Started
        // over, the writers write from its beginning again, over frames the file already holds: fewer frames than the
        // file has room for. (How large the file grew first depends on how soon the first restarts got through — on a
        // busy machine, late — so its size alone proves nothing.)
        var (logFrames, fileFrames) = LogFrames(file);
        Assert.True(logFrames < fileFrames, $"the log holds {logFrames} frames in a file of {fileFrames}: it was never started over");
        await AssertLastWritesReadBackAsync(storage, keys, eTags);
    }

    /// <summary>The frames the log holds (a PASSIVE checkpoint's count) and the frames its file has room for.</summary>
    private static (long LogFrames, long FileFrames) LogFrames(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return (WriteAheadLog.CheckpointedFrames(connection), WriteAheadLog.FileFrames(file, connection));
    }

    private static string[] Keys(int count) => Enumerable.Range(0, count).Select(i => $"k{i}").ToArray();

    /// <summary>
    /// Eight writers, each rewriting every eighth key in turn with <see cref="Page"/>, and <paramref name="alongside"/>,
    /// all flat out until the log has been started over <paramref name="restarts"/> times or <paramref name="stop"/>;
    /// returns each key's last eTag (null: never written).
    /// </summary>
    private static async Task<string?[]> WriteUntilRestartsAsync(
        SqliteStorage storage, string[] keys, int restarts, CancellationToken stop, params Func<Task>[] alongside)
    {
        var eTags = new string?[keys.Length];

        async Task WriteLoop(int first)
        {
            for (var i = first; storage.LogRestarts < restarts && !stop.IsCancellationRequested; i = (i + 8) % keys.Length)
            {
                eTags[i] = await WriteAsync(storage, keys[i], new JsonObject { ["filler"] = Page }, eTags[i]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => WriteLoop(i))).Concat(alongside.Select(Task.Run)));
        return eTags;
    }

    /// <summary>Every key written reads back with the page: no write was lost across the restarts.</summary>
    private static async Task AssertLastWritesReadBackAsync(SqliteStorage storage, string[] keys, string?[] eTags)
    {
        var stored = await storage.ReadAsync(keys, None);
        Assert.All(keys.Where((_, i) => eTags[i] is not null), key => Assert.Equal(Page, stored[key].Document["filler"]!.GetValue<string>()));
    }
}

/// <summary>Runs <see cref="SqliteLogRestartTests"/> on its own, after the tests that run in parallel.</summary>
[CollectionDefinition(nameof(SqliteLogRestartTests), DisableParallelization = true)]
public sealed class SqliteLogRestartCollection;
