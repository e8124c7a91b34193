using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Demo;
using RewardsBot.Rewards.Store;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;
using RewardsBot.Runtime.Testing;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Support;

/// <summary>
/// The whole bot (MarketplaceRewardsBot with its real dialogs, cards and words) over a real SQLite file holding
/// both bot state and the Rewards demo data, driven like a channel would: messages, card clicks, joins. Every
/// reply is checked on the way out (cards against the Adaptive Card 1.5 schema and our own rules, no unfilled
/// placeholder in any text) and written to the test output as a transcript.
/// </summary>
public sealed class BotTestClient : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempFolder? _ownedFolder;
    private readonly string _databasePath;
    private readonly List<Activity> _turnReplies = [];
    private MarketplaceRewardsBot _bot;
    private SqliteRewardsStore? _store;

    /// <param name="channelId">directline (default), webchat, emulator or msteams.</param>
    /// <param name="userId">The channel's user id: a demo identity id for Direct Line and the Emulator.</param>
    /// <param name="databasePath">An existing database file to continue (a "restart"); a fresh one by default.</param>
    public BotTestClient(
        ITestOutputHelper output,
        string channelId = Channels.DirectLine,
        string locale = "en-US",
        string userId = "demo-ana",
        string? databasePath = null,
        TestClock? clock = null,
        string conversationId = "conversation1")
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        Clock = clock ?? new TestClock();
        if (databasePath is null)
        {
            _ownedFolder = new TempFolder();
            databasePath = _ownedFolder.File("rewardsbot.db");
        }

        _databasePath = databasePath;
        Adapter = new TestAdapter(channelId, locale);
        Adapter.Conversation.User = new ChannelAccount { Id = userId, Name = "Test user", Role = RoleTypes.User };
        Adapter.Conversation.Conversation = new ConversationAccount { Id = conversationId };
        Adapter.ActivitySent += OnSent;
        _bot = CreateBot();
    }

    public static BotTexts Texts => BotTexts.Default;

    public static CardLibrary Cards { get; } = CardLibrary.Load(BotTexts.Default);

    public TestAdapter Adapter { get; }

    public TestClock Clock { get; }

    /// <summary>
    /// The Rewards data the bot works on — the bot's own store, as the host's other paths share it — to set up a case
    /// and check what a flow changed. After <see cref="Restart"/>, the new bot's store.
    /// </summary>
    public IRewardsStore Store => _store!;

    public string DatabasePath => _databasePath;

    /// <summary>The chat language of the next activities (en-US, fr-FR, zh-TW…).</summary>
    public string Locale
    {
        get => Adapter.Conversation.Locale!;
        set => Adapter.Conversation.Locale = value;
    }

    private string ConnectionString => $"Data Source={_databasePath}";

    /// <summary>Makes this a Teams chat: the user is known by Entra object id and tenant (as Teams sends them).</summary>
    public void UseTeamsIdentity(string aadObjectId, string tenantId)
    {
        Adapter.Conversation.User!.AadObjectId = aadObjectId;
        TeamsTenantId = tenantId;
    }

    public string? TeamsTenantId { get; private set; }

    /// <summary>Prepares the store (schema and demo data) before the first turn.</summary>
    public async Task InitializeAsync()
    {
        await ((SqliteRewardsStore)Store).MigrateAsync(CancellationToken.None);
        await DemoData.LoadIfEmptyAsync(Store, Clock, CancellationToken.None);
    }

    /// <summary>The user joins (conversationUpdate with the user added): returns the bot's replies.</summary>
    public Task<IReadOnlyList<Activity>> JoinAsync()
    {
        var activity = Adapter.MakeActivity();
        activity.Type = ActivityTypes.ConversationUpdate;
        activity.MembersAdded = [Adapter.Conversation.Bot!, Adapter.Conversation.User!];
        return SendAsync(activity);
    }

    /// <summary>The user types <paramref name="text"/>: returns the bot's replies to it.</summary>
    public Task<IReadOnlyList<Activity>> SayAsync(string text) => SendAsync(Adapter.MakeActivity(text));

    /// <summary>
    /// The user clicks the <c>Action.Submit</c> titled <paramref name="buttonTitle"/> on the card of
    /// <paramref name="cardMessage"/>, after filling <paramref name="inputs"/> (input id → value), as the channel
    /// would send it: inputs merged over the action's data; Teams puts it in <c>value</c> with the card's id as
    /// <c>replyToId</c>; Web Chat and the Emulator add <c>channelData.postBack</c>.
    /// </summary>
    public Task<IReadOnlyList<Activity>> ClickAsync(Activity cardMessage, string buttonTitle, IReadOnlyDictionary<string, string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(cardMessage);
        var action = CardQueries.Actions(cardMessage).FirstOrDefault(a => a["title"]?.GetValue<string>() == buttonTitle)
            ?? throw new InvalidOperationException($"No button '{buttonTitle}' on the card. Buttons: {string.Join(", ", CardQueries.ButtonTitles(cardMessage))}");
        var value = action["data"] is JsonObject data ? (JsonObject)data.DeepClone() : [];
        foreach (var (id, text) in inputs ?? new Dictionary<string, string>())
        {
            value[id] = text;
        }

        var activity = Adapter.MakeActivity();
        activity.Value = value;
        activity.ReplyToId = cardMessage.Id;
        if (Adapter.Conversation.ChannelId != Channels.Msteams)
        {
            activity.ChannelData = new JsonObject { ["postBack"] = true };
        }

        return SendAsync(activity);
    }

    /// <summary>Sends any activity (addressing filled in): returns the bot's replies.</summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (TeamsTenantId is not null)
        {
            activity.ChannelData ??= new JsonObject();
            ((JsonObject)activity.ChannelData)["tenant"] = new JsonObject { ["id"] = TeamsTenantId };
            activity.From ??= Adapter.Conversation.User;
        }

        _output.WriteLine("User: " + Transcript.Describe(activity));
        _turnReplies.Clear();
        await Adapter.ProcessActivityAsync(activity, _bot.OnTurnAsync, CancellationToken.None);
        while (Adapter.GetNextReply() is not null)
        {
            // Already collected by OnSent.
        }

        return [.. _turnReplies];
    }

    /// <summary>"Restarts the process": a new bot over the same database file, nothing kept in memory.</summary>
    public void Restart()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _bot = CreateBot();
        _output.WriteLine("--- restart ---");
    }

    /// <summary>The text <paramref name="key"/> in <paramref name="locale"/> (default: the chat's), for expectations.</summary>
    public string Say(string key, params (string Name, object? Value)[] values) => Texts.Get(key, Locale, values);

    public void Dispose()
    {
        _store?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _ownedFolder?.Dispose();
    }

    private MarketplaceRewardsBot CreateBot()
    {
        var storage = new SqliteStorage(ConnectionString, Clock);
        _store?.Dispose();
        var store = _store = new SqliteRewardsStore(ConnectionString, Clock);
        var services = new RewardsServices(store, BenefitCatalogue.Default, Clock, Cards);
        return new MarketplaceRewardsBot(new ConversationState(storage), new UserState(storage), Texts, services, new RewardsConversationOptions());
    }

    private void OnSent(Activity activity)
    {
        ReplyChecks.CheckWrittenAsSerialized(activity);
        _output.WriteLine("Bot:  " + Transcript.Describe(activity));
        ReplyChecks.Check(activity);
        _turnReplies.Add(activity);
    }
}
