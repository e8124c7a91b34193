using Microsoft.Data.Sqlite;
using RewardsBot.DirectLine;
using RewardsBot.Tests.Shared;

namespace RewardsBot.Tests.DirectLine;

/// <summary>
/// The Direct Line store answers a turn's reads from what it last wrote (<see cref="DirectLineFeedCache"/>) and always
/// answers as the file would: checked against a store that reads everything from its file, over a long random run of
/// starts, posts, reads at every watermark, feeds cut short and purges; and, one by one, the cases where what is kept
/// must be let go.
/// </summary>
public sealed class DirectLineFeedCacheTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private SqliteDirectLineStore Store(string name, int cacheBytes = DirectLineFeedCache.DefaultCapacityBytes)
        => new($"Data Source={_folder.File(name)}", TimeProvider.System, cacheBytes);

    private static DirectLineConversation Conversation(string id, long lastSequence = 0, DateTimeOffset? at = null)
        => new(id, "dl_" + id, "Ana", "fr-FR", Start, at ?? Start, lastSequence);

    private static StoredActivity[] Activities(long after, int count)
        => [.. Enumerable.Range(1, count).Select(i => new StoredActivity(after + i, $$"""{"type":"message","text":"a{{after + i}}"}"""))];

    [Fact]
    public async Task A_turn_s_reads_after_its_write_are_answered_from_memory_and_agree_with_the_file()
    {
        using var store = Store("cached.db");
        using var file = Store("cached.db", cacheBytes: 0);
        Assert.True(await store.CreateConversationAsync(Conversation("c1", 2), Activities(0, 2), None));
        Assert.True(await store.AppendAsync("c1", Activities(2, 3), Start.AddMinutes(1), keep: 100, None));
        var used = store.Connections.Used;

        // What a post and its stream read: the conversation, and the feed after the stream's watermark (2 and 5).
        var found = await store.FindConversationAsync("c1", None);
        var page = await store.ReadAsync("c1", 2, 100, None);
        var nothingNew = await store.ReadAsync("c1", 5, 100, None);

        Assert.Equal(used, store.Connections.Used);
        Assert.Equal(3, store.Cache.Hits);
        Assert.Equal(await file.FindConversationAsync("c1", None), found);
        Assert.Equal(5, found!.LastSequence);
        Assert.Equal(await file.ReadAsync("c1", 2, 100, None), page);
        Assert.Equal([3L, 4, 5], page.Select(a => a.Sequence));
        Assert.Empty(nothingNew);

        // Before the last write's activities: only the file has them all.
        var history = await store.ReadAsync("c1", 0, 100, None);
        Assert.Equal([1L, 2, 3, 4, 5], history.Select(a => a.Sequence));
        Assert.True(store.Connections.Used > used);
    }

    [Fact]
    public async Task Over_a_long_random_run_every_answer_is_the_file_s_answer()
    {
        // Two stores over two files, given the same calls: one keeps what it can (a small capacity, so conversations
        // are also let go and read back), the other reads everything from its file.
        using var cached = Store("cached.db", cacheBytes: 8 * 1024);
        using var plain = Store("plain.db", cacheBytes: 0);
        var random = new Random(20261122);
        var last = new Dictionary<string, long>();
        var time = Start;
        var reads = 0;
        for (var step = 0; step < 3_000; step++)
        {
            time = time.AddSeconds(random.Next(1, 120));
            var id = "c" + random.Next(40);
            switch (random.Next(10))
            {
                case 0 or 1:
                    var first = Activities(0, random.Next(0, 3));
                    var conversation = Conversation(id, first.Length == 0 ? 0 : first[^1].Sequence, time);
                    var created = await cached.CreateConversationAsync(conversation, first, None);
                    Assert.Equal(await plain.CreateConversationAsync(conversation, first, None), created);
                    if (created)
                    {
                        last[id] = conversation.LastSequence;
                    }

                    break;
                case 2 or 3 or 4:
                    var after = last.GetValueOrDefault(id);
                    var batch = Activities(after, random.Next(0, 6));
                    var keep = random.Next(4) == 0 ? random.Next(1, 8) : 500;
                    var appended = await cached.AppendAsync(id, batch, time, keep, None);
                    Assert.Equal(await plain.AppendAsync(id, batch, time, keep, None), appended);
                    if (appended && batch.Length > 0)
                    {
                        last[id] = batch[^1].Sequence;
                    }

                    break;
                case 5 or 6 or 7:
                    var watermark = Math.Max(0, last.GetValueOrDefault(id) - random.Next(0, 8));
                    var max = random.Next(6) == 0 ? 2 : 100;
                    Assert.Equal(await plain.ReadAsync(id, watermark, max, None), await cached.ReadAsync(id, watermark, max, None));
                    reads++;
                    break;
                case 8:
                    Assert.Equal(await plain.FindConversationAsync(id, None), await cached.FindConversationAsync(id, None));
                    reads++;
                    break;
                default:
                    if (random.Next(20) == 0)
                    {
                        var cutoff = time.AddMinutes(-random.Next(10, 60));
                        Assert.Equal(await plain.PurgeAsync(cutoff, None), await cached.PurgeAsync(cutoff, None));
                        foreach (var gone in last.Keys.Where(k => plain.FindConversationAsync(k, None).Result is null).ToList())
                        {
                            last.Remove(gone);
                        }
                    }

                    break;
            }
        }

        Assert.True(reads > 1_000, $"{reads} reads compared");
        Assert.True(cached.Cache.Hits > reads / 5, $"{cached.Cache.Hits} of {reads} reads answered from memory");
        Assert.True(cached.Cache.Misses > 0, "every read was answered from memory: the run never went to the file");
        Assert.InRange(cached.Cache.Bytes, 0, cached.Cache.CapacityBytes);
    }

    [Fact]
    public async Task Reads_from_the_file_racing_the_writer_never_leave_an_older_conversation_in_memory()
    {
        // Room for about one conversation: two readers, each reading c1 and c2 in turn, make each load push the other
        // out, so c1 is read from the file over and over while the writer appends to it. A load that began before a
        // commit and ended after it must not be kept: the writer's own next look would find an older watermark.
        using var store = Store("bot.db", cacheBytes: 512);
        Assert.True(await store.CreateConversationAsync(Conversation("c1"), [], None));
        Assert.True(await store.CreateConversationAsync(Conversation("c2"), [], None));
        using var stop = new CancellationTokenSource();

        // On threads of their own: the store's calls mostly complete at once, so the writer's loop never yields its
        // thread-pool thread, and readers queued to the pool could wait for a thread until it ends.
        void ReadLoop()
        {
            while (!stop.IsCancellationRequested)
            {
                store.FindConversationAsync("c1", None).GetAwaiter().GetResult();
                store.FindConversationAsync("c2", None).GetAwaiter().GetResult();
            }
        }

        var readers = new[] { ReadLoop, ReadLoop }.Select(loop => Task.Factory.StartNew(loop, TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            for (var sequence = 1; sequence <= 1_500; sequence++)
            {
                Assert.True(await store.AppendAsync("c1", Activities(sequence - 1, 1), Start, 500, None));
                Assert.Equal(sequence, (await store.FindConversationAsync("c1", None))!.LastSequence);
                Assert.Equal([(long)sequence], (await store.ReadAsync("c1", sequence - 1, 100, None)).Select(a => a.Sequence));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }

        Assert.True(store.Cache.Misses > 100, $"only {store.Cache.Misses} reads went to the file ({store.Cache.Hits} hits, {store.Cache.Count} kept, {store.Cache.Bytes} bytes): the race was not run");
    }

    [Fact]
    public async Task A_conversation_another_writer_moved_on_is_read_again_from_the_file_after_this_store_s_write_fails()
    {
        using var store = Store("bot.db");
        Assert.True(await store.CreateConversationAsync(Conversation("c1", 1), Activities(0, 1), None));

        // Another process (or a tool) appends activity 2 behind this store's back.
        await using (var other = new SqliteConnection($"Data Source={_folder.File("bot.db")};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = """
                INSERT INTO directline_activities (conversation_id, seq, stored_utc, activity) VALUES ('c1', 2, '2026-11-22T09:00:01.0000000Z', '{}');
                UPDATE directline_conversations SET last_seq = 2 WHERE id = 'c1';
                """;
            command.ExecuteNonQuery();
        }

        // This store still thinks 1 is the last, so its next write takes sequence 2 again: the file refuses it.
        Assert.Equal(1, (await store.FindConversationAsync("c1", None))!.LastSequence);
        await Assert.ThrowsAsync<SqliteException>(() => store.AppendAsync("c1", Activities(1, 1), Start, 100, None));

        Assert.Equal(2, (await store.FindConversationAsync("c1", None))!.LastSequence);
        Assert.Equal([1L, 2], (await store.ReadAsync("c1", 0, 100, None)).Select(a => a.Sequence));
        Assert.True(await store.AppendAsync("c1", Activities(2, 1), Start, 100, None));
        Assert.Equal([3L], (await store.ReadAsync("c1", 2, 100, None)).Select(a => a.Sequence));
    }

    [Fact]
    public async Task A_purged_conversation_is_not_found_and_an_append_to_it_says_so()
    {
        using var store = Store("bot.db");
        Assert.True(await store.CreateConversationAsync(Conversation("old", 1, Start), Activities(0, 1), None));
        Assert.True(await store.CreateConversationAsync(Conversation("new", 1, Start.AddHours(2)), Activities(0, 1), None));
        Assert.NotNull(await store.FindConversationAsync("old", None));

        Assert.Equal(1, await store.PurgeAsync(Start.AddHours(1), None));

        Assert.Null(await store.FindConversationAsync("old", None));
        Assert.Empty(await store.ReadAsync("old", 0, 100, None));
        Assert.False(await store.AppendAsync("old", Activities(1, 1), Start.AddHours(3), 100, None));
        Assert.NotNull(await store.FindConversationAsync("new", None));
    }

    [Fact]
    public async Task A_feed_cut_to_its_newest_activities_is_cut_in_memory_too()
    {
        using var store = Store("bot.db");
        Assert.True(await store.CreateConversationAsync(Conversation("c1"), [], None));
        Assert.True(await store.AppendAsync("c1", Activities(0, 5), Start, keep: 3, None));

        Assert.Equal([3L, 4, 5], (await store.ReadAsync("c1", 0, 100, None)).Select(a => a.Sequence));
        Assert.Equal([4L, 5], (await store.ReadAsync("c1", 3, 100, None)).Select(a => a.Sequence));
        Assert.Equal([4L], (await store.ReadAsync("c1", 3, 1, None)).Select(a => a.Sequence));
    }

    [Fact]
    public void A_read_from_the_file_is_not_kept_when_something_was_forgotten_meanwhile()
    {
        var cache = new DirectLineFeedCache();
        var generation = cache.Generation;
        cache.Forget("c2");
        cache.Loaded(Conversation("c1", 4), generation);
        Assert.False(cache.TryFind("c1", out _));

        // Nor when a conversation not kept was written to meanwhile: the read may be from before that write.
        generation = cache.Generation;
        cache.Appended("c1", Activities(4, 1), Start, keep: 100);
        cache.Loaded(Conversation("c1", 4), generation);
        Assert.False(cache.TryFind("c1", out _));

        generation = cache.Generation;
        cache.Loaded(Conversation("c1", 5), generation);
        Assert.True(cache.TryFind("c1", out var kept));
        Assert.Equal(5, kept!.LastSequence);

        // Nor when the conversation was kept, written to and let go for room meanwhile (room here for one).
        var small = new DirectLineFeedCache(capacityBytes: 500);
        var readerBegan = small.Generation;
        small.Loaded(Conversation("c1", 5), small.Generation);
        small.Appended("c1", Activities(5, 1), Start, keep: 100);
        small.Created(Conversation("c2"), []);
        Assert.False(small.TryFind("c1", out _), "the test needs c1 let go for c2");
        small.Loaded(Conversation("c1", 5), readerBegan);
        Assert.False(small.TryFind("c1", out _));
    }

    [Fact]
    public void Activities_already_seen_by_a_read_are_skipped_and_a_gap_forgets_the_conversation()
    {
        var cache = new DirectLineFeedCache();
        cache.Loaded(Conversation("c1", 5), cache.Generation);

        // The commit of 4–5 was read from the file before this store said it committed them.
        cache.Appended("c1", Activities(3, 2), Start, keep: 100);
        Assert.True(cache.TryFind("c1", out var kept));
        Assert.Equal(5, kept!.LastSequence);
        Assert.False(cache.TryRead("c1", 3, 100, out _));
        Assert.True(cache.TryRead("c1", 5, 100, out var none));
        Assert.Empty(none);

        // 8 does not follow 5: something in between is not known here.
        cache.Appended("c1", Activities(7, 1), Start, keep: 100);
        Assert.False(cache.TryFind("c1", out _));
    }

    [Fact]
    public void It_keeps_at_most_its_capacity_and_lets_the_least_recently_used_go_first()
    {
        var cache = new DirectLineFeedCache(capacityBytes: 4 * 1024);
        for (var i = 0; i < 100; i++)
        {
            cache.Created(Conversation("c" + i, 3), Activities(0, 3));
            cache.TryFind("c0", out _);
            Assert.InRange(cache.Bytes, 0, cache.CapacityBytes);
        }

        Assert.True(cache.TryFind("c0", out _), "the conversation read after every write was let go");
        Assert.True(cache.TryFind("c99", out _));
        Assert.False(cache.TryFind("c50", out _));
        Assert.InRange(cache.Count, 2, 20);

        var none = new DirectLineFeedCache(capacityBytes: 0);
        none.Created(Conversation("c1", 3), Activities(0, 3));
        Assert.False(none.TryFind("c1", out _));
    }
}
