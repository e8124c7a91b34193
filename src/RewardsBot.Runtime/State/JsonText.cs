using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.State;

/// <summary>
/// A JSON value already written as text, kept in state as that JSON itself (not as a string holding it): it is copied
/// into the state document as it is — no escaping, no second parse — and read back as text.
/// </summary>
/// <remarks>
/// For a large value the bot writes every turn but rarely reads (the last turn's replies). The text is kept as the
/// UTF-8 it is written and stored in; <see cref="Json"/> decodes it when asked. Two texts are equal when their bytes are.
/// </remarks>
[JsonConverter(typeof(JsonTextConverter))]
public sealed record JsonText
{
    private readonly byte[] _utf8;
    private string? _json;

    /// <exception cref="ArgumentException"><paramref name="json"/> is not one JSON value.</exception>
    public JsonText(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Not one JSON value: {ex.Message}", nameof(json), ex);
        }

        _utf8 = Encoding.UTF8.GetBytes(json);
        _json = json;
    }

    private JsonText(byte[] utf8) => _utf8 = utf8;

    /// <summary>The JSON text (one value).</summary>
    public string Json => _json ??= Encoding.UTF8.GetString(_utf8);

    /// <summary>The JSON text as UTF-8.</summary>
    internal ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>The text of <paramref name="value"/> written with the wire settings (<see cref="BotJson"/>).</summary>
    public static JsonText From<T>(T value) => new(BotJson.SerializeToUtf8Bytes(value));

    /// <summary>
    /// The text of <paramref name="activities"/> as a JSON array, written by <see cref="ActivityWriter"/>: the text
    /// <see cref="From{T}"/> gives for them, without the serializer, and with cards carried as text copied as they are.
    /// </summary>
    public static JsonText FromActivities(IEnumerable<Activity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        return new(ActivityWriter.ToJsonArray(activities));
    }

    /// <summary>Text the serializer or a JSON document produced: valid by construction, so not parsed again.</summary>
    internal static JsonText Trusted(string json) => new(Encoding.UTF8.GetBytes(json)) { _json = json };

    /// <summary>UTF-8 that a JSON document or reader produced: valid by construction, so not parsed again. The array is kept.</summary>
    internal static JsonText Trusted(byte[] utf8) => new(utf8);

    public bool Equals(JsonText? other) => other is not null && _utf8.AsSpan().SequenceEqual(other._utf8);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_utf8);
        return hash.ToHashCode();
    }
}

internal sealed class JsonTextConverter : JsonConverter<JsonText>
{
    public override JsonText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Null ? null : JsonText.Trusted(JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray());
    }

    public override void Write(Utf8JsonWriter writer, JsonText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);

        // Every JsonText holds one valid JSON value (checked when made from outside text), so it is copied as it is.
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}
