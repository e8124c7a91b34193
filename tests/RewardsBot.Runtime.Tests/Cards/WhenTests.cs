using static RewardsBot.Runtime.Tests.Cards.CardTestData;

namespace RewardsBot.Runtime.Tests.Cards;

public class WhenTests
{
    [Theory]
    [InlineData("${t}", true)]
    [InlineData("${no}", false)]
    [InlineData("${n > 3 && s == 'Ann'}", true)]
    [InlineData("${n >= 5 && n <= 5 && n != 4}", true)]
    [InlineData("${n < 5 || f > 3}", false)]
    [InlineData("${!(n == 5)}", false)]
    [InlineData("${equals(s, 'Ann')}", true)]
    [InlineData("${not(empty(list))}", true)]
    [InlineData("${and(t, or(no, count(nums) == 3))}", true)]
    [InlineData("${if(t, no, t)}", false)]
    [InlineData("${exists(missing)}", false)]
    [InlineData("${missing == null}", true)]
    [InlineData("${z == null}", true)]
    [InlineData("${n}", false)]
    [InlineData("${s}", false)]
    [InlineData("${missing}", false)]
    [InlineData("${missing > 3}", false)]
    [InlineData("${count(z) > 0}", false)]
    [InlineData("true", false)]
    [InlineData("${t} ", false)]
    public void When_keeps_the_object_only_for_the_boolean_true(string when, bool kept)
    {
        var template = $$"""{ "body": [ { "$when": "{{when}}", "id": 1 } ] }""";
        Assert.Equal(kept ? """{"body":[{"id":1}]}""" : """{"body":[]}""", Expand(template));
    }

    [Fact]
    public void When_filters_repeated_items_with_their_own_data_and_index() =>
        Assert.Equal(
            """{"body":[{"v":2,"i":1},{"v":3,"i":2}]}""",
            Expand("""{ "body": [ { "$data": "${nums}", "$when": "${$data > 1}", "v": "${$data}", "i": "${$index}" } ] }"""));

    [Fact]
    public void When_false_as_a_property_value_leaves_null() =>
        Assert.Equal("""{"p":null,"q":{"a":1}}""", Expand("""{ "p": { "$when": "${no}", "a": 1 }, "q": { "$when": "${t}", "a": 1 } }"""));
}
