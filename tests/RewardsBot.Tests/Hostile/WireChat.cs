using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing;
using RewardsBot.Tests.Infrastructure;
using Xunit.Sdk;

namespace RewardsBot.Tests.Hostile;

/// <summary>
/// One Emulator-shaped conversation over <c>/api/messages</c> with <c>expectReplies</c>, clicking card buttons the way
/// the Emulator posts them (the button's data as <c>value</c>, <c>channelData.postBack</c>). Every card received is kept,
/// so a test can click an older one later.
/// </summary>
public sealed class WireChat(BotHost host, string userId, string locale = "en-US")
{
    private readonly List<Activity> _cards = [];

    public EmulatorConversation Session { get; } = new(host.Address, locale, userId);

    /// <summary>Every reply with a card, oldest first.</summary>
    public IReadOnlyList<Activity> Cards => _cards;

    /// <summary>The newest reply with a card.</summary>
    public Activity LastCard => _cards.Count > 0 ? _cards[^1] : throw new XunitException("No card has come yet.");

    public Task<IReadOnlyList<Activity>> JoinAsync() => SendAsync(Session.ConversationUpdate());

    public Task<IReadOnlyList<Activity>> SayAsync(string text) => SendAsync(Session.Message(text));

    /// <summary>Clicks the button titled <paramref name="title"/> of <paramref name="card"/>, with <paramref name="inputs"/> as the card's input values.</summary>
    public Task<IReadOnlyList<Activity>> ClickAsync(Activity card, string title, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var value = (JsonObject)WireCards.Button(WireCards.SingleCard(card), title)["data"]!.DeepClone();
        foreach (var (id, text) in inputs ?? new Dictionary<string, string>())
        {
            value[id] = text;
        }

        return SendAsync(Submit(card, value));
    }

    /// <summary>A card submit of <paramref name="value"/> (any JSON, right or wrong) answering <paramref name="card"/>.</summary>
    public Activity Submit(Activity card, JsonNode? value) => Session.Stamp(new Activity
    {
        Type = ActivityTypes.Message,
        Value = value,
        ChannelData = new JsonObject { ["postBack"] = true },
        ReplyToId = card.Id,
        From = Session.User,
    });

    /// <summary>Sends with expectReplies (fails unless 200) and returns the replies, keeping their cards.</summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        var replies = await host.Client.ExpectReplyActivitiesAsync(activity);
        lock (_cards)
        {
            _cards.AddRange(replies.Where(r => r.Attachments is { Count: > 0 }));
        }

        return replies;
    }

    /// <summary>The submit actions of a card reply with their data (what its buttons send).</summary>
    public static IReadOnlyList<JsonObject> SubmitData(Activity card)
        => [.. (card.Attachments ?? []).SelectMany(a => WireCards.Submits(a.Content as JsonObject ?? []))
            .Select(s => s["data"] as JsonObject).OfType<JsonObject>()];

    /// <summary>The ids of the card's inputs, with the values its choice sets offer (empty for text inputs).</summary>
    public static IReadOnlyList<(string Id, IReadOnlyList<string> Choices)> Inputs(Activity card)
        => [.. (card.Attachments ?? []).SelectMany(a => CardNodes.Objects(a.Content))
            .Where(o => o["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name.StartsWith("Input.", StringComparison.Ordinal) && o["id"] is JsonValue)
            .Select(o => (o["id"]!.GetValue<string>(), (IReadOnlyList<string>)[.. (o["choices"] as JsonArray ?? []).Select(c => c?["value"]?.GetValue<string>()).OfType<string>()]))];
}
