using System.Text;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Dialogs;

/// <summary>
/// The stamp spliced into a card's JSON text gives, byte for byte, the text of the card's tree stamped as a tree would
/// be (the walk below, the way cards were stamped before they were carried as text).
/// </summary>
public class SubmitActionStampTests
{
    private const string Id = "d9";

    public static TheoryData<string> Cards =>
    [
        """{"type":"AdaptiveCard","actions":[{"type":"Action.Submit","title":"No data"},{"type":"Action.OpenUrl","url":"https://x"}]}""",
        """{"type":"Action.Submit","data":null}""",
        """{"type":"Action.Execute"}""",
        """{"type":"Action.Submit","data":{}}""",
        """{"data":{"answer":1},"type":"Action.Submit"}""",
        """{"type":"Action.Submit","data":{"_dialog":"old","answer":"a"}}""",
        """{"type":"Action.Submit","data":{"_dialog":null}}""",
        """{"type":"Action.Submit","data":"typed text"}""",
        """[{"type":"Action.Submit","data":[1]},{"type":"Action.Submit","data":42},{"type":{"name":"Action.Submit"}},{"type":"action.submit"}]""",
        """{"type":"Action.Submit","data":{"msteams":{"value":{}}}}""",
        """{"type":"Action.Submit","data":{"msteams":{"type":"messageBack","text":"go","value":{"step":"x","_dialog":"old"}}}}""",
        """{"type":"Action.Submit","data":{"msteams":{"value":"text"}}}""",
        """{"type":"Action.Submit","data":{"msteams":[{"value":{}}]}}""",
        """{"type":"Action.Submit","data":{"msteams":{"value":{"type":"Action.Execute"}}}}""",
        """{"type":"Action.Submit","data":{"msteams":{"value":{"type":"Action.Execute","data":{"msteams":{"value":{}}}}}}}""",
        """{"type":"Action.Submit","data":{"type":"Action.Execute","data":null}}""",
        """{"type":"Action.Submit","data":{"type":"Action.Execute"}}""",
        """{"type":"Action.Submit","data":{"_dialog":{"type":"Action.Submit","data":{}}}}""",
        """{"type":"Action.Submit","data":{"msteams":{"value":{"_dialog":[{"type":"Action.Execute"}]}}}}""",
        """{"value":{"type":"Action.Submit"},"msteams":{"value":{}},"_dialog":{"type":"Action.Execute"}}""",
        """{"type":"AdaptiveCard","body":[{"type":"ActionSet","actions":[{"type":"Action.ShowCard","card":{"type":"AdaptiveCard","actions":[{"type":"Action.Submit","data":{"answer":"b"}}]}}]}],"selectAction":{"type":"Action.Execute","verb":"v"}}""",
        """{"type":"Action.Submit","title":"<b>été & 資格</b>","data":{"text":"a\"b\\c\u0001"}}""",
        """{"ty\u0070e":"Action\u002ESubmit","d\u0061ta":{"\u005fdialog":1,"msteams":{"v\u0061lue":{}}}}""",
        """{"type":"AdaptiveCard","version":"1.5"}""",
        """[]""",
        "\"just text\"",
        """42""",
    ];

    [Theory]
    [MemberData(nameof(Cards))]
    public void The_stamped_text_is_the_text_of_the_stamped_tree(string card)
    {
        var tree = JsonNode.Parse(card)!;
        var expected = Written(Stamped(tree.DeepClone(), Id));

        var stamped = SubmitActionStamp.Stamp(ActivityWriter.ToJson(tree), Id);

        Assert.Equal(expected, Encoding.UTF8.GetString(stamped));
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("d\"é\\")]
    public void The_id_is_escaped_as_the_wire_escapes_it(string id)
    {
        var tree = JsonNode.Parse("""{"type":"Action.Submit","data":{"msteams":{"value":{}}}}""")!;

        var stamped = SubmitActionStamp.Stamp(ActivityWriter.ToJson(tree), id);

        Assert.Equal(Written(Stamped(tree, id)), Encoding.UTF8.GetString(stamped));
        Assert.Equal(id, JsonNode.Parse(stamped)!["data"]!["msteams"]!["value"]![CardSubmission.DialogKey]!.GetValue<string>());
    }

    [Fact]
    public void A_card_without_submit_actions_keeps_its_text()
    {
        var json = ActivityWriter.ToJson(JsonNode.Parse("""{"type":"AdaptiveCard","actions":[{"type":"Action.OpenUrl","url":"https://x"}]}""")!);

        Assert.Same(json, SubmitActionStamp.Stamp(json, Id));
    }

    [Fact]
    public void Every_card_of_the_bot_is_stamped_as_its_tree_would_be()
    {
        var cards = global::RewardsBot.Dialogs.Content.CardLibrary.Load(global::RewardsBot.Dialogs.Content.BotTexts.Default);
        var menu = cards.Build("menu", new { heading = "What now? <b>" }, "fr-FR");
        var welcome = cards.Build("welcome", new
        {
            signedInAs = "Ana \"A\" <b>",
            recognized = true,
            otherLanguages = new[] { new { title = "English", data = new JsonObject { ["_action"] = "setLanguage", ["language"] = "en" } } },
        }, "en-US");

        foreach (var card in new[] { menu, welcome })
        {
            var stamped = CardSubmission.Stamp(new Activity { Attachments = [card] }, "abc").Attachments![0];
            var expected = Written(Stamped(card.Content!.DeepClone(), "abc"));

            Assert.Equal(expected, Encoding.UTF8.GetString(stamped.ContentJson!));
        }
    }

    private static string Written(JsonNode node) => Encoding.UTF8.GetString(ActivityWriter.ToJson(node));

    /// <summary>The stamp as a walk of the tree: each action's data first, then the object's members, depth first.</summary>
    private static JsonNode Stamped(JsonNode node, string id)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var typeName) && typeName is "Action.Submit" or "Action.Execute")
                {
                    var data = obj["data"] switch
                    {
                        JsonObject existing => existing,
                        null => (JsonObject)(obj["data"] = new JsonObject()),
                        _ => null,
                    };
                    if (data is not null)
                    {
                        data[CardSubmission.DialogKey] = id;
                        if (data["msteams"] is JsonObject msteams && msteams["value"] is JsonObject teamsValue)
                        {
                            teamsValue[CardSubmission.DialogKey] = id;
                        }
                    }
                }

                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Stamped(child, id);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Stamped(child, id);
                    }
                }

                break;
        }

        return node;
    }
}
