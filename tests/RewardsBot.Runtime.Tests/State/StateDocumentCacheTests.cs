using System.Text.Json.Nodes;
using RewardsBot.Runtime.State;
using static RewardsBot.Runtime.Tests.State.StorageWrites;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>
/// <see cref="SqliteStorage"/> answers a read from the documents it last read or wrote. These tests change the file
/// behind its back (a second storage on the file, as another process would) to tell a cached answer from the file's.
/// </summary>
public sealed class StateDocumentCacheTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    private string ConnectionString => $"Data Source={_directory.File("bot.db")}";

    /// <summary>Another process's storage: its own connection pool (another connection string), its own cache.</summary>
    private SqliteStorage OtherProcess() => new($"{ConnectionString};Default Timeout=20");

    /// <summary>What the file holds: a storage of its own that keeps no documents.</summary>
    private SqliteStorage FileView() => new($"{ConnectionString};Default Timeout=21", timeProvider: null, restartFrames: null, cachedBytes: 0);

    [Fact]
    public async Task What_this_storage_wrote_is_read_back_without_the_file()
    {
        await using var storage = new SqliteStorage(ConnectionString);
        var eTag = await WriteAsync(storage, "conv", new JsonObject { ["step"] = 1 }, null);
        var misses = storage.Cache.Misses;

        var item = (await storage.ReadAsync(["conv"], None))["conv"];

        Assert.Equal(1, (int?)item.Document["step"]);
        Assert.Equal(eTag, item.ETag);
        Assert.Equal(misses, storage.Cache.Misses);
        Assert.Equal(1, storage.Cache.Hits);
    }

    [Fact]
    public async Task A_key_without_a_document_is_remembered_as_such_until_it_is_written()
    {
        await using var storage = new SqliteStorage(ConnectionString);
        await WriteAsync(storage, "conv", new JsonObject(), null);

        var first = await storage.ReadAsync(["conv", "user"], None);  // "user" is not known yet: from the file
        var second = await storage.ReadAsync(["conv", "user"], None); // both known now, "user" as absent
        var userETag = await WriteAsync(storage, "user", new JsonObject { ["language"] = "fr" }, null);
        var third = await storage.ReadAsync(["conv", "user"], None);

        Assert.False(first.ContainsKey("user"));
        Assert.False(second.ContainsKey("user"));
        Assert.Equal((1, 2), (storage.Cache.Misses, storage.Cache.Hits));
        Assert.Equal("fr", (string?)third["user"].Document["language"]);
        Assert.Equal(userETag, third["user"].ETag);
    }

    [Fact]
    public async Task A_change_made_by_another_process_is_caught_by_the_next_write_and_then_read_from_the_file()
    {
        await using var storage = new SqliteStorage(ConnectionString);
        await using var other = OtherProcess();
        var mine = await WriteAsync(storage, "conv", new JsonObject { ["by"] = "this process" }, null);
        var theirs = await WriteAsync(other, "conv", new JsonObject { ["by"] = "another process" }, mine);

        // The cached answer is this process's last write: acting on it cannot be saved...
        var stale = (await storage.ReadAsync(["conv"], None))["conv"];
        Assert.Equal(mine, stale.ETag);
        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync(storage, "conv", new JsonObject { ["by"] = "this process, again" }, stale.ETag));

        // ...and after the conflict the key is read from the file, as the adapter's second run of the turn does.
        var fresh = (await storage.ReadAsync(["conv"], None))["conv"];
        Assert.Equal(theirs, fresh.ETag);
        Assert.Equal("another process", (string?)fresh.Document["by"]);
        var next = await WriteAsync(storage, "conv", new JsonObject { ["by"] = "this process, on fresh state" }, fresh.ETag);
        await using var file = FileView();
        Assert.Equal("this process, on fresh state", (string?)(await file.ReadAsync(["conv"], None))["conv"].Document["by"]);
        Assert.NotEqual(theirs, next);
    }

    [Fact]
    public async Task A_key_remembered_as_absent_that_another_process_created_conflicts_when_created_here()
    {
        await using var storage = new SqliteStorage(ConnectionString);
        await using var other = OtherProcess();
        Assert.Empty(await storage.ReadAsync(["user"], None));
        await WriteAsync(other, "user", new JsonObject { ["language"] = "zh-TW" }, null);

        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync(storage, "user", new JsonObject { ["language"] = "fr" }, null));

        Assert.Equal("zh-TW", (string?)(await storage.ReadAsync(["user"], None))["user"].Document["language"]);
    }

    [Fact]
    public async Task Deleted_keys_are_not_answered_from_memory()
    {
        await using var storage = new SqliteStorage(ConnectionString);
        await WriteAsync(storage, "a", new JsonObject(), null);
        await WriteAsync(storage, "b", new JsonObject(), null);

        await storage.DeleteAsync(["a"], None);

        var read = await storage.ReadAsync(["a", "b"], None);
        Assert.Equal(["b"], read.Keys);
    }

    [Fact]
    public async Task Documents_removed_by_retention_are_not_answered_from_memory()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var storage = new SqliteStorage(ConnectionString, clock);
        await WriteAsync(storage, "old", new JsonObject(), null);
        clock.Now = clock.Now.AddDays(100);
        await WriteAsync(storage, "recent", new JsonObject(), null);
        Assert.Equal(2, (await storage.ReadAsync(["old", "recent"], None)).Count);

        Assert.Equal(1, await storage.DeleteWrittenBeforeAsync(clock.Now.AddDays(-90), None));

        var read = await storage.ReadAsync(["old", "recent"], None);
        Assert.Equal(["recent"], read.Keys);
    }

    [Fact]
    public async Task A_write_that_conflicts_in_a_group_leaves_the_winner_remembered()
    {
        // Both writes use the eTag both read: whichever commits first wins, the other conflicts, in any grouping.
        await using var storage = new SqliteStorage(ConnectionString);
        var start = await WriteAsync(storage, "user", new JsonObject { ["n"] = 0 }, null);
        var writes = Enumerable.Range(1, 2).Select(n => Task.Run(async () =>
        {
            try
            {
                return (N: n, ETag: (string?)await WriteAsync(storage, "user", new JsonObject { ["n"] = n }, start));
            }
            catch (ETagConflictException)
            {
                return (N: n, ETag: null);
            }
        }));

        var outcomes = await Task.WhenAll(writes);

        var winner = Assert.Single(outcomes, o => o.ETag is not null);
        var read = (await storage.ReadAsync(["user"], None))["user"];
        Assert.Equal(winner.ETag, read.ETag);
        Assert.Equal(winner.N, (int?)read.Document["n"]);
        await using var file = FileView();
        Assert.Equal(winner.ETag, (await file.ReadAsync(["user"], None))["user"].ETag);
    }

    [Fact]
    public async Task A_full_cache_is_emptied_and_every_read_stays_right()
    {
        // Documents of 7–8 bytes ({"i":12}) in 64 bytes (two halves of 32): at most 9 kept.
        await using var storage = new SqliteStorage(ConnectionString, timeProvider: null, restartFrames: null, cachedBytes: 64);
        var eTags = new Dictionary<string, string>();
        for (var i = 0; i < 30; i++)
        {
            eTags[$"k{i}"] = await WriteAsync(storage, $"k{i}", new JsonObject { ["i"] = i }, null);
            Assert.InRange(storage.Cache.Bytes, 1, 64);
            Assert.InRange(storage.Cache.Count, 1, 9);
        }

        var hits = storage.Cache.Hits;
        Assert.Equal(eTags["k29"], (await storage.ReadAsync(["k29"], None))["k29"].ETag);
        Assert.Equal(hits + 1, storage.Cache.Hits); // the last key written is still kept

        for (var i = 0; i < 30; i++)
        {
            var item = (await storage.ReadAsync([$"k{i}"], None))[$"k{i}"];
            Assert.Equal((eTags[$"k{i}"], i), (item.ETag, (int?)item.Document["i"]));
            Assert.InRange(storage.Cache.Bytes, 1, 64);
        }

        var large = new JsonObject { ["text"] = new string('x', 100) };
        var largeETag = await WriteAsync(storage, "large", large, null);
        Assert.Equal(largeETag, (await storage.ReadAsync(["large"], None))["large"].ETag);
        Assert.InRange(storage.Cache.Bytes, 0, 64);
    }

    [Fact]
    public async Task A_conversation_in_use_stays_while_many_others_pass_through()
    {
        // Halves of 64 bytes: about eight of these documents each.
        await using var storage = new SqliteStorage(ConnectionString, timeProvider: null, restartFrames: null, cachedBytes: 128);
        var active = await WriteAsync(storage, "active", new JsonObject { ["i"] = -1 }, null);
        for (var i = 0; i < 100; i++)
        {
            await WriteAsync(storage, $"k{i}", new JsonObject { ["i"] = i }, null);
            if (i % 4 == 3)
            {
                var hits = storage.Cache.Hits;
                Assert.Equal(active, (await storage.ReadAsync(["active"], None))["active"].ETag);
                Assert.Equal(hits + 1, storage.Cache.Hits);
            }
        }

        Assert.InRange(storage.Cache.Bytes, 1, 128);
        Assert.Equal(0, storage.Cache.Misses);
    }

    [Fact]
    public async Task With_no_cached_documents_every_read_goes_to_the_file()
    {
        await using var storage = new SqliteStorage(ConnectionString, timeProvider: null, restartFrames: null, cachedBytes: 0);
        await using var other = OtherProcess();
        var mine = await WriteAsync(storage, "conv", new JsonObject(), null);
        var theirs = await WriteAsync(other, "conv", new JsonObject { ["by"] = "another process" }, mine);

        Assert.Equal(theirs, (await storage.ReadAsync(["conv"], None))["conv"].ETag);
        Assert.Equal((0, 0), (storage.Cache.Count, storage.Cache.Hits));
    }

    [Fact]
    public void A_read_that_started_before_a_write_is_not_kept_over_it()
    {
        var cache = new StateDocumentCache(capacityBytes: 1024);
        var generation = cache.Generation;                      // a read from the file starts...
        cache.Wrote("conv", "7", "{\"step\":2}"u8.ToArray());                 // ...a write commits meanwhile...
        cache.Forget(["conv"]);                                 // ...and is forgotten (say, evicted by a conflict)
        var stale = new Dictionary<string, StoreItem> { ["conv"] = StoreItem.FromJson("{\"step\":1}", "6", "conv") };

        cache.Read(["conv"], stale, generation);                // the read ends with what it saw before the write

        Assert.False(cache.TryRead(["conv"], new Dictionary<string, StoreItem>()));
    }

    [Fact]
    public void Reading_two_keys_of_the_older_half_answers_both_even_when_moving_the_first_drops_that_half()
    {
        // Halves of 16 bytes: two of these 7-byte documents each.
        var cache = new StateDocumentCache(capacityBytes: 32);
        cache.Wrote("conv", "1", "{\"a\":1}"u8.ToArray());
        cache.Wrote("user", "2", "{\"b\":2}"u8.ToArray());
        cache.Wrote("other1", "3", "{\"c\":3}"u8.ToArray()); // the newer half is full: conv and user are now the older half
        cache.Wrote("other2", "4", "{\"d\":4}"u8.ToArray());
        var result = new Dictionary<string, StoreItem>();

        Assert.True(cache.TryRead(["conv", "user"], result)); // moving conv to the newer half drops the older half

        Assert.Equal(("1", "2"), (result["conv"].ETag, result["user"].ETag));
        Assert.Equal(2, (int?)result["user"].Document["b"]);
        Assert.InRange(cache.Bytes, 1, 32);
    }
}
