using System.Text.Json.Nodes;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>Typed state saved in one turn and read in the next, through each real store.</summary>
public sealed class BotStateRoundTripTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _directory = new();
    private readonly List<IDisposable> _storages = [];
    private readonly MemoryStorage _memory = new();

    public enum Tier
    {
        Silver,
        Gold,
        Platinum,
    }

    public sealed record Contact(string Email, string? Phone, string Language);

    public sealed record Enrolment(
        string CompanyId,
        Tier Tier,
        DateTimeOffset StartedAt,
        Contact Contact,
        List<string> Benefits,
        Dictionary<string, int> ActivationsByBenefit,
        decimal Credit,
        bool Confirmed);

    /// <summary>Numbers in the shapes the SDK's untyped state got wrong (an int read back as Int64 and the reverse).</summary>
    public sealed record Counters(int Attempts, long TenantNumber, List<long> Ids, Dictionary<string, long> Totals, int? Missing);

    public void Dispose()
    {
        foreach (var storage in _storages)
        {
            storage.Dispose();
        }

        _directory.Dispose();
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_typed_record_survives_save_and_is_read_back_in_a_new_turn(string store)
    {
        var state = new ConversationState(CreateStorage(store));
        var saved = new Enrolment(
            "C-42",
            Tier.Platinum,
            new DateTimeOffset(2025, 6, 30, 23, 59, 59, 123, TimeSpan.FromHours(-7)),
            new Contact("pat@contoso.com", "+33 1 23 45 67 89", "zh-TW"),
            ["azure-credit", "support-plan"],
            new() { ["azure-credit"] = 2, ["support-plan"] = 0 },
            1234.56m,
            Confirmed: true);
        var first = Turns.Message();
        await state.CreateProperty<Enrolment>("enrolment").SetAsync(first, saved, None);
        await state.SaveChangesAsync(first, cancellationToken: None);

        var read = await new ConversationState(CreateStorage(store)).CreateProperty<Enrolment>("enrolment").GetAsync(Turns.Message(), null, None);

        Assert.Equal(saved with { Benefits = read.Benefits, ActivationsByBenefit = read.ActivationsByBenefit }, read);
        Assert.Equal(saved.Benefits, read.Benefits);
        Assert.Equal(saved.ActivationsByBenefit, read.ActivationsByBenefit);
        Assert.Equal(TimeSpan.FromHours(-7), read.StartedAt.Offset);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_turn_that_reads_stored_state_and_changes_nothing_writes_nothing(string store)
    {
        var first = Turns.Message();
        var state = new ConversationState(CreateStorage(store));
        await state.CreateProperty<Contact>("contact").SetAsync(first, new Contact("pat@contoso.com", "+33 1 23 45 67 89", "zh-TW"), None);
        await state.CreateProperty<string>("step").SetAsync(first, "phone", None);
        await state.SaveChangesAsync(first, cancellationToken: None);

        var storage = new CountingStorage(CreateStorage(store));
        var next = new ConversationState(storage);
        var turn = Turns.Message();
        var contact = await next.CreateProperty<Contact>("contact").GetAsync(turn, null, None);
        await next.CreateProperty<string>("step").SetAsync(turn, "phone", None);
        await next.SaveChangesAsync(turn, cancellationToken: None);

        Assert.Equal("zh-TW", contact.Language);
        Assert.Equal((1, 0), (storage.Reads, storage.Writes));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("sqlite from the file")]
    [InlineData("sqlite, one storage")]
    public async Task A_property_set_to_null_stays_null_over_turns_that_do_not_touch_it(string store)
    {
        // One storage over the turns keeps the documents it wrote (the next turn takes them apart where they were
        // written); a new storage each turn, without a document cache, reads them from the file.
        var file = _directory.File("bot.db");
        var shared = new SqliteStorage($"Data Source={file}");
        _storages.Add(shared);
        IStorage Next()
        {
            if (store == "sqlite, one storage")
            {
                return shared;
            }

            var storage = new SqliteStorage($"Data Source={file}", null, null, cachedBytes: store == "sqlite" ? StateDocumentCache.DefaultCapacityBytes : 0);
            _storages.Add(storage);
            return storage;
        }

        var first = Turns.Message();
        var state = new ConversationState(Next());
        await state.CreateProperty<Contact>("contact").SetAsync(first, null!, None);
        await state.CreateProperty<string>("step").SetAsync(first, "email", None);
        await state.SaveChangesAsync(first, cancellationToken: None);

        for (var i = 0; i < 2; i++)
        {
            var turn = Turns.Message();
            var next = new ConversationState(Next());
            await next.CreateProperty<string>("step").SetAsync(turn, "phone " + i, None);
            await next.SaveChangesAsync(turn, cancellationToken: None);
        }

        var last = new ConversationState(Next());
        var lastTurn = Turns.Message();
        Assert.Null(await last.CreateProperty<Contact>("contact").GetAsync(lastTurn, null, None));
        Assert.Equal("phone 1", await last.CreateProperty<string>("step").GetAsync(lastTurn, null, None));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Longs_beyond_the_int_range_come_back_as_the_same_long_and_ints_as_int(string store)
    {
        var state = new UserState(CreateStorage(store));
        var saved = new Counters(
            Attempts: 3,
            TenantNumber: 9_007_199_254_740_993L, // 2^53 + 1: lost if any step goes through double
            Ids: [long.MaxValue, long.MinValue, (long)int.MaxValue + 1],
            Totals: new() { ["small"] = 7, ["large"] = 5_000_000_000L },
            Missing: null);
        var first = Turns.Message();
        await state.CreateProperty<Counters>("counters").SetAsync(first, saved, None);
        await state.CreateProperty<long>("big").SetAsync(first, 4_294_967_296L, None);
        await state.CreateProperty<int>("small").SetAsync(first, 42, None);
        await state.SaveChangesAsync(first, cancellationToken: None);

        var next = Turns.Message();
        var reader = new UserState(CreateStorage(store));
        var counters = await reader.CreateProperty<Counters>("counters").GetAsync(next, null, None);
        object big = await reader.CreateProperty<long>("big").GetAsync(next, null, None);
        object small = await reader.CreateProperty<int>("small").GetAsync(next, null, None);

        Assert.Equal(3, counters.Attempts);
        Assert.Equal(9_007_199_254_740_993L, counters.TenantNumber);
        Assert.Equal(saved.Ids, counters.Ids);
        Assert.Equal(saved.Totals, counters.Totals);
        Assert.Null(counters.Missing);
        Assert.Equal(4_294_967_296L, Assert.IsType<long>(big));
        Assert.Equal(42, Assert.IsType<int>(small));
    }

    [Fact]
    public async Task A_long_beyond_the_int_range_read_as_int_fails_clearly_instead_of_wrapping()
    {
        var storage = CreateStorage("memory");
        var first = Turns.Message();
        await new ConversationState(storage).CreateProperty<long>("count").SetAsync(first, 3_000_000_000L, None);
        await new ConversationState(storage).SaveChangesAsync(first, cancellationToken: None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new ConversationState(storage).CreateProperty<int>("count").GetAsync(Turns.Message(), null, None));

        Assert.Contains("'count'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Int32), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_property_read_under_a_new_type_in_the_same_turn_is_converted_through_JSON()
    {
        var state = new ConversationState(CreateStorage("memory"));
        var turn = Turns.Message();
        await state.CreateProperty<Contact>("contact").SetAsync(turn, new Contact("pat@contoso.com", null, "fr"), None);

        var asDictionary = await state.CreateProperty<Dictionary<string, string>>("contact").GetAsync(turn, null, None);

        Assert.Equal("pat@contoso.com", asDictionary["email"]);
        Assert.Equal("fr", asDictionary["language"]);
        Assert.False(asDictionary.ContainsKey("phone"));
    }

    [Fact]
    public async Task State_is_stored_as_plain_camel_case_JSON_without_type_names()
    {
        var storage = new MemoryStorage();
        var state = new ConversationState(storage);
        var turn = Turns.Message();
        await state.CreateProperty<Counters>("counters").SetAsync(turn, new Counters(1, 2, [3], new() { ["t"] = 4 }, null), None);
        await state.SaveChangesAsync(turn, cancellationToken: None);

        var key = $"{Turns.ChannelId}/conversations/{Turns.ConversationId}";
        var document = (await storage.ReadAsync([key], None))[key].Document;

        Assert.Equal("""{"counters":{"attempts":1,"tenantNumber":2,"ids":[3],"totals":{"t":4}}}""", document.ToJsonString());
    }

    [Fact]
    public async Task A_bot_state_set_loads_and_saves_conversation_and_user_state_together()
    {
        var storage = new CountingStorage(CreateStorage("sqlite"));
        var conversation = new ConversationState(storage);
        var user = new UserState(storage);
        var set = new BotStateSet(conversation, user);
        var first = Turns.Message();
        await set.LoadAllAsync(first, cancellationToken: None);
        await conversation.CreateProperty<string>("step").SetAsync(first, "phone", None);
        await user.CreateProperty<string>("language").SetAsync(first, "fr", None);

        await set.SaveAllChangesAsync(first, cancellationToken: None);

        var next = Turns.Message();
        Assert.Equal("phone", await conversation.CreateProperty<string>("step").GetAsync(next, null, None));
        Assert.Equal("fr", await user.CreateProperty<string>("language").GetAsync(next, null, None));
        // One read and one write for the set (both states in one SQLite transaction), then one read per state by the
        // next turn's accessors.
        Assert.Equal((3, 1), (storage.Reads, storage.Writes));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Properties_the_turn_does_not_read_are_written_back_exactly_as_they_were_stored(string store)
    {
        var first = Turns.Message();
        var state = new ConversationState(CreateStorage(store));
        await state.CreateProperty<Contact>("contact").SetAsync(first, new Contact("pat@contoso.com", null, "fr"), None);
        await state.CreateProperty<Dictionary<string, object?>>("loose").SetAsync(first, new() { ["n"] = 12345678901L, ["nested"] = new List<object?> { null, "é中", 1.5 } }, None);
        await state.CreateProperty<string>("step").SetAsync(first, "email", None);
        await state.SaveChangesAsync(first, cancellationToken: None);
        var storage = CreateStorage(store);
        var key = state.StorageKeyOf(first);
        var before = JsonNode.Parse((await storage.ReadAsync([key], None))[key].Document.ToJsonString())!.AsObject();

        var next = new ConversationState(storage);
        var turn = Turns.Message();
        await next.CreateProperty<string>("step").SetAsync(turn, "phone", None);
        await next.SaveChangesAsync(turn, cancellationToken: None);

        var after = (await storage.ReadAsync([key], None))[key].Document;
        Assert.Equal("phone", (string?)after["step"]);
        Assert.Equal(before["contact"]!.ToJsonString(), after["contact"]!.ToJsonString());
        Assert.Equal(before["loose"]!.ToJsonString(), after["loose"]!.ToJsonString());
        var reread = await new ConversationState(storage).CreateProperty<Contact>("contact").GetAsync(Turns.Message(), null, None);
        Assert.Equal(new Contact("pat@contoso.com", null, "fr"), reread);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"step\": \"email\"} {}")]
    [InlineData("{\"step\": ")]
    public async Task A_stored_document_that_is_not_one_JSON_object_fails_the_load_naming_its_key(string text)
    {
        var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}");
        _storages.Add(storage);
        var turn = Turns.Message();
        var key = new ConversationState(storage).StorageKeyOf(turn);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = StoreItem.FromJson(text, null, key) }, None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new ConversationState(storage).LoadAsync(turn, cancellationToken: None));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a JSON object", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The memory store is one per test (like one process); each SQLite storage is a new instance over the same file (like a restart).</summary>
    private IStorage CreateStorage(string store)
    {
        if (store == "memory")
        {
            return _memory;
        }

        var sqlite = new SqliteStorage($"Data Source={_directory.File("bot.db")}");
        _storages.Add(sqlite);
        return sqlite;
    }
}
