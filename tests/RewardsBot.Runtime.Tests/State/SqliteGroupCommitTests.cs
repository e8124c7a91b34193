using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RewardsBot.Runtime.State;
using RewardsBot.Sqlite;
using static RewardsBot.Runtime.Tests.State.StorageWrites;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>
/// Group commit in <see cref="SqliteStorage"/>: writes that wait for the file together share one transaction, yet each
/// keeps its own outcome. The tests hold the file's write gate (as a Rewards writer of the same process would) so that
/// writes queue up, then let them through.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Writes_queued_while_the_file_is_busy_commit_together_each_with_its_own_new_eTag()
    {
        await using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}");
        await WriteAsync(storage, "warm-up", new JsonObject(), null);
        var before = storage.WriteTransactionsCommitted;

        Task<IReadOnlyDictionary<string, string>>[] writes;
        using (await SqliteFile.EnterWriteGateAsync(storage.FilePath, None))
        {
            writes = Enumerable.Range(0, 40)
                .Select(i => storage.WriteAsync(One($"k{i}", new JsonObject { ["n"] = i }, null), None))
                .ToArray();
            await Task.Delay(100);
            Assert.All(writes, write => Assert.False(write.IsCompleted));
        }

        var eTags = (await Task.WhenAll(writes)).Select((result, i) => long.Parse(result[$"k{i}"], CultureInfo.InvariantCulture)).ToArray();

        // 40 writes in one transaction (a second one at most, if the writer took its first group a moment early).
        Assert.InRange(storage.WriteTransactionsCommitted - before, 1, 2);
        Assert.Equal(40, eTags.Distinct().Count());
        Assert.Equal(eTags.Order(), eTags);
        var read = await storage.ReadAsync(Enumerable.Range(0, 40).Select(i => $"k{i}").ToArray(), None);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(i, (int?)read[$"k{i}"].Document["n"]));
    }

    [Fact]
    public async Task A_conflicting_write_fails_alone_and_the_rest_of_its_group_commits()
    {
        await using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}");
        var current = await WriteAsync(storage, "shared", new JsonObject { ["v"] = 1 }, null);

        Task<IReadOnlyDictionary<string, string>> first, stale, other, multi;
        using (await SqliteFile.EnterWriteGateAsync(storage.FilePath, None))
        {
            first = storage.WriteAsync(One("shared", new JsonObject { ["v"] = 2 }, current), None);
            // Made with the eTag both read: after the first, it no longer matches.
            stale = storage.WriteAsync(One("shared", new JsonObject { ["v"] = 3 }, current), None);
            other = storage.WriteAsync(One("other", new JsonObject { ["v"] = 4 }, null), None);
            // Two keys, the second of which conflicts (it already exists): neither may be stored.
            multi = storage.WriteAsync(
                new Dictionary<string, StoreItem> { ["multi-a"] = new(new JsonObject(), null), ["other"] = new(new JsonObject(), null) },
                None);
        }

        await first;
        await other;
        var conflict = await Assert.ThrowsAsync<ETagConflictException>(() => stale);
        Assert.Equal("shared", conflict.Key);
        Assert.Equal("other", (await Assert.ThrowsAsync<ETagConflictException>(() => multi)).Key);

        var read = await storage.ReadAsync(["shared", "other", "multi-a"], None);
        Assert.Equal(2, (int?)read["shared"].Document["v"]);
        Assert.Equal(4, (int?)read["other"].Document["v"]);
        Assert.False(read.ContainsKey("multi-a"));
    }

    [Fact]
    public async Task A_write_whose_caller_gave_up_before_it_was_taken_is_not_made()
    {
        await using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}");
        await WriteAsync(storage, "warm-up", new JsonObject(), null);
        using var giveUp = new CancellationTokenSource();

        Task<IReadOnlyDictionary<string, string>> abandoned, kept;
        using (await SqliteFile.EnterWriteGateAsync(storage.FilePath, None))
        {
            // The writer holds at most one group waiting for the gate; these two queue behind it.
            var blocker = storage.WriteAsync(One("blocker", new JsonObject(), null), None);
            await Task.Delay(100);
            abandoned = storage.WriteAsync(One("abandoned", new JsonObject(), null), giveUp.Token);
            kept = storage.WriteAsync(One("kept", new JsonObject(), null), None);
            await giveUp.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await kept;
        var read = await storage.ReadAsync(["abandoned", "kept", "blocker"], None);
        Assert.Equal(["blocker", "kept"], read.Keys.Order());
    }

    [Fact]
    public async Task A_group_whose_transaction_fails_is_stored_not_at_all_and_the_next_write_works()
    {
        var file = _directory.File("bot.db");
        await using var storage = new SqliteStorage($"Data Source={file}");
        await WriteAsync(storage, "before", new JsonObject(), null);
        using var other = new SqliteConnection($"Data Source={file};Pooling=False");
        other.Open();
        // Makes the group's last statement fail, after its writes ran: the whole transaction must roll back.
        Execute(other, "CREATE TRIGGER refuse BEFORE UPDATE ON etag_sequence BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");

        Task<IReadOnlyDictionary<string, string>>[] writes;
        using (await SqliteFile.EnterWriteGateAsync(storage.FilePath, None))
        {
            writes = [storage.WriteAsync(One("a", new JsonObject(), null), None), storage.WriteAsync(One("b", new JsonObject(), null), None)];
        }

        foreach (var write in writes)
        {
            var ex = await Assert.ThrowsAsync<SqliteException>(() => write);
            Assert.Contains("refused by the test", ex.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await storage.ReadAsync(["a", "b"], None));
        Execute(other, "DROP TRIGGER refuse;");
        await WriteAsync(storage, "a", new JsonObject { ["again"] = true }, null);
        Assert.Equal(true, (bool?)(await storage.ReadAsync(["a"], None))["a"].Document["again"]);
    }

    [Fact]
    public async Task Disposing_the_storage_finishes_the_writes_already_queued()
    {
        var connectionString = $"Data Source={_directory.File("bot.db")}";
        var storage = new SqliteStorage(connectionString);
        await WriteAsync(storage, "warm-up", new JsonObject(), null);

        Task<IReadOnlyDictionary<string, string>>[] writes;
        Task disposing;
        using (await SqliteFile.EnterWriteGateAsync(storage.FilePath, None))
        {
            writes = Enumerable.Range(0, 10).Select(i => storage.WriteAsync(One($"k{i}", new JsonObject(), null), None)).ToArray();
            disposing = storage.DisposeAsync().AsTask();
            await Task.Delay(50);
            Assert.False(disposing.IsCompleted);
        }

        await disposing;
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteAsync(One("late", new JsonObject(), null), None));
        await using var reopened = new SqliteStorage(connectionString);
        Assert.Equal(10, (await reopened.ReadAsync(Enumerable.Range(0, 10).Select(i => $"k{i}").ToArray(), None)).Count);
    }

    [Fact]
    public async Task The_write_ahead_log_is_checkpointed_beside_the_writer_and_starts_over_instead_of_growing()
    {
        var file = _directory.File("bot.db");
        await using var storage = new SqliteStorage($"Data Source={file}");
        var page = new string('x', 4000);
        const int Bursts = 6, PerBurst = 200;
        long afterFirstBurst = 0;
        for (var burst = 0; burst < Bursts; burst++)
        {
            for (var i = 0; i < PerBurst; i++)
            {
                await WriteAsync(storage, $"k{burst}-{i}", new JsonObject { ["filler"] = page }, null);
            }

            afterFirstBurst = burst == 0 ? new FileInfo(file + "-wal").Length : afterFirstBurst;

            // Time for a checkpoint between bursts; the next burst's first writer then starts the log over.
            await Task.Delay(SqliteCheckpointerInterval * 3);
        }

        var log = new FileInfo(file + "-wal").Length;
        Assert.True(storage.Checkpoints > 0, "no checkpoint ran");
        // The writer's connection never checkpoints itself: without the checkpointer the log would hold all six bursts
        // (about six times its size after the first); started over after each checkpoint, it stays near one burst.
        Assert.True(log < 3 * afterFirstBurst, $"log {log} bytes, {afterFirstBurst} after the first burst");
        Assert.Equal(Bursts * PerBurst, (await storage.ReadAsync(Enumerable.Range(0, Bursts * PerBurst).Select(n => $"k{n / PerBurst}-{n % PerBurst}").ToArray(), None)).Count);
    }

    private static TimeSpan SqliteCheckpointerInterval => SqliteCheckpointer.MinimumInterval;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
