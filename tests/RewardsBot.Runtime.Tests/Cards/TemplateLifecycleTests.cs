using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;
using static RewardsBot.Runtime.Tests.Cards.CardTestData;

namespace RewardsBot.Runtime.Tests.Cards;

public class TemplateLifecycleTests
{
    private const string Template = """
        { "body": [ { "$data": "${users}", "$when": "${exists(name)}", "n": "${name}", "tags": "${tags}", "i": "${$index}" } ],
          "obj": "${obj}", "list": "${list}", "text": "Hi ${s} ${missing}" }
        """;

    [Fact]
    public void Expanding_modifies_neither_the_template_nor_the_data()
    {
        var templateNode = JsonNode.Parse(Template)!;
        var data = JsonNode.Parse(Sample)!;
        var template = CardTemplate.Parse(templateNode);

        var result = template.Expand(data)!;
        result["obj"]!["k"] = "changed";
        result["list"]!.AsArray().Add("z");
        result["body"]![0]!["tags"]!.AsArray().Clear();

        Assert.Equal(Compact(Template), templateNode.ToJsonString());
        Assert.Equal(Compact(Sample), data.ToJsonString());
        Assert.Equal(
            """{"body":[{"n":"Bo","tags":["a","b"],"i":0}],"obj":{"k":"v"},"list":["x","y"],"text":"Hi Ann ${missing}"}""",
            template.Expand(data)!.ToJsonString());
    }

    [Fact]
    public async Task A_template_parsed_once_expands_concurrently_with_the_same_results()
    {
        var template = CardTemplate.Parse(Template);
        var expected = Expand(Template);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).Select(_ => template.Expand(JsonNode.Parse(Sample))!.ToJsonString()).Distinct().ToArray())));

        Assert.All(results, distinct => Assert.Equal([expected], distinct));
    }

    [Theory]
    [InlineData("""{ "type": "AdaptiveCard", "body": [ { "text": "${s}" } ] }""", "AdaptiveCard")]
    [InlineData("""{ "type": "AdaptiveCard", "version": "1.5" }""", "AdaptiveCard")]
    [InlineData("""{ "type": "${s}", "body": [] }""", null)]
    [InlineData("""{ "$when": "${t}", "type": "AdaptiveCard" }""", null)]
    [InlineData("""{ "$data": "${users}", "type": "AdaptiveCard" }""", null)]
    [InlineData("""{ "body": [] }""", null)]
    [InlineData("""[ { "type": "AdaptiveCard" } ]""", null)]
    public void The_root_type_is_known_before_expanding_only_when_the_template_fixes_it(string template, string? expected) =>
        Assert.Equal(expected, CardTemplate.Parse(template).RootType);
}
