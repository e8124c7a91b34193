using RewardsBot.Runtime.Cards;

namespace RewardsBot.Runtime.Tests.Cards;

public class ParseErrorTests
{
    [Theory]
    [InlineData("${1 +}", "1 +", "unexpected the end of the expression")]
    [InlineData("${a..b}", "a..b", "expected a property name")]
    [InlineData("${(a}", "(a", "expected ')'")]
    [InlineData("${a[0}", "a[0", "expected ']'")]
    [InlineData("${}", "", "the expression is empty")]
    [InlineData("${a # b}", "a # b", "unexpected character '#'")]
    [InlineData("${a b}", "a b", "unexpected 'b'")]
    [InlineData("Hi ${nofn(x)}", "nofn(x)", "unknown function 'nofn'")]
    [InlineData("${if(a, b)}", "if(a, b)", "if() takes 3 argument(s), not 2")]
    [InlineData("${concat()}", "concat()", "concat() takes at least 1 argument(s), not 0")]
    [InlineData("${a = 1}", "a = 1", "unexpected character '='")]
    public void A_bad_binding_fails_at_parse_time_naming_the_path_and_the_expression(string value, string expression, string reason)
    {
        var json = $$"""{ "body": [ { "type": "TextBlock" }, { "items": [ { "text": {{System.Text.Json.JsonSerializer.Serialize(value)}} } ] } ] }""";

        var error = Assert.Throws<CardTemplateException>(() => CardTemplate.Parse(json));

        Assert.Contains("$.body[1].items[0].text", error.Message, StringComparison.Ordinal);
        Assert.Contains("'${" + expression + "}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_bindings_in_when_and_data_and_odd_keys_are_reported_with_their_path()
    {
        Assert.Contains("$.actions[0].$when", Assert.Throws<CardTemplateException>(
            () => CardTemplate.Parse("""{ "actions": [ { "$when": "${a &&}" } ] }""")).Message, StringComparison.Ordinal);
        Assert.Contains("$.card.$data", Assert.Throws<CardTemplateException>(
            () => CardTemplate.Parse("""{ "card": { "$data": "${[}" } }""")).Message, StringComparison.Ordinal);
        Assert.Contains("$['my key']", Assert.Throws<CardTemplateException>(
            () => CardTemplate.Parse("""{ "my key": "${)}" }""")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_reported_as_a_template_error() =>
        Assert.Contains("not valid JSON", Assert.Throws<CardTemplateException>(
            () => CardTemplate.Parse("{ \"a\": ")).Message, StringComparison.Ordinal);
}
