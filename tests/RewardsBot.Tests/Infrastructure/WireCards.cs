using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing;
using RewardsBot.Runtime.Testing.Schemas;
using Xunit.Sdk;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// Reads the Adaptive Cards of replies that came over the wire (as JSON, then parsed like a channel would), checking
/// each one on the way: the Adaptive Card content type and a card valid against the 1.5 schema plus our card rules.
/// </summary>
public static class WireCards
{
    private static readonly AdaptiveCardValidator Validator = new();

    /// <summary>Fails unless every attachment of every reply is a valid Adaptive Card.</summary>
    public static void AssertAllValid(IEnumerable<Activity> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _ = Cards(reply);
        }
    }

    /// <summary>The cards of <paramref name="reply"/>, each checked.</summary>
    public static IReadOnlyList<JsonObject> Cards(Activity reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var cards = new List<JsonObject>();
        foreach (var attachment in reply.Attachments ?? [])
        {
            Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
            var card = Assert.IsType<JsonObject>(attachment.Content);
            var result = Validator.Validate(card);
            if (!result.IsValid)
            {
                throw new XunitException("A card the bot sent is not valid:\n" + result + "\n" + card.ToJsonString());
            }

            cards.Add(card);
        }

        return cards;
    }

    /// <summary>The one card of <paramref name="reply"/>, checked.</summary>
    public static JsonObject SingleCard(Activity reply) => Assert.Single(Cards(reply));

    /// <summary>The texts of the card's TextBlocks, in order.</summary>
    public static IReadOnlyList<string> Texts(JsonObject card)
        => [.. CardNodes.Objects(card).Where(o => TypeOf(o) == "TextBlock").Select(o => o["text"]?.GetValue<string>() ?? string.Empty)];

    /// <summary>The (title, value) pairs of the card's FactSets, in order.</summary>
    public static IReadOnlyList<(string Title, string Value)> Facts(JsonObject card)
        => [.. CardNodes.Objects(card).Where(o => TypeOf(o) == "FactSet").SelectMany(o => o["facts"]?.AsArray() ?? [])
            .Select(f => (f?["title"]?.GetValue<string>() ?? string.Empty, f?["value"]?.GetValue<string>() ?? string.Empty))];

    /// <summary>The card's Action.Submit buttons (card actions and action sets), in order.</summary>
    public static IReadOnlyList<JsonObject> Submits(JsonObject card)
        => [.. CardNodes.Objects(card).Where(o => TypeOf(o) == "Action.Submit")];

    /// <summary>The titles of the card's submit buttons.</summary>
    public static IReadOnlyList<string> ButtonTitles(JsonObject card)
        => [.. Submits(card).Select(a => a["title"]?.GetValue<string>() ?? string.Empty)];

    /// <summary>The submit button titled <paramref name="title"/>.</summary>
    public static JsonObject Button(JsonObject card, string title)
        => Submits(card).FirstOrDefault(a => a["title"]?.GetValue<string>() == title)
           ?? throw new XunitException($"No button '{title}' on the card. Buttons: {string.Join(", ", ButtonTitles(card))}");

    private static string? TypeOf(JsonObject node) => node["type"] is JsonValue value && value.TryGetValue<string>(out var type) ? type : null;
}
