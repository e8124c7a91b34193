using System.Buffers;
using System.Text.Json;

namespace RewardsBot.DirectLine;

/// <summary>
/// Writes an ActivitySet <c>{ "activities": [...], "watermark": "n" }</c> from stored JSON as it is. The watermark is
/// always a non-empty string: DirectLineJS keeps only a truthy one.
/// </summary>
internal static class ActivitySets
{
    public static byte[] Write(IReadOnlyList<StoredActivity> activities, long watermark)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var activity in activities)
            {
                writer.WriteRawValue(activity.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("watermark", DirectLineIds.Watermark(activities.Count > 0 ? activities[^1].Sequence : watermark));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
