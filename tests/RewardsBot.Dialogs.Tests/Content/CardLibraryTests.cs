using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Cards;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Tests.Content;

public sealed partial class CardLibraryTests
{
    private static readonly CardLibrary Cards = CardLibrary.Load(BotTexts.Default);

    public static TheoryData<string> TemplateNames => [.. Cards.Names.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_card_file_is_embedded_and_parses()
    {
        Assert.Contains("welcome", Cards.Names);
        Assert.Contains("menu", Cards.Names);
        Assert.Equal(Cards.Names.Count(), TemplateNames.Count);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_label_a_template_uses_exists_in_every_language_and_none_is_left_unused(string name)
    {
        var template = TemplateText(name);
        var used = Label().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var language in BotLanguage.All)
        {
            var defined = BotTexts.Default.Languages[language].Keys
                .Where(k => k.StartsWith($"card.{name}.", StringComparison.Ordinal))
                .Select(k => k[$"card.{name}.".Length..])
                .ToHashSet(StringComparer.Ordinal);
            Assert.Empty(used.Except(defined));
            Assert.Empty(defined.Except(used));
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_declares_version_1_5_and_a_fallback_text(string name)
    {
        var template = JsonNode.Parse(TemplateText(name))!.AsObject();

        Assert.Equal("AdaptiveCard", template["type"]!.GetValue<string>());
        Assert.Equal(CardLibrary.CardVersion, template["version"]!.GetValue<string>());
        Assert.NotNull(template["fallbackText"]);
    }

    [Fact]
    public void Labels_come_in_the_chats_language()
    {
        var english = Cards.Build("menu", new { heading = "x" }, "en-US");
        var french = Cards.Build("menu", new { heading = "x" }, "fr-CA");

        Assert.Equal(ContentTypes.AdaptiveCard, english.ContentType);
        Assert.Contains(BotTexts.Default.Get("card.menu.activate", "en"), english.Content!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(BotTexts.Default.Get("card.menu.activate", "fr"), french.Content!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_built_again_with_the_same_data_and_language_is_the_same_card_without_expanding_again()
    {
        var cards = CardLibrary.Load(BotTexts.Default);
        var cached = cards.Build("menu", new { heading = "Anything else?" }, "en-US");
        var again = cards.Build("menu", new { heading = "Anything else?" }, "en-GB");
        var french = cards.Build("menu", new { heading = "Anything else?" }, "fr-FR");
        var other = cards.Build("menu", new { heading = "Something else?" }, "en-US");

        Assert.Equal((1L, 3L), (cards.Expansions.Hits, cards.Expansions.Misses));
        Assert.True(JsonNode.DeepEquals(cached.Content, again.Content));
        Assert.False(JsonNode.DeepEquals(cached.Content, french.Content));
        Assert.False(JsonNode.DeepEquals(cached.Content, other.Content));

        var uncached = CardLibrary.Load(BotTexts.Default, expansionCacheBytes: 0).Build("menu", new { heading = "Anything else?" }, "en-US");
        Assert.True(JsonNode.DeepEquals(uncached.Content, again.Content));
    }

    [Fact]
    public void Missing_data_is_an_error_not_a_card_showing_a_binding()
    {
        var error = Assert.Throws<CardTemplateException>(() => Cards.Build("menu", new { }, "en"));

        Assert.Contains("cards/menu.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("heading", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_card_names_the_file_to_add()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Cards.Build("nope", null, "en"));

        Assert.Contains("cards/nope.json", error.Message, StringComparison.Ordinal);
    }

    private static string TemplateText(string name)
    {
        using var stream = typeof(CardLibrary).Assembly.GetManifestResourceStream($"cards/{name}.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\bt\.([A-Za-z0-9]+)")]
    private static partial Regex Label();
}
