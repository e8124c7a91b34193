using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// Reads a Direct Line WebSocket in the background: each ActivitySet frame, stamped with its arrival time, until the
/// turn that waits for it takes it. The host appends a turn's echo and replies together, so they arrive in one frame.
/// </summary>
internal sealed class DirectLineStreamReader : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<(long Arrived, JsonDocument Set)> _frames = Channel.CreateUnbounded<(long, JsonDocument)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _reading;

    private DirectLineStreamReader(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = Task.Run(ReadFramesAsync);
    }

    public static async Task<DirectLineStreamReader> ConnectAsync(Uri streamUrl, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(streamUrl, cancellationToken);
            return new DirectLineStreamReader(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The bot's replies to the activity <paramref name="replyToId"/> (null: the replies opening the conversation),
    /// timed from <paramref name="started"/> to the arrival of their frame.
    /// </summary>
    public async Task<TurnResult> ReadRepliesAsync(string? replyToId, long started, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var (arrived, set) = await _frames.Reader.ReadAsync(wait.Token);
                using (set)
                {
                    // The bot's replies to the turn, gathered as an expectReplies body: {"activities":[...]}.
                    var answer = new ArrayBufferWriter<byte>(JsonMarshal.GetRawUtf8Value(set.RootElement).Length + 32);
                    answer.Write("{\"activities\":["u8);
                    var found = false;
                    var first = true;
                    foreach (var activity in set.RootElement.GetProperty("activities").EnumerateArray())
                    {
                        var id = activity.TryGetProperty("id", out var i) ? i.GetString() : null;
                        var inReplyTo = activity.TryGetProperty("replyToId", out var r) ? r.GetString() : null;
                        var fromBot = activity.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) && role.ValueEquals("bot");
                        found |= replyToId is null ? fromBot : id == replyToId;
                        if (fromBot && inReplyTo == replyToId)
                        {
                            answer.Write(first ? ""u8 : ","u8);
                            answer.Write(JsonMarshal.GetRawUtf8Value(activity));
                            first = false;
                        }
                    }

                    if (found)
                    {
                        answer.Write("]}"u8);
                        var pooled = ArrayPool<byte>.Shared.Rent(Replies.BufferFor(answer.WrittenCount));
                        answer.WrittenSpan.CopyTo(pooled);
                        var replies = Replies.Adopt(pooled, answer.WrittenCount)!; // always has its activities array
                        return new TurnResult(replies, Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds, null);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "no reply on the WebSocket");
        }
        catch (ChannelClosedException)
        {
            return TurnResult.Failed(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "WebSocket closed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            _socket.Abort();
        }

        await _reading;
        _socket.Dispose();
        while (_frames.Reader.TryRead(out var left))
        {
            left.Set.Dispose();
        }
    }

    private async Task ReadFramesAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                buffer.Advance(result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var arrived = Stopwatch.GetTimestamp();
                if (buffer.WrittenCount > 0) // empty frames are keep-alives
                {
                    _frames.Writer.TryWrite((arrived, JsonDocument.Parse(buffer.WrittenMemory)));
                }

                buffer.ResetWrittenCount();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException or JsonException)
        {
            // The socket went away; waiting turns see the channel closed.
        }

        _frames.Writer.TryComplete();
    }
}
