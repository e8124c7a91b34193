using System.Text.Json.Nodes;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Tests.State;

public sealed class BotStateTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly MemoryStorage _memory = new();
    private readonly CountingStorage _storage;
    private readonly ConversationState _conversationState;
    private readonly UserState _userState;

    public BotStateTests()
    {
        _storage = new CountingStorage(_memory);
        _conversationState = new ConversationState(_storage);
        _userState = new UserState(_storage);
    }

    public sealed class Draft
    {
        public string? CompanyId { get; set; }
        public Contact Contact { get; set; } = new();
        public List<string> Steps { get; set; } = [];
    }

    public sealed class Contact
    {
        public string? Email { get; set; }
    }

    [Fact]
    public async Task Conversation_and_user_state_are_stored_under_the_SDK_keys()
    {
        var turn = Turns.Message();
        await _conversationState.CreateProperty<string>("step").SetAsync(turn, "phone", None);
        await _userState.CreateProperty<string>("language").SetAsync(turn, "fr", None);

        await new BotStateSet(_conversationState, _userState).SaveAllChangesAsync(turn, cancellationToken: None);

        var items = await _memory.ReadAsync(["msteams/conversations/a:1Xy9;messageid=1712345678901", "msteams/users/29:1AbC-dEf@x=y"], None);
        Assert.Equal("phone", (string?)items["msteams/conversations/a:1Xy9;messageid=1712345678901"].Document["step"]);
        Assert.Equal("fr", (string?)items["msteams/users/29:1AbC-dEf@x=y"].Document["language"]);
    }

    [Fact]
    public async Task A_state_set_writes_only_the_states_that_changed_and_nothing_when_none_did()
    {
        var states = new BotStateSet(_conversationState, _userState);
        var turn = Turns.Message();
        await states.LoadAllAsync(turn, cancellationToken: None);
        await _userState.CreateProperty<string>("language").SetAsync(turn, "fr", None);
        await states.SaveAllChangesAsync(turn, cancellationToken: None);
        await states.SaveAllChangesAsync(turn, cancellationToken: None);

        Assert.Equal(1, _storage.Writes);
        var stored = await _memory.ReadAsync(["msteams/conversations/a:1Xy9;messageid=1712345678901", "msteams/users/29:1AbC-dEf@x=y"], None);
        Assert.False(stored.ContainsKey("msteams/conversations/a:1Xy9;messageid=1712345678901"));
        Assert.True(stored.ContainsKey("msteams/users/29:1AbC-dEf@x=y"));
    }

    [Fact]
    public async Task A_state_set_saves_both_states_or_neither_when_one_of_them_conflicts()
    {
        var states = new BotStateSet(_conversationState, _userState);
        var turn = Turns.Message();
        await states.LoadAllAsync(turn, cancellationToken: None);
        await _conversationState.CreateProperty<string>("step").SetAsync(turn, "phone", None);
        await _userState.CreateProperty<string>("language").SetAsync(turn, "fr", None);

        // Another turn saved the user state in the meantime: this turn's copy of it is stale.
        var other = Turns.Message();
        await _userState.CreateProperty<string>("language").SetAsync(other, "en", None);
        await _userState.SaveChangesAsync(other, cancellationToken: None);

        await Assert.ThrowsAsync<ETagConflictException>(() => states.SaveAllChangesAsync(turn, cancellationToken: None));
        var stored = await _memory.ReadAsync(["msteams/conversations/a:1Xy9;messageid=1712345678901", "msteams/users/29:1AbC-dEf@x=y"], None);
        Assert.False(stored.ContainsKey("msteams/conversations/a:1Xy9;messageid=1712345678901"));
        Assert.Equal("en", (string?)stored["msteams/users/29:1AbC-dEf@x=y"].Document["language"]);
    }

    [Theory]
    [InlineData(null, Turns.ConversationId, Turns.UserId, "channelId")]
    [InlineData(Turns.ChannelId, null, Turns.UserId, "conversation.id")]
    [InlineData("", Turns.ConversationId, Turns.UserId, "channelId")]
    public async Task Conversation_state_without_the_ids_of_its_key_says_which_activity_field_is_missing(string? channelId, string? conversationId, string? userId, string field)
    {
        var turn = Turns.Message(channelId, conversationId, userId);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _conversationState.LoadAsync(turn, cancellationToken: None));

        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ConversationState), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_state_without_a_sender_id_says_that_from_id_is_missing()
    {
        var turn = Turns.Message(userId: null);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _userState.CreateProperty<string>("x").GetAsync(turn, null, None));

        Assert.Contains("'from.id'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_and_user_state_keep_separate_caches_in_one_turn()
    {
        var turn = Turns.Message();

        await _conversationState.CreateProperty<string>("name").SetAsync(turn, "conversation", None);
        await _userState.CreateProperty<string>("name").SetAsync(turn, "user", None);

        Assert.Equal("conversation", await _conversationState.CreateProperty<string>("name").GetAsync(turn, null, None));
        Assert.Equal("user", await _userState.CreateProperty<string>("name").GetAsync(turn, null, None));
    }

    [Fact]
    public async Task A_property_that_cannot_be_read_fails_the_returned_task_also_once_the_state_is_loaded()
    {
        var first = Turns.Message();
        await _conversationState.CreateProperty<string>("word").SetAsync(first, "not a number", None);
        await _conversationState.SaveChangesAsync(first, cancellationToken: None);
        var turn = Turns.Message();
        await _conversationState.LoadAsync(turn, cancellationToken: None);

        var read = _conversationState.CreateProperty<int>("word").GetAsync(turn, null, None);
        var write = _conversationState.CreateProperty<int>("other").SetAsync(null!, 1, None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => read);
        Assert.Contains("'word'", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentNullException>(() => write);
    }

    [Fact]
    public async Task State_is_read_once_per_turn()
    {
        var turn = Turns.Message();
        var property = _conversationState.CreateProperty<int>("count");

        await property.GetAsync(turn, null, None);
        await property.SetAsync(turn, 2, None);
        await _conversationState.LoadAsync(turn, cancellationToken: None);

        Assert.Equal(1, _storage.Reads);
    }

    [Fact]
    public async Task A_forced_load_reads_the_stored_state_again()
    {
        await SaveStepAsync("stored");
        var turn = Turns.Message();
        var step = _conversationState.CreateProperty<string>("step");
        await step.SetAsync(turn, "changed in this turn", None);

        await _conversationState.LoadAsync(turn, force: true, None);

        Assert.Equal("stored", await step.GetAsync(turn, null, None));
    }

    [Fact]
    public async Task A_default_from_the_factory_is_stored_into_state()
    {
        var turn = Turns.Message();
        var draft = await _conversationState.CreateProperty<Draft>("draft").GetAsync(turn, () => new Draft { CompanyId = "C-1" }, None);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);

        var next = await _conversationState.CreateProperty<Draft>("draft").GetAsync(Turns.Message(), null, None);

        Assert.Equal("C-1", draft.CompanyId);
        Assert.Equal("C-1", next.CompanyId);
        Assert.Equal(1, _storage.Writes);
    }

    [Fact]
    public async Task Getting_a_missing_property_without_a_factory_returns_default_and_stores_nothing()
    {
        var turn = Turns.Message();

        var draft = await _conversationState.CreateProperty<Draft>("draft").GetAsync(turn, null, None);
        var count = await _conversationState.CreateProperty<int>("count").GetAsync(turn, null, None);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);

        Assert.Null(draft);
        Assert.Equal(0, count);
        Assert.Equal(0, _storage.Writes);
    }

    [Fact]
    public async Task State_that_was_read_but_not_changed_is_not_written()
    {
        await SaveDraftAsync(new Draft { CompanyId = "C-1", Steps = ["eligibility"], Contact = new Contact { Email = "a@contoso.com" } });
        var writesBefore = _storage.Writes;
        var turn = Turns.Message();

        var draft = await _conversationState.CreateProperty<Draft>("draft").GetAsync(turn, () => new Draft(), None);
        draft.CompanyId = "C-1";
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);
        await _conversationState.SaveChangesAsync(Turns.Message(), cancellationToken: None);

        Assert.Equal(writesBefore, _storage.Writes);
    }

    [Fact]
    public async Task Changing_a_nested_property_of_a_got_object_is_written()
    {
        await SaveDraftAsync(new Draft { CompanyId = "C-1" });
        var turn = Turns.Message();

        var draft = await _conversationState.CreateProperty<Draft>("draft").GetAsync(turn, null, None);
        draft.Contact.Email = "pat@contoso.com";
        draft.Steps.Add("contact");
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);

        var saved = await _conversationState.CreateProperty<Draft>("draft").GetAsync(Turns.Message(), null, None);
        Assert.Equal("pat@contoso.com", saved.Contact.Email);
        Assert.Equal(["contact"], saved.Steps);
        Assert.Equal(2, _storage.Writes);
    }

    [Fact]
    public async Task A_second_save_in_the_same_turn_writes_with_the_eTag_of_the_first()
    {
        var turn = Turns.Message();
        var step = _conversationState.CreateProperty<string>("step");

        await step.SetAsync(turn, "first", None);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);
        await step.SetAsync(turn, "second", None);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);

        Assert.Equal("second", await step.GetAsync(Turns.Message(), null, None));
        Assert.Equal(2, _storage.Writes);
    }

    [Fact]
    public async Task A_forced_save_writes_unchanged_state()
    {
        await SaveStepAsync("stored");
        var turn = Turns.Message();
        await _conversationState.LoadAsync(turn, cancellationToken: None);

        await _conversationState.SaveChangesAsync(turn, force: true, None);

        Assert.Equal(2, _storage.Writes);
    }

    [Fact]
    public async Task Saving_without_loading_in_the_turn_does_nothing()
    {
        await _conversationState.SaveChangesAsync(Turns.Message(), cancellationToken: None);

        Assert.Equal(0, _storage.Reads + _storage.Writes);
    }

    [Fact]
    public async Task Deleting_a_property_removes_it_from_the_saved_state()
    {
        await SaveStepAsync("stored");
        var turn = Turns.Message();

        await _conversationState.CreateProperty<string>("step").DeleteAsync(turn, None);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);

        Assert.Empty((await ReadConversationDocumentAsync())!);
    }

    [Fact]
    public async Task Clearing_state_then_saving_stores_an_empty_document()
    {
        await SaveStepAsync("stored");
        var turn = Turns.Message();
        await _conversationState.LoadAsync(turn, cancellationToken: None);

        _conversationState.ClearState(turn);
        var inTurn = await _conversationState.CreateProperty<string>("step").GetAsync(turn, null, None);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);

        Assert.Null(inTurn);
        Assert.Empty((await ReadConversationDocumentAsync())!);
    }

    [Fact]
    public async Task Clearing_state_without_loading_it_replaces_the_stored_document_on_save()
    {
        await SaveStepAsync("stored");
        var turn = Turns.Message();

        _conversationState.ClearState(turn);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);

        Assert.Empty((await ReadConversationDocumentAsync())!);
        Assert.Equal(1, _storage.Reads);
    }

    [Fact]
    public async Task Deleting_state_removes_the_document_from_storage_and_from_the_turn()
    {
        await SaveStepAsync("stored");
        var turn = Turns.Message();
        var step = _conversationState.CreateProperty<string>("step");
        Assert.Equal("stored", await step.GetAsync(turn, null, None));

        await _conversationState.DeleteAsync(turn, None);

        Assert.Null(await ReadConversationDocumentAsync());
        Assert.Null(await step.GetAsync(turn, null, None));
        await step.SetAsync(turn, "after delete", None);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);
        Assert.Equal("after delete", (string?)(await ReadConversationDocumentAsync())!["step"]);
    }

    [Fact]
    public async Task Saving_after_another_process_changed_the_document_throws_a_conflict_and_keeps_their_change()
    {
        await SaveStepAsync("stored");
        var ours = Turns.Message();
        var step = _conversationState.CreateProperty<string>("step");
        await step.GetAsync(ours, null, None);

        var otherProcess = new ConversationState(_memory);
        var theirs = Turns.Message();
        await otherProcess.CreateProperty<string>("step").SetAsync(theirs, "theirs", None);
        await otherProcess.SaveChangesAsync(theirs, cancellationToken: None);

        await step.SetAsync(ours, "ours", None);
        await Assert.ThrowsAsync<ETagConflictException>(() => _conversationState.SaveChangesAsync(ours, cancellationToken: None));
        Assert.Equal("theirs", (string?)(await ReadConversationDocumentAsync())!["step"]);
    }

    [Fact]
    public async Task Creating_state_that_another_process_created_first_throws_a_conflict()
    {
        var ours = Turns.Message();
        var step = _conversationState.CreateProperty<string>("step");
        Assert.Null(await step.GetAsync(ours, null, None));

        await SaveStepAsync("theirs");

        await step.SetAsync(ours, "ours", None);
        await Assert.ThrowsAsync<ETagConflictException>(() => _conversationState.SaveChangesAsync(ours, cancellationToken: None));
        Assert.Equal("theirs", (string?)(await ReadConversationDocumentAsync())!["step"]);
    }

    [Fact]
    public async Task A_property_that_cannot_be_serialised_names_itself_when_saving()
    {
        var turn = Turns.Message();
        var loop = new Loop();
        loop.Next = loop;
        await _conversationState.CreateProperty<Loop>("loop").SetAsync(turn, loop, None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _conversationState.SaveChangesAsync(turn, cancellationToken: None));

        Assert.Contains("'loop'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _storage.Writes);
    }

    public sealed class Loop
    {
        public Loop? Next { get; set; }
    }

    private async Task SaveStepAsync(string step)
    {
        var state = new ConversationState(_storage);
        var turn = Turns.Message();
        await state.CreateProperty<string>("step").SetAsync(turn, step, None);
        await state.SaveChangesAsync(turn, cancellationToken: None);
    }

    private async Task SaveDraftAsync(Draft draft)
    {
        var turn = Turns.Message();
        await _conversationState.CreateProperty<Draft>("draft").SetAsync(turn, draft, None);
        await _conversationState.SaveChangesAsync(turn, cancellationToken: None);
    }

    private async Task<JsonObject?> ReadConversationDocumentAsync()
    {
        var key = $"{Turns.ChannelId}/conversations/{Turns.ConversationId}";
        return (await _memory.ReadAsync([key], None)).GetValueOrDefault(key)?.Document;
    }
}
