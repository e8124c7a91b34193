using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Cards;

/// <summary>A card expanded into an attachment is carried as the very text its tree would be sent as.</summary>
public class ExpansionAsTextTests
{
    private const string Template = """
        {
          "type": "AdaptiveCard", "version": "1.5", "fallbackText": "<fallback> & 'quotes' été",
          "body": [
            { "type": "TextBlock", "text": "${title}" },
            { "type": "TextBlock", "text": "Hi ${name}, n=${n} <b>" },
            { "type": "FactSet", "facts": [ { "$data": "${facts}", "title": "${k}", "value": "${v}" } ] },
            { "type": "Container", "$when": "${show}", "items": "${items}" }
          ],
          "actions": [ { "type": "Action.Submit", "title": "${title}", "data": "${data}" }, { "type": "Action.Submit", "data": { "n": "${n}" } } ]
        }
        """;

    public static TheoryData<string> Data =>
    [
        """{"title":"Plain","name":"Ann","n":1,"facts":[],"show":false,"items":[],"data":{}}""",
        """{"title":"<script>alert('x')</script> & +","name":"\u00e9\u8cc7\u683c \ud83d\ude00","n":2.50,"facts":[{"k":"a\"b","v":"c\\d\n"}],"show":true,"items":[{"type":"TextBlock","text":"\u003ci\u003e","x":[1,-0.5e3,true,null]}],"data":{"answer":"\u0041\u2028","k\u00e9y":"<"}}""",
    ];

    [Theory]
    [MemberData(nameof(Data))]
    public void The_text_is_what_the_expanded_tree_is_written_as(string data)
    {
        var template = CardTemplate.Parse(Template);
        using var document = JsonDocument.Parse(data);

        var attachment = template.ExpandStrictToAttachment(document.RootElement, ContentTypes.AdaptiveCard)!;
        var tree = template.ExpandStrict(document.RootElement)!;

        Assert.Equal(ContentTypes.AdaptiveCard, attachment.ContentType);
        Assert.Equal(Encoding.UTF8.GetString(ActivityWriter.ToJson(tree)), Encoding.UTF8.GetString(attachment.ContentJson!));
        Assert.True(JsonNode.DeepEquals(tree, attachment.Content));
    }

    [Fact]
    public void A_root_dropped_by_its_condition_gives_no_attachment()
    {
        var template = CardTemplate.Parse("""{"$when":"${show}","type":"AdaptiveCard"}""");
        using var document = JsonDocument.Parse("""{"show":false}""");

        Assert.Null(template.ExpandStrictToAttachment(document.RootElement, ContentTypes.AdaptiveCard));
    }

    [Fact]
    public void Unresolved_bindings_are_an_error_as_for_a_tree()
    {
        var template = CardTemplate.Parse("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"${missing}"}]}""");
        using var document = JsonDocument.Parse("{}");

        var error = Assert.Throws<CardTemplateException>(() => template.ExpandStrictToAttachment(document.RootElement, ContentTypes.AdaptiveCard));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }
}
