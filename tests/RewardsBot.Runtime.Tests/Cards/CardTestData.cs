using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;

namespace RewardsBot.Runtime.Tests.Cards;

internal static class CardTestData
{
    /// <summary>Data shared by the expression tables: one field of each JSON type.</summary>
    public const string Sample = """
        {
          "n": 5, "f": 2.5, "big": 1234.5678, "neg": -3, "s": "Ann", "t": true, "no": false, "z": null,
          "list": ["x", "y"], "nums": [1, 2, 3], "obj": { "k": "v" }, "none": [], "emptyObj": {}, "blank": "",
          "users": [{ "name": "Bo", "tags": ["a", "b"] }], "digits": "42", "injected": "${s}"
        }
        """;

    /// <summary>Expands <paramref name="template"/> and returns compact JSON ("null" when the root is dropped).</summary>
    public static string Expand(string template, string? data = Sample) =>
        CardTemplate.Parse(template).Expand(data is null ? null : JsonNode.Parse(data))?.ToJsonString() ?? "null";

    /// <summary>Expands <c>{"v": value}</c> and returns the JSON of <c>v</c> as produced.</summary>
    public static string ExpandValue(string templateValue, string? data = Sample)
    {
        var template = new JsonObject { ["v"] = templateValue };
        var result = CardTemplate.Parse(template).Expand(data is null ? null : JsonNode.Parse(data));
        return result!["v"]?.ToJsonString() ?? "null";
    }

    public static string Compact(string json) => JsonNode.Parse(json)?.ToJsonString() ?? "null";
}
