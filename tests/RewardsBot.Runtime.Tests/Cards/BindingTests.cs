using static RewardsBot.Runtime.Tests.Cards.CardTestData;

namespace RewardsBot.Runtime.Tests.Cards;

public class BindingTests
{
    [Theory]
    [InlineData("${n}", "5")]
    [InlineData("${f}", "2.5")]
    [InlineData("${t}", "true")]
    [InlineData("${no}", "false")]
    [InlineData("${s}", "\"Ann\"")]
    [InlineData("${z}", "null")]
    [InlineData("${obj}", """{"k":"v"}""")]
    [InlineData("${list}", """["x","y"]""")]
    [InlineData("${nums[1] + 1}", "3")]
    public void Whole_value_binding_keeps_the_json_type(string binding, string expected) =>
        Assert.Equal(expected, ExpandValue(binding));

    [Theory]
    [InlineData("n=${n}", "\"n=5\"")]
    [InlineData("${f}%", "\"2.5%\"")]
    [InlineData("${big}", "1234.5678")]
    [InlineData(" ${big}", "\" 1234.5678\"")]
    [InlineData("${t}/${no}", "\"true/false\"")]
    [InlineData("[${z}]", "\"[]\"")]
    [InlineData("${s}${s}", "\"AnnAnn\"")]
    public void Embedded_binding_produces_a_string(string binding, string expected) =>
        Assert.Equal(expected, ExpandValue(binding));

    [Theory]
    [InlineData("o=${obj}", "o={\"k\":\"v\"}")]
    [InlineData("l=${list}", "l=[\"x\",\"y\"]")]
    [InlineData("${string(obj)}", "{\"k\":\"v\"}")]
    public void Embedded_objects_and_arrays_become_compact_json_text(string binding, string expected)
    {
        var template = new System.Text.Json.Nodes.JsonObject { ["v"] = binding };
        var result = RewardsBot.Runtime.Cards.CardTemplate.Parse(template).Expand(System.Text.Json.Nodes.JsonNode.Parse(Sample))!;
        Assert.Equal(expected, result["v"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("${users[0].name}", "\"Bo\"")]
    [InlineData("${users[0].tags[1]}", "\"b\"")]
    [InlineData("${users[0]['name']}", "\"Bo\"")]
    [InlineData("${$data.users[0].name}", "\"Bo\"")]
    [InlineData("${$root.obj.k}", "\"v\"")]
    [InlineData("${nums[n - 3]}", "3")]
    public void Paths_use_dots_and_indexers(string binding, string expected) =>
        Assert.Equal(expected, ExpandValue(binding));

    [Fact]
    public void Embedded_numbers_use_the_invariant_culture_whatever_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            Assert.Equal("\"2.5 / 1234.5678\"", ExpandValue("${f} / ${big}"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("\\${s}", "\"${s}\"")]
    [InlineData("cost \\${n} is ${n}", "\"cost ${n} is 5\"")]
    [InlineData("$5 and $s", "\"$5 and $s\"")]
    [InlineData("Hi ${s", "\"Hi ${s\"")]
    [InlineData("${'open}", "\"${\\u0027open}\"")]
    [InlineData("${join(list, '}')}", "\"x}y\"")]
    public void Escapes_lone_dollars_and_unclosed_bindings_stay_text(string value, string expected) =>
        Assert.Equal(expected, ExpandValue(value));

    [Fact]
    public void Object_keys_numbers_booleans_and_nulls_in_the_template_pass_through() =>
        Assert.Equal(
            """{"${s}":1,"b":true,"z":null,"d":2.50}""",
            Expand("""{ "${s}": 1, "b": true, "z": null, "d": 2.50 }"""));

    [Fact]
    public void Strings_from_data_are_never_evaluated_again()
    {
        Assert.Equal("\"${s}\"", ExpandValue("${injected}"));
        Assert.Equal("\"x ${s}\"", ExpandValue("x ${injected}"));
    }
}
