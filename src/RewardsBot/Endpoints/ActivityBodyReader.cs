using System.Buffers;
using System.Text.Json;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Endpoints;

/// <summary>Reads an activity from a request body with a size limit, without trusting Content-Length alone.</summary>
internal static class ActivityBodyReader
{
    public enum Outcome { Ok, TooLarge, NotJson, Empty }

    /// <summary>
    /// Buffers up to this size come from the shared pool (every usual activity fits). Larger ones are allocated for the
    /// request and collected after it: the shared pool keeps what is returned to it per thread, so a flood of large
    /// bodies would otherwise leave many large buffers behind.
    /// </summary>
    private const int PooledBytes = 32 * 1024;

    public static async Task<(Outcome Outcome, Activity? Activity, string? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (Outcome.TooLarge, null, null);
        }

        var buffer = Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
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

                    var larger = Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Return(buffer);
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
            Return(buffer);
        }
    }

    private static byte[] Rent(int length) => length <= PooledBytes ? ArrayPool<byte>.Shared.Rent(length) : new byte[length];

    private static void Return(byte[] buffer)
    {
        if (buffer.Length <= PooledBytes)
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
