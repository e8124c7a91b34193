using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Cards;

/// <summary>The parsed, immutable form of a template: shared by every expansion, on any thread.</summary>
internal abstract record TemplateNode(string JsonPath);

/// <summary>A number, boolean, null or binding-free value, kept as JSON text and re-created per expansion.</summary>
internal sealed record LiteralNode(string Json, string JsonPath) : TemplateNode(JsonPath)
{
    // Parsed once: a plain string is kept as text, any other literal as an immutable element, so each expansion
    // makes its node without parsing JSON again (JsonElement is safe to share between threads; a JsonNode is not).
    private readonly object? _value = Prepare(Json);

    public JsonNode? Create() => _value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        JsonElement element => JsonValue.Create(element),
        _ => throw new InvalidOperationException("Unexpected literal."),
    };

    private static object? Prepare(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => root.GetString(),
            _ => root.Clone(),
        };
    }
}

internal sealed record StringNode(TemplateString Value) : TemplateNode(Value.JsonPath);

internal sealed record ArrayNode(IReadOnlyList<TemplateNode> Items, string JsonPath) : TemplateNode(JsonPath);

/// <summary>An object; <c>$data</c> and <c>$when</c> are taken out of its properties (reference 1.3-1.5).</summary>
internal sealed record ObjectNode(
    IReadOnlyList<KeyValuePair<string, TemplateNode>> Properties, TemplateNode? Data, TemplateString? When, bool HasWhen, string JsonPath)
    : TemplateNode(JsonPath);

internal static class TemplateCompiler
{
    private static readonly HashSet<string> RemovedKeys = new(StringComparer.Ordinal)
    {
        "$root", "$index", "$host", "$_acTemplateVersion",
    };

    public static TemplateNode Compile(JsonNode? node, string path) => node switch
    {
        JsonObject obj => CompileObject(obj, path),
        JsonArray array => new ArrayNode(array.Select((item, i) => Compile(item, $"{path}[{i}]")).ToArray(), path),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => CompileString(value.GetValue<string>(), path),
        _ => new LiteralNode(node?.ToJsonString() ?? "null", path),
    };

    private static TemplateNode CompileString(string value, string path)
    {
        var parsed = TemplateString.Parse(value, path);
        if (parsed.HasBindings)
        {
            return new StringNode(parsed);
        }

        var text = string.Concat(parsed.Parts.Cast<TextPart>().Select(p => p.Text));
        return new LiteralNode(JsonValue.Create(text).ToJsonString(), path);
    }

    private static ObjectNode CompileObject(JsonObject obj, string path)
    {
        var properties = new List<KeyValuePair<string, TemplateNode>>();
        TemplateNode? data = null;
        TemplateString? when = null;
        var hasWhen = false;
        foreach (var (key, value) in obj)
        {
            var childPath = AppendKey(path, key);
            switch (key)
            {
                case "$data":
                    data = Compile(value, childPath);
                    break;
                case "$when":
                    hasWhen = true;
                    when = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? TemplateString.Parse(v.GetValue<string>(), childPath)
                        : null;
                    break;
                default:
                    if (!RemovedKeys.Contains(key))
                    {
                        properties.Add(new(key, Compile(value, childPath)));
                    }

                    break;
            }
        }

        return new ObjectNode(properties, data, when?.WholeBinding is null ? null : when, hasWhen, path);
    }

    private static string AppendKey(string path, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? $"{path}.{key}"
            : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
