using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Testing;

/// <summary>Reading Adaptive Cards in tests.</summary>
public static class CardNodes
{
    /// <summary>Every object of the tree, depth first, each before its children (elements, actions, inputs, facts…).</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Objects).Prepend(obj),
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };
}
