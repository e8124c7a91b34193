using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>JSON data model helpers as JSON Schema sees values: kinds, numbers, equality, pointers.</summary>
internal static class JsonValues
{
    public static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
    };

    /// <summary>The value of a JSON number, or null when the node is not one.</summary>
    public static decimal? Number(JsonNode? node)
    {
        if (KindOf(node) != "number")
        {
            return null;
        }

        var text = node!.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // Outside decimal's range: saturate, enough for min/max comparisons.
        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return d > 0 ? decimal.MaxValue : decimal.MinValue;
    }

    /// <summary>JSON Schema's integer: any number without a fractional part (1.0 is an integer).</summary>
    public static bool IsInteger(JsonNode? node) => Number(node) is { } n && n == decimal.Truncate(n);

    public static bool HasType(JsonNode? node, string type) => type switch
    {
        "integer" => IsInteger(node),
        _ => KindOf(node) == type,
    };

    /// <summary>Structural equality; numbers compare by value (1 equals 1.0), object member order is ignored.</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        var kind = KindOf(a);
        if (kind != KindOf(b))
        {
            return false;
        }

        switch (a)
        {
            case null:
                return true;
            case JsonObject oa:
                var ob = (JsonObject)b!;
                return oa.Count == ob.Count
                    && oa.All(p => ob.TryGetPropertyValue(p.Key, out var other) && DeepEquals(p.Value, other));
            case JsonArray aa:
                var ab = (JsonArray)b!;
                return aa.Count == ab.Count && aa.Select((x, i) => DeepEquals(x, ab[i])).All(same => same);
            default:
                return kind switch
                {
                    "number" => Number(a) == Number(b),
                    "string" => a.GetValue<string>() == b!.GetValue<string>(),
                    _ => a.ToJsonString() == b!.ToJsonString(),
                };
        }
    }

    /// <summary>The value as short JSON text for messages.</summary>
    public static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    /// <summary>One JSON pointer reference token (RFC 6901: <c>~</c> as <c>~0</c>, <c>/</c> as <c>~1</c>).</summary>
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    public static string Child(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Child(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);
}
