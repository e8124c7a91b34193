using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Cards;

/// <summary>The value of a missing field or of <c>$index</c> outside a repetition (JS <c>undefined</c>).</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();

    private Undefined()
    {
    }
}

/// <summary>
/// Expression values: <c>null</c>, <see cref="Undefined"/>, <see cref="bool"/>, <see cref="string"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="JsonObject"/> or <see cref="JsonArray"/>.
/// Objects and arrays may belong to the data tree; they are never modified, only copied on output.
/// </summary>
internal static class ExpressionValues
{
    public static object? FromNode(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number when value.TryGetValue<int>(out var i) => (long)i,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        };
    }

    public static JsonNode? ToNode(object? value) => value switch
    {
        null or Undefined => null,
        JsonNode node => node.DeepClone(),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => throw new InvalidOperationException($"Unexpected expression value type {value.GetType()}."),
    };

    /// <summary>AEL truthiness: only false, null and undefined are false (0, "" and [] are true).</summary>
    public static bool IsTruthy(object? value) => value is not (null or Undefined or false);

    public static bool IsNumber(object? value) => value is long or double;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        _ => throw new ExpressionEvaluationException($"{Describe(value)} is not a number"),
    };

    public static bool AreEqual(object? a, object? b)
    {
        if (a is null or Undefined || b is null or Undefined)
        {
            return a is null or Undefined && b is null or Undefined;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return ToDouble(a) == ToDouble(b);
        }

        return (a, b) switch
        {
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (bool x, bool y) => x == y,
            (JsonNode x, JsonNode y) => JsonNode.DeepEquals(x, y),
            _ => false,
        };
    }

    /// <summary>Text form of a value inside an embedded binding or <c>string()</c>.</summary>
    public static string ToText(object? value) => value switch
    {
        null or Undefined => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        JsonNode node => node.ToJsonString(),
        _ => throw new InvalidOperationException($"Unexpected expression value type {value.GetType()}."),
    };

    public static string Describe(object? value) => value switch
    {
        null => "null",
        Undefined => "a missing value",
        string s => $"the string '{s}'",
        JsonArray => "an array",
        JsonObject => "an object",
        _ => ToText(value),
    };
}
