using System.Buffers;
using System.Globalization;
using System.Text.Json;

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
/// <see cref="long"/>, <see cref="double"/>, or a <see cref="JsonElement"/> holding an object or an array.
/// Objects and arrays are read where they are (the data, or a value an expression made); never modified.
/// </summary>
internal static class ExpressionValues
{
    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>The value of a JSON element: primitives become .NET values; objects and arrays stay elements.</summary>
    public static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Object or JsonValueKind.Array => element,
        _ => null,
    };

    /// <summary>A boxed boolean without allocating.</summary>
    public static object Box(bool value) => value ? True : False;

    public static bool IsArray(object? value, out JsonElement array)
    {
        if (value is JsonElement { ValueKind: JsonValueKind.Array } element)
        {
            array = element;
            return true;
        }

        array = default;
        return false;
    }

    public static bool IsObject(object? value, out JsonElement obj)
    {
        if (value is JsonElement { ValueKind: JsonValueKind.Object } element)
        {
            obj = element;
            return true;
        }

        obj = default;
        return false;
    }

    /// <summary>Writes a value as JSON (null and undefined as null).</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or Undefined:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            default:
                throw new InvalidOperationException($"Unexpected expression value type {value.GetType()}.");
        }
    }

    /// <summary>A new array of <paramref name="items"/> (an expression's result, e.g. <c>createArray</c>).</summary>
    public static JsonElement CreateArray(IEnumerable<object?> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CardTemplate.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                if (item is double d && !double.IsFinite(d))
                {
                    throw new ExpressionEvaluationException($"{d} cannot be put in an array");
                }

                Write(writer, item);
            }

            writer.WriteEndArray();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

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
            (JsonElement x, JsonElement y) => JsonElement.DeepEquals(x, y),
            _ => false,
        };
    }

    /// <summary>Text form of a value inside an embedded binding or <c>string()</c>: objects and arrays as compact JSON.</summary>
    public static string ToText(object? value) => value switch
    {
        null or Undefined => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        JsonElement element => JsonSerializer.Serialize(element),
        _ => throw new InvalidOperationException($"Unexpected expression value type {value.GetType()}."),
    };

    public static string Describe(object? value) => value switch
    {
        null => "null",
        Undefined => "a missing value",
        string s => $"the string '{s}'",
        JsonElement { ValueKind: JsonValueKind.Array } => "an array",
        JsonElement => "an object",
        _ => ToText(value),
    };
}
