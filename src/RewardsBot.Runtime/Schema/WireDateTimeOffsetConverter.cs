using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RewardsBot.Runtime.Schema;

/// <summary>
/// Writes ISO 8601 the way channels do: UTC as <c>…Z</c> (the protocol's form for <c>timestamp</c>), other offsets
/// as <c>…+01:00</c> (<c>localTimestamp</c>), fractional seconds without trailing zeros.
/// </summary>
public sealed class WireDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";
    private const string OffsetFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        if (reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return value;
        }

        throw new JsonException("Expected an ISO 8601 date-time string.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture)
            : value.ToString(OffsetFormat, CultureInfo.InvariantCulture));
    }
}
