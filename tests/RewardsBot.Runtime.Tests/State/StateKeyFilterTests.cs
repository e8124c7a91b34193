using System.Text.Json.Nodes;
using RewardsBot.Runtime.State;
using static RewardsBot.Runtime.Tests.State.StorageWrites;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>
/// The keys known to have no document: never a key that was written or scanned, most of those that were not; and the
/// SQLite storage answering a new conversation's read without the file, while a document it could not know about
/// (another process's) is still found through the eTag check.
/// </summary>
public sealed class StateKeyFilterTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Before_a_scan_has_ended_no_key_is_called_absent()
    {
        var filter = new StateKeyFilter();
        Assert.False(filter.IsReady);
        Assert.False(filter.IsCertainlyAbsent("webchat/conversations/new"));

        Assert.True(filter.BeginScan());
        Assert.False(filter.BeginScan());
        Assert.False(filter.IsCertainlyAbsent("webchat/conversations/new"));

        filter.EndScan(StateKeyFilter.CreateScanResult(0));
        Assert.True(filter.IsReady);
        Assert.True(filter.IsCertainlyAbsent("webchat/conversations/new"));
    }

    [Fact]
    public void Scanned_keys_and_keys_being_written_around_the_scan_are_never_called_absent_and_most_others_are()
    {
        var filter = new StateKeyFilter();
        var writingAtScan = Keys("writing", 1_000); // begun before the scan, ended after it: maybe not in its snapshot
        var scanned = Keys("file", 5_000);
        var writtenDuring = Keys("during", 1_000);
        var writtenAfter = Keys("after", 20_000); // past the first segment: the filter grows
        writingAtScan.ForEach(key => Assert.False(filter.BeginWrite(key)));

        Assert.True(filter.BeginScan());
        foreach (var key in writtenDuring)
        {
            Assert.False(filter.BeginWrite(key));
            filter.EndWrite(key);
        }

        writingAtScan.ForEach(filter.EndWrite);
        var result = StateKeyFilter.CreateScanResult(scanned.Count);
        scanned.ForEach(result.Add);
        filter.EndScan(result);
        foreach (var key in writtenAfter)
        {
            Assert.False(filter.BeginWrite(key));
            filter.EndWrite(key);
        }

        Assert.All(writingAtScan.Concat(scanned).Concat(writtenDuring).Concat(writtenAfter), key => Assert.False(filter.IsCertainlyAbsent(key), key));
        var calledPresent = Keys("never", 20_000).Count(key => !filter.IsCertainlyAbsent(key));
        Assert.InRange(calledPresent, 0, 20_000 * 3 / 100);
    }

    [Fact]
    public void A_failed_scan_leaves_the_filter_silent_and_the_next_one_still_has_the_keys_being_written()
    {
        // Writes still under way: a scan's snapshot may not hold them.
        var filter = new StateKeyFilter();
        filter.BeginWrite("webchat/conversations/a");
        Assert.True(filter.BeginScan());
        filter.EndScan(null);
        filter.BeginWrite("webchat/conversations/b");

        Assert.False(filter.IsReady);
        Assert.False(filter.IsCertainlyAbsent("webchat/conversations/c"));

        Assert.True(filter.BeginScan());
        filter.EndScan(StateKeyFilter.CreateScanResult(0));
        Assert.False(filter.IsCertainlyAbsent("webchat/conversations/a"));
        Assert.False(filter.IsCertainlyAbsent("webchat/conversations/b"));
        Assert.True(filter.IsCertainlyAbsent("webchat/conversations/c"));
    }

    [Fact]
    public void A_full_filter_asks_for_one_new_scan_and_answers_nothing_until_it_ends()
    {
        var filter = new StateKeyFilter(maxKeys: StateKeyFilter.MinimumSegmentKeys);
        Assert.True(filter.BeginScan());
        filter.EndScan(StateKeyFilter.CreateScanResult(0));

        var asked = 0;
        foreach (var key in Keys("k", StateKeyFilter.MinimumSegmentKeys))
        {
            asked += filter.BeginWrite(key) ? 1 : 0;
            filter.EndWrite(key);
        }

        Assert.Equal(1, asked);
        Assert.False(filter.IsReady);
        Assert.False(filter.BeginWrite("k-more"));

        Assert.True(filter.BeginScan());
        var result = StateKeyFilter.CreateScanResult(10);
        result.Add("k-kept");
        filter.EndScan(result);
        Assert.True(filter.IsReady);
        Assert.False(filter.IsCertainlyAbsent("k-kept"));
        Assert.False(filter.IsCertainlyAbsent("k-more"));
    }

    [Fact]
    public async Task A_new_conversations_read_goes_to_the_file_only_until_the_keys_are_scanned()
    {
        await using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}", timeProvider: null, restartFrames: null, cachedBytes: 0);
        await WriteAsync(storage, "webchat/conversations/old", new JsonObject { ["step"] = 2 }, null);

        Assert.Empty(await storage.ReadAsync(["webchat/conversations/new-1", "webchat/users/new-1"], None));
        Assert.Equal(1, storage.FileReads);
        await storage.KeyScan;
        Assert.True(storage.AbsentKeys.IsReady);

        Assert.Empty(await storage.ReadAsync(["webchat/conversations/new-2", "webchat/users/new-2"], None));
        Assert.Equal(1, storage.FileReads);
        Assert.Equal(2, (int?)(await storage.ReadAsync(["webchat/conversations/old"], None))["webchat/conversations/old"].Document["step"]);
        Assert.Equal(2, storage.FileReads);
    }

    [Fact]
    public async Task Documents_a_previous_process_left_are_found_after_the_scan()
    {
        var connectionString = $"Data Source={_directory.File("bot.db")}";
        await using (var before = new SqliteStorage(connectionString))
        {
            for (var i = 0; i < 300; i++)
            {
                await WriteAsync(before, $"msteams/conversations/{i}", new JsonObject { ["i"] = i }, null);
            }
        }

        await using var storage = new SqliteStorage(connectionString, timeProvider: null, restartFrames: null, cachedBytes: 0);
        await storage.ReadAsync(["msteams/conversations/none"], None);
        await storage.KeyScan;
        Assert.True(storage.AbsentKeys.IsReady);

        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(i, (int?)(await storage.ReadAsync([$"msteams/conversations/{i}"], None))[$"msteams/conversations/{i}"].Document["i"]);
        }
    }

    [Fact]
    public async Task A_document_another_process_creates_after_the_scan_is_found_once_a_write_conflicts_with_it()
    {
        var file = _directory.File("bot.db");
        await using var storage = new SqliteStorage($"Data Source={file}", timeProvider: null, restartFrames: null, cachedBytes: 0);
        await using var otherProcess = new SqliteStorage($"Data Source={file};Default Timeout=20");
        await storage.ReadAsync(["webchat/conversations/none"], None);
        await storage.KeyScan;

        await WriteAsync(otherProcess, "webchat/conversations/c1", new JsonObject { ["by"] = "other" }, null);

        // The gap the filter leaves: the key looks new here, so the turn writes as for a new conversation …
        Assert.Empty(await storage.ReadAsync(["webchat/conversations/c1"], None));
        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync(storage, "webchat/conversations/c1", new JsonObject { ["by"] = "this" }, null));

        // … which conflicts, and the turn run again reads what the file holds.
        var item = (await storage.ReadAsync(["webchat/conversations/c1"], None))["webchat/conversations/c1"];
        Assert.Equal("other", (string?)item.Document["by"]);
    }

    [Fact]
    public async Task A_key_is_never_called_absent_once_its_write_has_begun()
    {
        await using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}", timeProvider: null, restartFrames: null, cachedBytes: 0);
        await storage.ReadAsync(["webchat/conversations/none"], None);
        await storage.KeyScan;

        // Writers and readers of fresh keys at once. Nothing is kept in memory (cachedBytes 0): a read the filter does
        // not answer goes to the file.
        var keys = Keys("webchat/conversations/", 2_000);
        var fileReads = storage.FileReads;
        Assert.Equal(0, await WriteAndReadAtOnceAsync(storage, keys));
        Assert.Equal(fileReads + (2 * keys.Count), storage.FileReads);
        Assert.True(storage.AbsentKeys.IsReady);
    }

    [Fact]
    public async Task A_full_filter_is_rebuilt_from_the_file_while_writes_go_on_and_forgets_the_deleted_keys()
    {
        const int max = StateKeyFilter.MinimumSegmentKeys;
        await using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}", timeProvider: null, restartFrames: null, cachedBytes: 0, filterMaxKeys: max);
        await storage.ReadAsync(["webchat/conversations/none"], None);
        await storage.KeyScan;
        var deleted = Keys("webchat/conversations/old-", max - 1_000);
        foreach (var key in deleted)
        {
            await WriteAsync(storage, key, new JsonObject(), null);
        }

        await storage.DeleteAsync(deleted, None);

        // The filter fills up among these writes (it still holds the deleted keys): a new scan rebuilds it meanwhile.
        var keys = Keys("webchat/conversations/new-", 1_500);
        Assert.Equal(0, await WriteAndReadAtOnceAsync(storage, keys));
        await storage.KeyScan;

        Assert.True(storage.AbsentKeys.IsReady);
        Assert.InRange(storage.AbsentKeys.Count, keys.Count, max - 1);
        Assert.All(keys, key => Assert.False(storage.AbsentKeys.IsCertainlyAbsent(key)));
        Assert.InRange(deleted.Count(key => !storage.AbsentKeys.IsCertainlyAbsent(key)), 0, deleted.Count / 10);
    }

    /// <summary>Each key written and read at once, then read again once written: how many of those second reads did not find it.</summary>
    private static async Task<int> WriteAndReadAtOnceAsync(SqliteStorage storage, List<string> keys)
    {
        var missed = 0;
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) =>
        {
            var write = storage.WriteAsync(StorageWrites.One(key, new JsonObject { ["k"] = key }, null), ct);
            await storage.ReadAsync([key], ct); // while the write is under way: from the file, found or not yet
            await write;
            if (!(await storage.ReadAsync([key], ct)).ContainsKey(key))
            {
                Interlocked.Increment(ref missed);
            }
        });

        return missed;
    }

    private static List<string> Keys(string prefix, int count)
        => Enumerable.Range(0, count).Select(i => $"{prefix}{i:x8}-{Guid.NewGuid():N}").ToList();
}
