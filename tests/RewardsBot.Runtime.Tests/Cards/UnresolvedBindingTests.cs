using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;
using static RewardsBot.Runtime.Tests.Cards.CardTestData;

namespace RewardsBot.Runtime.Tests.Cards;

public class UnresolvedBindingTests
{
    [Theory]
    [InlineData("${missing}", "\"${missing}\"")]
    [InlineData("Hi ${missing}!", "\"Hi ${missing}!\"")]
    [InlineData("${a.b.c}", "\"${a.b.c}\"")]
    [InlineData("${obj.nope}", "\"${obj.nope}\"")]
    [InlineData("${list[5]}", "\"${list[5]}\"")]
    [InlineData("${ missing }", "\"${missing}\"")]
    [InlineData("${coalesce(missing, 'x')}", "\"${missing}\"")]
    [InlineData("${concat('a', missing)}", "\"a${missing}\"")]
    [InlineData("${if(exists(missing), 'yes', 'no')}", "\"no\"")]
    [InlineData("${z}", "null")]
    [InlineData("a${z}b", "\"ab\"")]
    public void Missing_fields_stay_as_literal_binding_text_and_null_fields_are_null(string value, string expected) =>
        Assert.Equal(expected, ExpandValue(value));

    [Fact]
    public void Expanding_without_data_leaves_every_binding_as_text() =>
        Assert.Equal("""{"t":"${name}"}""", Expand("""{ "t": "${name}" }""", data: null));

    [Fact]
    public void Strict_expansion_reports_every_unresolved_binding_with_its_path()
    {
        var template = CardTemplate.Parse("""
            { "body": [ { "text": "Hi ${who}" }, { "$data": "${rows}", "t": "x" }, { "text": "${count(z)} ${s}" } ], "ok": "${s}" }
            """);

        var error = Assert.Throws<CardTemplateException>(() => template.ExpandStrict(JsonNode.Parse(Sample)));

        Assert.Contains("$.body[0].text: ${who} is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.body[1].$data: ${rows} is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.body[2].text: ${count(z)} failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("$.ok", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_expansion_of_a_fully_bound_card_returns_the_card() =>
        Assert.Equal(
            """{"text":"Hi Ann","n":5}""",
            CardTemplate.Parse("""{ "text": "Hi ${s}", "n": "${n}" }""").ExpandStrict(JsonNode.Parse(Sample))!.ToJsonString());
}
