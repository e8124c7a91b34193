using System.Text.Json.Nodes;
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

        var (eTags, written) = await WriteUntilRestartsAsync(storage, keys, restarts: 5, stop.Token, ReadLoop, ReadLoop, ReadLoop, ReadLoop);

        Assert.True(storage.LogRestarts >= 5, $"the log was started over {storage.LogRestarts} times in a minute");
        var log = new FileInfo(file + "-wal").Length;
        // A log never started over holds every frame written (each document a 4 KB page or more): its file is at least
        // as large as what was written. Started over, its file keeps the size it had reached — which, on a slow or busy
        // machine, may be a good part of it before the first restarts get through, so only "smaller than all" is sure.
        Assert.True(log < written, $"log {log} bytes after {written} bytes of documents: it kept growing");
        await AssertLastWritesReadBackAsync(storage, keys, eTags);
    }

    private static string[] Keys(int count) => Enumerable.Range(0, count).Select(i => $"k{i}").ToArray();

    /// <summary>
    /// Eight writers, each rewriting every eighth key in turn with <see cref="Page"/>, and <paramref name="alongside"/>,
    /// all flat out until the log has been started over <paramref name="restarts"/> times or <paramref name="stop"/>;
    /// returns each key's last eTag (null: never written) and the characters written.
    /// </summary>
    private static async Task<(string?[] ETags, long Written)> WriteUntilRestartsAsync(
        SqliteStorage storage, string[] keys, int restarts, CancellationToken stop, params Func<Task>[] alongside)
    {
        var eTags = new string?[keys.Length];
        long written = 0;

        async Task WriteLoop(int first)
        {
            for (var i = first; storage.LogRestarts < restarts && !stop.IsCancellationRequested; i = (i + 8) % keys.Length)
            {
                eTags[i] = await WriteAsync(storage, keys[i], new JsonObject { ["filler"] = Page }, eTags[i]);
                Interlocked.Add(ref written, Page.Length);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => WriteLoop(i))).Concat(alongside.Select(Task.Run)));
        return (eTags, Interlocked.Read(ref written));
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
