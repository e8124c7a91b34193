using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;
using static RewardsBot.Runtime.Tests.Cards.CardTestData;

namespace RewardsBot.Runtime.Tests.Cards;

public class DataContextTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "$data object changes the context of the object and its children only",
            """{ "a": { "$data": "${users[0]}", "t": "${name}", "in": { "u": "${tags[0]}" } }, "after": "${s}" }""",
            """{"a":{"t":"Bo","in":{"u":"a"}},"after":"Ann"}"""
        },
        {
            "$data array repeats the element in body, with $index",
            """{ "body": [ { "type": "TextBlock", "$data": "${list}", "text": "${$index}: ${$data}" }, { "type": "End" } ] }""",
            """{"body":[{"type":"TextBlock","text":"0: x"},{"type":"TextBlock","text":"1: y"},{"type":"End"}]}"""
        },
        {
            "$data array repeats actions and $root reads the top-level data inside a copy",
            """{ "actions": [ { "$data": "${nums}", "title": "${$root.s} ${$data}", "data": { "n": "${$data}", "i": "${$index}" } } ] }""",
            """{"actions":[{"title":"Ann 1","data":{"n":1,"i":0}},{"title":"Ann 2","data":{"n":2,"i":1}},{"title":"Ann 3","data":{"n":3,"i":2}}]}"""
        },
        {
            "An empty $data array drops the element and may leave an empty array",
            """{ "body": [ { "$data": "${none}", "text": "never" } ] }""",
            """{"body":[]}"""
        },
        {
            "Nested repetition has its own $index and the outer one returns after it",
            """{ "rows": [ { "$data": "${$root.grid}", "cells": [ { "$data": "${$data}", "v": "${$index}:${$data}" } ], "row": "${$index}" } ] }""",
            """{"rows":[{"cells":[{"v":"0:a"},{"v":"1:b"}],"row":0},{"cells":[{"v":"0:c"}],"row":1}]}"""
        },
        {
            "$index outside any repetition stays as its literal text",
            """{ "i": "${$index}", "e": "#${$index}" }""",
            """{"i":"${$index}","e":"#${$index}"}"""
        },
        {
            "A literal $data object is used as the context",
            """{ "a": { "$data": { "name": "Lit" }, "t": "${name}" } }""",
            """{"a":{"t":"Lit"}}"""
        },
        {
            "A missing $data field drops the object instead of using the text as context",
            """{ "body": [ { "$data": "${nothing}", "t": "x" }, { "t": "kept" } ], "p": { "$data": "${nothing}", "t": "x" } }""",
            """{"body":[{"t":"kept"}],"p":null}"""
        },
        {
            "A null $data drops the object",
            """{ "body": [ { "$data": "${z}", "t": "x" } ] }""",
            """{"body":[]}"""
        },
        {
            "Repetition as a property value gives an array for 2+, an object for 1 and null for none",
            """{ "two": { "$data": "${list}", "v": "${$data}" }, "one": { "$data": "${users}", "v": "${name}" }, "zero": { "$data": "${none}", "v": 1 } }""",
            """{"two":[{"v":"x"},{"v":"y"}],"one":{"v":"Bo"},"zero":null}"""
        },
        {
            "Reserved keys never appear in the output",
            """{ "$root": 1, "$index": 2, "$host": 3, "$_acTemplateVersion": 4, "$data": "${obj}", "$when": "${true}", "k": "${k}" }""",
            """{"k":"v"}"""
        },
        {
            "Inline $data on the root wins for plain names while $root still reads the passed data",
            """{ "$data": { "s": "inline" }, "a": "${s}", "b": "${$root.s}" }""",
            """{"a":"inline","b":"Ann"}"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Data_context_rules(string behaviour, string template, string expected)
    {
        const string Data = """
            { "s": "Ann", "list": ["x", "y"], "nums": [1, 2, 3], "none": [], "z": null, "obj": { "k": "v" },
              "users": [{ "name": "Bo", "tags": ["a"] }], "grid": [["a", "b"], ["c"]] }
            """;
        _ = behaviour; // names the case in test output
        Assert.Equal(Compact(expected), Expand(template, Data));
    }

    [Fact]
    public void The_root_repeats_into_an_array_or_is_dropped_to_null()
    {
        Assert.Equal("""[{"v":"x"},{"v":"y"}]""", Expand("""{ "$data": "${list}", "v": "${$data}" }"""));
        Assert.Equal("null", Expand("""{ "$when": "${no}", "v": 1 }"""));
    }

    [Fact]
    public void Host_data_is_read_through_dollar_host()
    {
        var result = CardTemplate.Parse("""{ "t": "${$host.theme}", "w": "${$host}" }""")
            .Expand(JsonNode.Parse("{}"), JsonNode.Parse("""{ "theme": "dark" }"""));
        Assert.Equal("""{"t":"dark","w":{"theme":"dark"}}""", result!.ToJsonString());
    }
}
