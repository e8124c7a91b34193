using System.Text.Json;
using System.Text.Json.Serialization;

namespace RewardsBot.Runtime.State;

/// <summary>
/// A JSON value already written as text, kept in state as that JSON itself (not as a string holding it): it is copied
/// into the state document as it is — no escaping, no second parse — and read back as text.
/// </summary>
/// <remarks>For a large value the bot writes every turn but rarely reads (the last turn's replies).</remarks>
[JsonConverter(typeof(JsonTextConverter))]
public sealed record JsonText
{
    /// <exception cref="ArgumentException"><paramref name="json"/> is not one JSON value.</exception>
    public JsonText(string json)
        : this(json, trusted: false)
    {
    }

    private JsonText(string json, bool trusted)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        if (!trusted)
        {
            try
            {
                using var _ = JsonDocument.Parse(json);
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"Not one JSON value: {ex.Message}", nameof(json), ex);
            }
        }

        Json = json;
    }

    /// <summary>The JSON text (one value).</summary>
    public string Json { get; }

    /// <summary>The text of <paramref name="value"/> written with the wire settings (<see cref="Schema.BotJson"/>).</summary>
    public static JsonText From<T>(T value) => new(Schema.BotJson.Serialize(value), trusted: true);

    /// <summary>Text the serializer or a JSON document produced: valid by construction, so not parsed again.</summary>
    internal static JsonText Trusted(string json) => new(json, trusted: true);
}

internal sealed class JsonTextConverter : JsonConverter<JsonText>
{
    public override JsonText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Null ? null : JsonText.Trusted(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, JsonText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);

        // Every JsonText holds one valid JSON value (checked when made from outside text), so it is copied as it is.
        writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
