using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;
using static RewardsBot.Runtime.Tests.Cards.CardTestData;

namespace RewardsBot.Runtime.Tests.Cards;

public class FunctionTests
{
    [Theory]
    [InlineData("if(t, 1, 'x')", "1")]
    [InlineData("if(no, 1, 'x')", "\"x\"")]
    [InlineData("if(0, 't', 'f')", "\"t\"")]
    [InlineData("if(z, 't', 'f')", "\"f\"")]
    [InlineData("if(t, 'ok', count(z))", "\"ok\"")]
    [InlineData("equals(5, '5')", "false")]
    [InlineData("equals(n, 5.0)", "true")]
    [InlineData("equals(obj, json)", "false")]
    [InlineData("equals(list, createArray('x', 'y'))", "true")]
    [InlineData("not(0)", "false")]
    [InlineData("not(z)", "true")]
    [InlineData("and(t, 1, '')", "true")]
    [InlineData("and(t, no)", "false")]
    [InlineData("or(no, z)", "false")]
    [InlineData("or(no, none)", "true")]
    [InlineData("exists(0)", "true")]
    [InlineData("exists(blank)", "true")]
    [InlineData("exists(z)", "false")]
    [InlineData("exists(users[0].name)", "true")]
    [InlineData("empty(z)", "true")]
    [InlineData("empty(blank)", "true")]
    [InlineData("empty(none)", "true")]
    [InlineData("empty(emptyObj)", "true")]
    [InlineData("empty(0)", "false")]
    [InlineData("empty(list)", "false")]
    [InlineData("count(nums)", "3")]
    [InlineData("count(s)", "3")]
    [InlineData("length(s)", "3")]
    [InlineData("concat(s, '-', n, t)", "\"Ann-5true\"")]
    [InlineData("concat(nums, list)", """[1,2,3,"x","y"]""")]
    [InlineData("join(list, ', ')", "\"x, y\"")]
    [InlineData("join(nums, '')", "\"123\"")]
    [InlineData("string(n)", "\"5\"")]
    [InlineData("string(big)", "\"1234.5678\"")]
    [InlineData("string(t)", "\"true\"")]
    [InlineData("string(z)", "\"\"")]
    [InlineData("int(digits) + 1", "43")]
    [InlineData("int(f)", "2")]
    [InlineData("int(neg)", "-3")]
    [InlineData("float('2.25')", "2.25")]
    [InlineData("formatNumber(big, 2)", "\"1,234.57\"")]
    [InlineData("formatNumber(n, 2)", "\"5.00\"")]
    [InlineData("formatNumber(1234567.891, 2, 'de-DE')", "\"1.234.567,89\"")]
    [InlineData("toUpper(s)", "\"ANN\"")]
    [InlineData("toLower(s)", "\"ann\"")]
    [InlineData("trim('  a ')", "\"a\"")]
    [InlineData("coalesce(z, 'fallback')", "\"fallback\"")]
    [InlineData("createArray(1, 'a', t)", """[1,"a",true]""")]
    [InlineData("first(list)", "\"x\"")]
    [InlineData("last(nums)", "3")]
    [InlineData("s + n", "\"Ann5\"")]
    [InlineData("7 / 2", "3")]
    [InlineData("7.0 / 2", "3.5")]
    [InlineData("7 % 4 * 2 - 1", "5")]
    [InlineData("-n + 1", "-4")]
    [InlineData("1 + 2 * 3 == 7 && !(1 > 2) || no", "true")]
    [InlineData("'b' > 'a'", "true")]
    [InlineData("\"double\" == 'double'", "true")]
    [InlineData("'it\\'s'", "\"it\\u0027s\"")]
    [InlineData("null", "null")]
    public void Functions_and_operators_follow_adaptive_expression_semantics(string expression, string expected) =>
        Assert.Equal(expected, ExpandValue("${" + expression + "}"));

    [Theory]
    [InlineData("count(z)")]
    [InlineData("count(n)")]
    [InlineData("length(list)")]
    [InlineData("length(z)")]
    [InlineData("concat(s, z)")]
    [InlineData("join(s, ',')")]
    [InlineData("int('abc')")]
    [InlineData("float(t)")]
    [InlineData("formatNumber(s, 2)")]
    [InlineData("formatNumber(n, 2, 'xx-NOT-A-LOCALE')")]
    [InlineData("toUpper(n)")]
    [InlineData("first(n)")]
    [InlineData("s + z")]
    [InlineData("n - s")]
    [InlineData("n / 0")]
    [InlineData("n < s")]
    [InlineData("-s")]
    public void A_failing_whole_value_binding_throws_with_the_path_and_the_expression(string expression)
    {
        var template = CardTemplate.Parse(new JsonObject { ["card"] = new JsonObject { ["v"] = "${" + expression + "}" } });
        var error = Assert.Throws<CardTemplateException>(() => template.Expand(JsonNode.Parse(Sample)));
        Assert.Contains("$.card.v", error.Message, StringComparison.Ordinal);
        Assert.Contains(expression, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_embedded_binding_keeps_its_text_and_the_rest_is_expanded() =>
        Assert.Equal("\"Hi ${count(z)} Ann\"", ExpandValue("Hi ${count(z)} ${s}"));
}
