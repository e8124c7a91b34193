using System.Buffers;
using System.Text.Json;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Endpoints;

/// <summary>Reads an activity from a request body with a size limit, without trusting Content-Length alone.</summary>
internal static class ActivityBodyReader
{
    public enum Outcome { Ok, TooLarge, NotJson, Empty }

    public static async Task<(Outcome Outcome, Activity? Activity, string? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (Outcome.TooLarge, null, null);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        return (Outcome.TooLarge, null, null);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    return (Outcome.TooLarge, null, null);
                }
            }

            if (length == 0)
            {
                return (Outcome.Empty, null, "The request has no body; POST one activity as JSON.");
            }

            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (Outcome, Activity?, string?) Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
            return activity is null
                ? (Outcome.NotJson, null, "The body is JSON null, not an activity object.")
                : (Outcome.Ok, activity, null);
        }
        catch (JsonException ex)
        {
            // Position only: the message of a JsonException may quote the input.
            return (Outcome.NotJson, null, $"The body is not a valid JSON activity (at {ex.Path ?? "$"}, line {ex.LineNumber}, byte {ex.BytePositionInLine}).");
        }
        catch (InvalidOperationException)
        {
            return (Outcome.NotJson, null, "The body is not a valid JSON activity.");
        }
    }
}
