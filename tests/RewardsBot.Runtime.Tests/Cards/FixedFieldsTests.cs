using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;

namespace RewardsBot.Runtime.Tests.Cards;

/// <summary>A template made for known root fields (a card's words) expands as the template does with them in the data.</summary>
public class FixedFieldsTests
{
    private const string Words = """{ "t": { "title": "Titre « été »", "a": "Oui", "b": "Non", "n": 3, "on": true, "nested": { "x": "X" } } }""";

    private const string Data = """
        { "s": "Ann", "u": { "k": 1 }, "list": ["x", "y"], "items": [{ "name": "Bo", "t": { "title": "item's own" } }, { "name": "Cy" }] }
        """;

    public static TheoryData<string, bool> Templates => new()
    {
        { """{ "title": "${t.title}", "who": "${s}" }""", false },
        { """{ "text": "${t.title}: ${s} (${t.n})", "deep": "${t.nested.x}", "root": "${$root.t.a}" }""", false },
        { """{ "c": "${if(exists(u), t.a, t.b)}", "d": "${if(exists(nope), t.a, t.b)}", "n": "${t.n + 1}", "o": "${t.on}" }""", false },
        { """{ "body": [ { "$when": "${t.on}", "a": 1 }, { "$when": "${!t.on}", "b": 2 } ] }""", false },
        { """{ "rows": [ { "$data": "${items}", "n": "${name}", "l": "${$root.t.a}", "own": "${t.title}" } ] }""", false },
        { """{ "rows": [ { "$data": "${list}", "v": "${$data} ${$root.t.b}" } ], "after": "${t.b}" }""", false },
        { """{ "i": "${list[t.n - 3]}", "j": "${$data.t.a}" }""", false },
        { """{ "missing": "${t.nope}", "title": "${t.title}" }""", true },
        { """{ "whole": "${t.nested}", "all": "${$root.s}" }""", true },
        { """{ "root": "${string($root)}" }""", true },
        { """{ "static": { "type": "TextBlock", "text": "${t.title}" }, "other": [ "${t.a}", 2 ] }""", false },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Expanding_with_fixed_words_gives_the_same_card(string template, bool stillRead)
    {
        var words = JsonDocument.Parse(Words).RootElement;
        var withWords = JsonNode.Parse(Data)!.AsObject();
        withWords["t"] = JsonNode.Parse(Words)!["t"]!.DeepClone();

        var fixedTemplate = CardTemplate.Parse(template).WithFields(words, out var fieldsStillRead);

        Assert.Equal(stillRead, fieldsStillRead);
        var expected = CardTemplate.Parse(template).Expand(withWords)!.ToJsonString();
        Assert.Equal(expected, fixedTemplate.Expand(stillRead ? withWords : JsonNode.Parse(Data))!.ToJsonString());
    }
}
