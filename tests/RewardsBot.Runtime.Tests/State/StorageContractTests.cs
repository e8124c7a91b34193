using System.Text.Json.Nodes;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>What every <see cref="IStorage"/> must do; each store runs these through a subclass.</summary>
public abstract class StorageContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract IStorage Storage { get; }

    [Fact]
    public async Task Reading_a_missing_key_returns_nothing_for_it()
    {
        var items = await Storage.ReadAsync(["nobody/here"], None);

        Assert.Empty(items);
    }

    [Fact]
    public async Task A_document_created_with_a_null_eTag_reads_back_equal_with_that_eTag()
    {
        var eTag = await CreateAsync("k", new JsonObject { ["name"] = "Contoso", ["count"] = 3 });

        var item = await ReadAsync("k");

        Assert.NotNull(item);
        Assert.Equal(eTag, item.ETag);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["name"] = "Contoso", ["count"] = 3 }, item.Document));
    }

    [Fact]
    public async Task Creating_a_key_that_exists_conflicts_and_keeps_the_first_document()
    {
        await CreateAsync("k", new JsonObject { ["v"] = "first" });

        var ex = await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new JsonObject { ["v"] = "second" }, null));

        Assert.Equal("k", ex.Key);
        Assert.Equal("first", (string?)(await ReadAsync("k"))!.Document["v"]);
    }

    [Fact]
    public async Task Updating_with_the_current_eTag_stores_the_document_under_a_new_eTag()
    {
        var first = await CreateAsync("k", new JsonObject { ["v"] = 1 });

        var second = await WriteAsync("k", new JsonObject { ["v"] = 2 }, first);

        var item = await ReadAsync("k");
        Assert.NotEqual(first, second);
        Assert.Equal(second, item!.ETag);
        Assert.Equal(2, (int?)item.Document["v"]);
    }

    [Fact]
    public async Task Updating_with_a_stale_eTag_conflicts_and_writes_nothing()
    {
        var stale = await CreateAsync("k", new JsonObject { ["v"] = 1 });
        var current = await WriteAsync("k", new JsonObject { ["v"] = 2 }, stale);

        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new JsonObject { ["v"] = 3 }, stale));

        var item = await ReadAsync("k");
        Assert.Equal(current, item!.ETag);
        Assert.Equal(2, (int?)item.Document["v"]);
    }

    [Fact]
    public async Task An_eTag_that_was_never_issued_conflicts()
    {
        await CreateAsync("k", new JsonObject { ["v"] = 1 });

        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new JsonObject { ["v"] = 2 }, "not-an-etag"));
    }

    [Fact]
    public async Task The_wildcard_eTag_overwrites_an_existing_document_and_creates_a_missing_one()
    {
        var first = await CreateAsync("existing", new JsonObject { ["v"] = 1 });

        var overwritten = await WriteAsync("existing", new JsonObject { ["v"] = 2 }, "*");
        var created = await WriteAsync("missing", new JsonObject { ["v"] = 3 }, "*");

        Assert.NotEqual(first, overwritten);
        Assert.Equal(2, (int?)(await ReadAsync("existing"))!.Document["v"]);
        Assert.Equal(created, (await ReadAsync("missing"))!.ETag);
    }

    [Fact]
    public async Task Updating_a_deleted_key_with_its_old_eTag_conflicts_and_does_not_recreate_it()
    {
        var eTag = await CreateAsync("k", new JsonObject { ["v"] = 1 });
        await Storage.DeleteAsync(["k"], None);

        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new JsonObject { ["v"] = 2 }, eTag));

        Assert.Null(await ReadAsync("k"));
    }

    [Fact]
    public async Task A_key_deleted_and_created_again_never_accepts_an_eTag_from_before_the_delete()
    {
        // The same history before and after the delete: a per-key counter would hand out the old eTag again.
        var old = await WriteAsync("k", new JsonObject { ["v"] = "old" }, await CreateAsync("k", new JsonObject()));
        await Storage.DeleteAsync(["k"], None);
        await WriteAsync("k", new JsonObject { ["v"] = "new" }, await CreateAsync("k", new JsonObject()));

        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync("k", new JsonObject { ["v"] = "lost update" }, old));
        Assert.Equal("new", (string?)(await ReadAsync("k"))!.Document["v"]);
    }

    [Fact]
    public async Task A_deleted_key_reads_as_missing_and_other_keys_stay()
    {
        await CreateAsync("gone", new JsonObject());
        await CreateAsync("kept", new JsonObject());

        await Storage.DeleteAsync(["gone"], None);

        var items = await Storage.ReadAsync(["gone", "kept"], None);
        Assert.Equal(["kept"], items.Keys);
    }

    [Fact]
    public async Task Deleting_a_missing_key_is_not_an_error()
    {
        await Storage.DeleteAsync(["never/written"], None);

        Assert.Null(await ReadAsync("never/written"));
    }

    [Fact]
    public async Task A_write_of_several_keys_with_one_conflict_writes_none_of_them()
    {
        var eTag = await CreateAsync("existing", new JsonObject { ["v"] = "before" });
        await WriteAsync("existing", new JsonObject { ["v"] = "changed elsewhere" }, eTag);
        var changes = new Dictionary<string, StoreItem>
        {
            ["new-1"] = new(new JsonObject { ["v"] = 1 }, null),
            ["existing"] = new(new JsonObject { ["v"] = "mine" }, eTag),
            ["new-2"] = new(new JsonObject { ["v"] = 2 }, "*"),
        };

        var ex = await Assert.ThrowsAsync<ETagConflictException>(() => Storage.WriteAsync(changes, None));

        Assert.Equal("existing", ex.Key);
        var items = await Storage.ReadAsync(["new-1", "existing", "new-2"], None);
        Assert.Equal(["existing"], items.Keys);
        Assert.Equal("changed elsewhere", (string?)items["existing"].Document["v"]);
    }

    [Fact]
    public async Task A_write_of_several_keys_returns_each_new_eTag()
    {
        var changes = new Dictionary<string, StoreItem>
        {
            ["a"] = new(new JsonObject { ["v"] = 1 }, null),
            ["b"] = new(new JsonObject { ["v"] = 2 }, null),
        };

        var eTags = await Storage.WriteAsync(changes, None);

        var items = await Storage.ReadAsync(["a", "b", "c"], None);
        Assert.Equal(eTags["a"], items["a"].ETag);
        Assert.Equal(eTags["b"], items["b"].ETag);
        Assert.NotEqual(eTags["a"], eTags["b"]);
    }

    [Theory]
    [InlineData("msteams/conversations/19:abc@thread.tacv2;messageid=1712345678901")]
    [InlineData("emulator/users/a=b|c;d@e:f")]
    [InlineData("webchat/users/dl_用户-ünïcødé-😀")]
    [InlineData("  leading and trailing spaces  ")]
    [InlineData("quote'\"back\\slash%_*?")]
    public async Task Keys_with_any_characters_are_stored_as_given(string key)
    {
        await CreateAsync(key, new JsonObject { ["key"] = key });

        var item = await ReadAsync(key);

        Assert.Equal(key, (string?)item!.Document["key"]);
        Assert.Equal([key], (await Storage.ReadAsync([key, key.Trim() + "/other"], None)).Keys);
    }

    [Fact]
    public async Task Keys_that_differ_only_in_case_are_different_keys()
    {
        await CreateAsync("webchat/users/Pat", new JsonObject { ["v"] = "upper" });
        await CreateAsync("webchat/users/pat", new JsonObject { ["v"] = "lower" });

        Assert.Equal("upper", (string?)(await ReadAsync("webchat/users/Pat"))!.Document["v"]);
        Assert.Equal("lower", (string?)(await ReadAsync("webchat/users/pat"))!.Document["v"]);
    }

    [Fact]
    public async Task A_key_longer_than_the_maximum_is_refused_with_the_limit_in_the_message()
    {
        var key = new string('k', StorageKeys.MaxKeyLength + 1);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(key, new JsonObject(), null));

        Assert.Contains(StorageKeys.MaxKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Null(await ReadAsync(new string('k', StorageKeys.MaxKeyLength)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("unpaired surrogate")]
    public async Task Empty_keys_and_keys_that_are_not_valid_text_are_refused(string problem)
    {
        // Built here: an attribute cannot carry a lone surrogate.
        var key = problem.Length == 0 ? "" : "msteams/users/" + '\ud800' + "-unpaired";

        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(key, new JsonObject(), null));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.ReadAsync([key], None));
    }

    [Fact]
    public async Task Documents_with_unicode_nesting_numbers_and_large_strings_round_trip()
    {
        var document = new JsonObject
        {
            ["text"] = "Grüße, 你好, مرحبا, 😀 <b>&amp;</b> \"quoted\" \\ \n\t",
            ["large"] = string.Concat(Enumerable.Repeat("0123456789abcdéfghij", 10_000)),
            ["nested"] = new JsonObject { ["list"] = new JsonArray(1, "two", null, new JsonObject { ["deep"] = new JsonArray(true, false) }) },
            ["longMax"] = long.MaxValue,
            ["beyondDouble"] = 9_007_199_254_740_993L,
            ["decimal"] = 12345.678901234567890m,
            ["negative"] = -1.5e-7,
            ["nothing"] = null,
        };

        await CreateAsync("doc", document);
        var item = await ReadAsync("doc");

        Assert.True(JsonNode.DeepEquals(document, item!.Document), item.Document.ToJsonString());
        Assert.Equal(200_000, ((string?)item.Document["large"])!.Length);
        Assert.Equal(9_007_199_254_740_993L, (long?)item.Document["beyondDouble"]);
    }

    [Fact]
    public async Task Changing_a_document_after_writing_it_does_not_change_the_store()
    {
        var document = new JsonObject { ["v"] = "written", ["list"] = new JsonArray(1) };
        await CreateAsync("k", document);

        document["v"] = "changed afterwards";
        document["list"]!.AsArray().Add(2);

        var item = await ReadAsync("k");
        Assert.Equal("written", (string?)item!.Document["v"]);
        Assert.Single(item.Document["list"]!.AsArray());
    }

    [Fact]
    public async Task Changing_a_document_that_was_read_does_not_change_the_store_or_later_reads()
    {
        await CreateAsync("k", new JsonObject { ["v"] = "stored" });
        var first = await ReadAsync("k");

        first!.Document["v"] = "changed by a reader";

        var second = await ReadAsync("k");
        Assert.NotSame(first.Document, second!.Document);
        Assert.Equal("stored", (string?)second.Document["v"]);
    }

    [Fact]
    public async Task An_item_read_changed_through_its_document_and_written_back_stores_the_change()
    {
        await CreateAsync("k", new JsonObject { ["v"] = "stored", ["kept"] = 1 });
        var item = await ReadAsync("k");

        // The item carries the stored text; once its tree is asked for and changed, the tree is what gets written.
        item!.Document["v"] = "changed";
        var eTags = await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = item }, None);

        var read = await ReadAsync("k");
        Assert.Equal(eTags["k"], read!.ETag);
        Assert.Equal("changed", (string?)read.Document["v"]);
        Assert.Equal(1, (int?)read.Document["kept"]);
    }

    [Fact]
    public async Task An_item_made_from_text_is_stored_as_that_document()
    {
        const string Text = """{"text":"Grüße, 你好, 😀 \"quoted\"","list":[1,null,{"deep":true}]}""";

        var eTags = await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = StoreItem.FromJson(Text, null, "k") }, None);

        var read = await ReadAsync("k");
        Assert.Equal(eTags["k"], read!.ETag);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Text), read.Document), read.Document.ToJsonString());
    }

    [Fact]
    public async Task Of_twenty_concurrent_writers_with_the_same_eTag_exactly_one_wins()
    {
        var eTag = await CreateAsync("contested", new JsonObject { ["writer"] = -1 });
        using var start = new Barrier(20);

        // One thread each, released together, so the writes really overlap.
        var attempts = Enumerable.Range(0, 20).Select(writer => Task.Factory.StartNew(
            async () =>
            {
                start.SignalAndWait();
                try
                {
                    await WriteAsync("contested", new JsonObject { ["writer"] = writer }, eTag);
                    return writer;
                }
                catch (ETagConflictException)
                {
                    return -1;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, writer => writer >= 0);
        Assert.Equal(winner, (int?)(await ReadAsync("contested"))!.Document["writer"]);
    }

    protected async Task<StoreItem?> ReadAsync(string key)
    {
        var items = await Storage.ReadAsync([key], None);
        return items.GetValueOrDefault(key);
    }

    protected Task<string> CreateAsync(string key, JsonObject document) => WriteAsync(key, document, null);

    protected async Task<string> WriteAsync(string key, JsonObject document, string? eTag)
    {
        var eTags = await Storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(document, eTag) }, None);
        return eTags[key];
    }
}

public sealed class MemoryStorageContractTests : StorageContractTests
{
    protected override IStorage Storage { get; } = new MemoryStorage();
}

public sealed class SqliteStorageContractTests : StorageContractTests, IDisposable
{
    private readonly TempFolder _directory = new();
    private readonly SqliteStorage _storage;

    public SqliteStorageContractTests() => _storage = new SqliteStorage($"Data Source={_directory.File("state/bot.db")}");

    protected override IStorage Storage => _storage;

    public void Dispose()
    {
        _storage.Dispose();
        _directory.Dispose();
    }
}
