using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>
/// A typed value the runtime keeps in a dialog's <see cref="DialogInstance.State"/> (a prompt's options, a
/// waterfall's collected values), serialized once to UTF-8 JSON when it is set and held as that text in a
/// <see cref="JsonValue"/>. The state document copies the text as it is, and reading the value back is one
/// deserialization: no <see cref="JsonNode"/> tree is built from it, written out and parsed again.
/// </summary>
/// <remarks>
/// The stored form is the value's JSON itself, as a <see cref="JsonNode"/> of it gave: state saved before and after
/// reads the same. After a round trip through storage the value is an ordinary JSON object in the state again;
/// <see cref="Read{T}"/> reads either.
/// </remarks>
[JsonConverter(typeof(SerializedStateValueConverter))]
internal sealed class SerializedStateValue
{
    private static readonly JsonTypeInfo<SerializedStateValue> TypeInfo = (JsonTypeInfo<SerializedStateValue>)BotJson.Options.GetTypeInfo(typeof(SerializedStateValue));

    private SerializedStateValue(byte[] utf8Json) => Utf8Json = utf8Json;

    /// <summary>One JSON value, as UTF-8.</summary>
    public byte[] Utf8Json { get; }

    /// <summary>A node holding <paramref name="value"/> serialized with <paramref name="typeInfo"/>.</summary>
    public static JsonNode Create<T>(T value, JsonTypeInfo<T> typeInfo)
        => JsonValue.Create(new SerializedStateValue(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)), TypeInfo)!;

    /// <summary>A node holding <paramref name="utf8Json"/>, one JSON value the serializer would write for the value (the array is kept).</summary>
    public static JsonNode Create(byte[] utf8Json) => JsonValue.Create(new SerializedStateValue(utf8Json), TypeInfo)!;

    /// <summary>A value already written as one JSON value (UTF-8).</summary>
    internal static SerializedStateValue FromJson(byte[] utf8Json) => new(utf8Json);

    /// <summary>
    /// The value under <paramref name="key"/> in <paramref name="instance"/>'s state as <typeparamref name="T"/>
    /// (default when absent or null): from the stored text while the state is not built, else from the node.
    /// </summary>
    public static T? Read<T>(DialogInstance instance, string key, JsonTypeInfo<T> typeInfo)
    {
        if (instance.TryGetStoredValue(key, out var stored))
        {
            return stored.ValueKind == JsonValueKind.Undefined ? default : stored.Deserialize(typeInfo);
        }

        return instance.State[key] switch
        {
            null => default,
            JsonValue value when value.TryGetValue<SerializedStateValue>(out var serialized) => JsonSerializer.Deserialize(serialized.Utf8Json, typeInfo),
            var node => node.Deserialize(typeInfo),
        };
    }

    /// <summary>The type information of <typeparamref name="T"/> under the state's JSON options (<see cref="BotJson.Options"/>).</summary>
    public static JsonTypeInfo<T> TypeInfoOf<T>() => (JsonTypeInfo<T>)BotJson.Options.GetTypeInfo(typeof(T));
}

internal sealed class SerializedStateValueConverter : JsonConverter<SerializedStateValue>
{
    public override SerializedStateValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => SerializedStateValue.FromJson(JsonMarshal.GetRawUtf8Value(JsonElement.ParseValue(ref reader)).ToArray());

    public override void Write(Utf8JsonWriter writer, SerializedStateValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);

        // Text the serializer wrote as one JSON value: copied as it is.
        writer.WriteRawValue(value.Utf8Json, skipInputValidation: true);
    }
}
