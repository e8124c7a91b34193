using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Cards;

/// <summary>The parsed, immutable form of a template: shared by every expansion, on any thread.</summary>
internal abstract record TemplateNode(string JsonPath);

/// <summary>
/// A part of the template without bindings: a number, boolean, null or plain string, or a whole object or array with
/// no binding, <c>$data</c> or <c>$when</c> inside. Kept as the compact UTF-8 JSON it expands to, copied as is.
/// </summary>
internal sealed record LiteralNode(byte[] Utf8, string JsonPath) : TemplateNode(JsonPath)
{
    /// <summary>The value as an expression sees it (an inline <c>$data</c>); expansions copy <see cref="Utf8"/> instead.</summary>
    public object? Evaluate()
    {
        var reader = new Utf8JsonReader(Utf8);
        return ExpressionValues.FromElement(JsonElement.ParseValue(ref reader));
    }
}

internal sealed record StringNode(TemplateString Value) : TemplateNode(Value.JsonPath);

/// <summary>An array; its items (and an object's properties) are arrays so that expansions walk them without enumerators.</summary>
internal sealed record ArrayNode(TemplateNode[] Items, string JsonPath) : TemplateNode(JsonPath);

/// <summary>An object; <c>$data</c> and <c>$when</c> are taken out of its properties (reference 1.3-1.5).</summary>
internal sealed record ObjectNode(
    KeyValuePair<JsonEncodedText, TemplateNode>[] Properties, TemplateNode? Data, TemplateString? When, bool HasWhen, string JsonPath)
    : TemplateNode(JsonPath);

internal static class TemplateCompiler
{
    private static readonly HashSet<string> RemovedKeys = new(StringComparer.Ordinal)
    {
        "$root", "$index", "$host", "$_acTemplateVersion",
    };

    public static TemplateNode Compile(JsonNode? node, string path) => node switch
    {
        JsonObject obj => Fold(CompileObject(obj, path)),
        JsonArray array => Fold(new ArrayNode(array.Select((item, i) => Compile(item, $"{path}[{i}]")).ToArray(), path)),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => CompileString(value.GetValue<string>(), path),
        null => Literal(path, writer => writer.WriteNullValue()),
        _ => Literal(path, writer => node.WriteTo(writer)),
    };

    /// <summary>The plain string <c>type</c> of a root object that is never dropped nor repeated; null otherwise.</summary>
    public static string? FixedRootType(TemplateNode root)
    {
        var type = root switch
        {
            ObjectNode { Data: null, HasWhen: false } obj => obj.Properties.LastOrDefault(p => p.Key.Value == "type").Value as LiteralNode,
            LiteralNode literal => literal,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        var reader = new Utf8JsonReader(type.Utf8);
        var value = JsonElement.ParseValue(ref reader);
        return root is LiteralNode
            ? value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var inner) && inner.ValueKind == JsonValueKind.String ? inner.GetString() : null
            : value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static TemplateNode CompileString(string value, string path)
    {
        var parsed = TemplateString.Parse(value, path);
        if (parsed.HasBindings)
        {
            return new StringNode(parsed);
        }

        var text = parsed.Text;
        return Literal(path, writer => writer.WriteStringValue(text));
    }

    /// <summary>An object or array whose every part is literal (and that has no $data or $when) becomes one literal.</summary>
    public static TemplateNode Fold(TemplateNode node) => node switch
    {
        ObjectNode { Data: null, HasWhen: false } obj when obj.Properties.All(p => p.Value is LiteralNode) => Literal(obj.JsonPath, writer =>
        {
            writer.WriteStartObject();
            foreach (var (name, value) in obj.Properties)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(((LiteralNode)value).Utf8, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }),
        ArrayNode array when array.Items.All(i => i is LiteralNode) => Literal(array.JsonPath, writer =>
        {
            writer.WriteStartArray();
            foreach (var item in array.Items)
            {
                writer.WriteRawValue(((LiteralNode)item).Utf8, skipInputValidation: true);
            }

            writer.WriteEndArray();
        }),
        _ => node,
    };

    public static LiteralNode Literal(string path, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CardTemplate.WriterOptions))
        {
            write(writer);
        }

        return new LiteralNode(buffer.WrittenSpan.ToArray(), path);
    }

    private static ObjectNode CompileObject(JsonObject obj, string path)
    {
        var properties = new List<KeyValuePair<JsonEncodedText, TemplateNode>>();
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
                        properties.Add(new(JsonEncodedText.Encode(key, CardTemplate.WriterOptions.Encoder), Compile(value, childPath)));
                    }

                    break;
            }
        }

        return new ObjectNode([.. properties], data, when?.WholeBinding is null ? null : when, hasWhen, path);
    }

    private static string AppendKey(string path, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? $"{path}.{key}"
            : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
