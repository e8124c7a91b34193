using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.State;

/// <summary>What every store does the same way: documents to and from text, and the eTag rules of <see cref="IStorage"/>.</summary>
internal static class StoredDocument
{
    public const string Wildcard = "*";

    public static string Serialize(StoreItem item, string key)
    {
        if (item?.Json is { } json)
        {
            return json;
        }

        if (item?.Document is null)
        {
            throw new ArgumentException($"The change for key '{key}' has no document. Pass a StoreItem with a JsonObject (an empty one to store nothing).", nameof(item));
        }

        return item.Document.ToJsonString(BotJson.Options);
    }

    public static JsonObject Parse(string json, string key)
        => JsonNode.Parse(json) as JsonObject
            ?? throw new InvalidOperationException($"The stored document for key '{key}' is not a JSON object. Delete the key so it can be written again.");

    /// <summary>The eTag rules of <see cref="IStorage"/>: "*" always, null only to create, otherwise an exact match with an existing document.</summary>
    public static bool ETagAllowsWrite(string? expected, string? stored)
        => expected switch
        {
            Wildcard => true,
            null => stored is null,
            _ => stored is not null && string.Equals(expected, stored, StringComparison.Ordinal),
        };
}
