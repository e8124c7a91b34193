using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.State;

/// <summary>What every store does the same way: documents to and from text, and the eTag rules of <see cref="IStorage"/>.</summary>
internal static class StoredDocument
{
    public const string Wildcard = "*";

    /// <summary>
    /// The item's document as UTF-8 JSON: its own text (shared, never changed) while nobody has asked for its tree;
    /// otherwise the tree written out, since whoever asked may have changed it.
    /// </summary>
    public static byte[] SerializeUtf8(StoreItem item, string key)
    {
        if (item is { HasTree: false, Utf8: { } utf8 })
        {
            return utf8;
        }

        if (item?.Document is null)
        {
            throw new ArgumentException($"The change for key '{key}' has no document. Pass a StoreItem with a JsonObject (an empty one to store nothing).", nameof(item));
        }

        return JsonSerializer.SerializeToUtf8Bytes(item.Document, BotJson.Options);
    }

    public static JsonObject Parse(string json, string key)
        => JsonNode.Parse(json) as JsonObject ?? throw NotAnObject(key);

    public static JsonObject Parse(byte[] utf8, string key)
        => JsonNode.Parse(utf8) as JsonObject ?? throw NotAnObject(key);

    /// <summary>What a reader of a stored document says when it is not a JSON object (or not JSON at all: <paramref name="inner"/>).</summary>
    public static InvalidOperationException NotAnObject(string? key, Exception? inner = null)
        => new($"The stored document for key '{key}' is not a JSON object. Delete the key so it can be written again.", inner);

    /// <summary>The eTag rules of <see cref="IStorage"/>: "*" always, null only to create, otherwise an exact match with an existing document.</summary>
    public static bool ETagAllowsWrite(string? expected, string? stored)
        => expected switch
        {
            Wildcard => true,
            null => stored is null,
            _ => stored is not null && string.Equals(expected, stored, StringComparison.Ordinal),
        };
}
