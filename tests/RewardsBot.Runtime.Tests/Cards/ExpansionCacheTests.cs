using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Cards;

/// <summary>
/// Expanded cards kept by template and data: the same template with the same data gives the same card text, without
/// expanding again; anything else is expanded; the text is shared, never changed; the cache stays in its bound.
/// </summary>
public class ExpansionCacheTests
{
    private const string Template = """
        {
          "type": "AdaptiveCard", "version": "1.5", "$when": "${show}",
          "body": [ { "type": "TextBlock", "text": "Hi ${name}" }, { "type": "FactSet", "facts": [ { "$data": "${facts}", "title": "${k}", "value": "${v}" } ] } ],
          "actions": [ { "type": "Action.Submit", "title": "${name}", "data": { "answer": "${name}" } } ]
        }
        """;

    [Fact]
    public void The_same_data_gives_the_same_card_from_the_cache_and_other_data_is_expanded()
    {
        var template = CardTemplate.Parse(Template);
        var cache = new CardExpansionCache(CardExpansionCache.DefaultCapacityBytes);
        var ann = Utf8("""{"show":true,"name":"Ann","facts":[{"k":"a","v":"1"}]}""");
        var bob = Utf8("""{"show":true,"name":"Bob","facts":[{"k":"a","v":"1"}]}""");

        var first = template.ExpandStrictToAttachment(ann, ContentTypes.AdaptiveCard, cache)!;
        var again = template.ExpandStrictToAttachment(ann.ToArray(), ContentTypes.AdaptiveCard, cache)!;
        var other = template.ExpandStrictToAttachment(bob, ContentTypes.AdaptiveCard, cache)!;

        Assert.Equal((1, 2), (cache.Hits, cache.Misses));
        Assert.NotSame(first, again);
        Assert.Equal(ContentTypes.AdaptiveCard, again.ContentType);
        Assert.Equal(Text(Expanded(template, ann)), Text(again.ContentJson!));
        Assert.Equal(Text(Expanded(template, bob)), Text(other.ContentJson!));
        Assert.NotEqual(Text(first.ContentJson!), Text(other.ContentJson!));
    }

    [Fact]
    public void Another_template_with_the_same_data_is_expanded_for_itself()
    {
        var cache = new CardExpansionCache(CardExpansionCache.DefaultCapacityBytes);
        var data = Utf8("""{"show":true,"name":"Ann","facts":[]}""");
        var english = CardTemplate.Parse(Template);
        var french = CardTemplate.Parse(Template.Replace("Hi ", "Bonjour ", StringComparison.Ordinal));

        english.ExpandStrictToAttachment(data, ContentTypes.AdaptiveCard, cache);
        var card = french.ExpandStrictToAttachment(data, ContentTypes.AdaptiveCard, cache)!;

        Assert.Equal(0, cache.Hits);
        Assert.Contains("Bonjour Ann", Text(card.ContentJson!), StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_one_cards_tree_changes_no_other_card_made_from_the_same_text()
    {
        var template = CardTemplate.Parse(Template);
        var cache = new CardExpansionCache(CardExpansionCache.DefaultCapacityBytes);
        var data = Utf8("""{"show":true,"name":"Ann","facts":[]}""");
        var first = template.ExpandStrictToAttachment(data, ContentTypes.AdaptiveCard, cache)!;
        var expected = Text(first.ContentJson!);

        first.Content!["body"]![0]!["text"] = "changed";
        var next = template.ExpandStrictToAttachment(data, ContentTypes.AdaptiveCard, cache)!;

        Assert.Equal(1, cache.Hits);
        Assert.Equal(expected, Text(next.ContentJson!));
    }

    [Fact]
    public void A_dropped_root_is_kept_as_no_card_and_unresolved_bindings_fail_every_time()
    {
        var template = CardTemplate.Parse(Template);
        var cache = new CardExpansionCache(CardExpansionCache.DefaultCapacityBytes);
        var hidden = Utf8("""{"show":false,"name":"Ann","facts":[]}""");
        var unresolved = Utf8("""{"show":true,"facts":[]}""");

        Assert.Null(template.ExpandStrictToAttachment(hidden, ContentTypes.AdaptiveCard, cache));
        Assert.Null(template.ExpandStrictToAttachment(hidden, ContentTypes.AdaptiveCard, cache));
        Assert.Throws<CardTemplateException>(() => template.ExpandStrictToAttachment(unresolved, ContentTypes.AdaptiveCard, cache));
        Assert.Throws<CardTemplateException>(() => template.ExpandStrictToAttachment(unresolved, ContentTypes.AdaptiveCard, cache));
        Assert.Equal((1, 3), (cache.Hits, cache.Misses));
        Assert.ThrowsAny<JsonException>(() => template.ExpandStrictToAttachment(Utf8("{not json"), ContentTypes.AdaptiveCard, cache));
    }

    [Fact]
    public void The_cache_stays_within_its_bound_and_keeps_no_large_data()
    {
        var template = CardTemplate.Parse(Template);
        var cache = new CardExpansionCache(16 * 1024);
        for (var i = 0; i < 500; i++)
        {
            var data = Utf8($$"""{"show":true,"name":"User {{i}}","facts":[{"k":"n","v":"{{i}}"}]}""");
            template.ExpandStrictToAttachment(data, ContentTypes.AdaptiveCard, cache);
            Assert.InRange(cache.Bytes, 1, cache.CapacityBytes);
        }

        var large = Utf8($$"""{"show":true,"name":"Ann","facts":[{{string.Join(',', Enumerable.Range(0, 300).Select(i => $$"""{"k":"{{i}}","v":"{{i}}"}"""))}}]}""");
        Assert.True(large.Length > CardExpansionCache.MaxDataBytes);
        template.ExpandStrictToAttachment(large, ContentTypes.AdaptiveCard, cache);
        template.ExpandStrictToAttachment(large, ContentTypes.AdaptiveCard, cache);
        Assert.Equal(0, cache.Hits);
        Assert.Equal(502, cache.Misses);

        var none = new CardExpansionCache(0);
        var small = Utf8("""{"show":true,"name":"Ann","facts":[]}""");
        template.ExpandStrictToAttachment(small, ContentTypes.AdaptiveCard, none);
        template.ExpandStrictToAttachment(small, ContentTypes.AdaptiveCard, none);
        Assert.Equal((0, 0L), (none.Hits, none.Bytes));
    }

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static string Text(byte[] json) => Encoding.UTF8.GetString(json);

    private static byte[] Expanded(CardTemplate template, byte[] data)
    {
        using var document = JsonDocument.Parse(data);
        return ActivityWriter.ToJson(template.ExpandStrict(document.RootElement)!);
    }
}
