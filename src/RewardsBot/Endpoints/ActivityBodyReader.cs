using System.Buffers;
using System.Text.Json;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Endpoints;

/// <summary>Reads an activity from a request body with a size limit, without trusting Content-Length alone.</summary>
internal static class ActivityBodyReader
{
    public enum Outcome { Ok, TooLarge, NotJson, Empty }

    /// <summary>
    /// A body up to this size (every usual activity) is left in the request's own buffers until it is whole, and parsed
    /// there. A larger one is moved to a buffer of ours as it comes, so that the connection never holds back more
    /// than this unread (its buffers have their own limit), and that buffer is allocated for the request: the shared
    /// pool keeps what is returned to it, so a flood of large bodies would otherwise leave many large buffers behind.
    /// </summary>
    private const int InPlaceBytes = 32 * 1024;

    public static async Task<(Outcome Outcome, Activity? Activity, string? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (Outcome.TooLarge, null, null);
        }

        var body = request.BodyReader;
        byte[]? copy = null;
        var copied = 0;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (copied + buffer.Length > maxBytes)
            {
                body.AdvanceTo(buffer.End);
                return (Outcome.TooLarge, null, null);
            }

            if (read.IsCompleted && copy is null)
            {
                try
                {
                    return buffer.IsEmpty ? Empty() : Parse(buffer);
                }
                finally
                {
                    body.AdvanceTo(buffer.End);
                }
            }

            if (copy is not null || buffer.Length > InPlaceBytes)
            {
                // Large: moved to our buffer (sized for the whole body when Content-Length says it) and consumed.
                copy ??= new byte[Math.Min(maxBytes, (int)Math.Max(request.ContentLength ?? 0, 2 * buffer.Length))];
                if (copied + buffer.Length > copy.Length)
                {
                    Array.Resize(ref copy, (int)Math.Min(maxBytes, Math.Max(copy.Length * 2, copied + buffer.Length)));
                }

                buffer.CopyTo(copy.AsSpan(copied));
                copied += (int)buffer.Length;
                body.AdvanceTo(buffer.End);
                if (read.IsCompleted)
                {
                    return Parse(new ReadOnlySequence<byte>(copy, 0, copied));
                }

                continue;
            }

            // Nothing consumed, everything seen: the next read returns this and what came since.
            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static (Outcome, Activity?, string?) Empty() => (Outcome.Empty, null, "The request has no body; POST one activity as JSON.");

    private static (Outcome, Activity?, string?) Parse(ReadOnlySequence<byte> body)
    {
        byte[]? joined = null;
        try
        {
            // The serializer reads one span; a body split across the connection's buffers is joined first.
            ReadOnlySpan<byte> json;
            if (body.IsSingleSegment)
            {
                json = body.FirstSpan;
            }
            else if (body.Length <= InPlaceBytes)
            {
                joined = ArrayPool<byte>.Shared.Rent((int)body.Length);
                body.CopyTo(joined);
                json = joined.AsSpan(0, (int)body.Length);
            }
            else
            {
                json = body.ToArray();
            }

            var activity = JsonSerializer.Deserialize<Activity>(json, BotJson.Options);
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
        finally
        {
            if (joined is not null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }
        }
    }
}
