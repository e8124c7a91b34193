using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace RewardsBot.DirectLine;

/// <summary>
/// The WebSocket of a streamUrl: first the feed after the watermark (paged), then each new activity as it is
/// appended, and an empty frame when idle for <see cref="DirectLineOptions.KeepAliveInterval"/>. What the client sends
/// (DirectLineJS pings with empty frames) is read and ignored. On shutdown the socket is closed with 1001.
/// </summary>
internal sealed partial class DirectLineStream(
    DirectLineConversations conversations,
    DirectLineFeedSignals signals,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DirectLineStream> logger)
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    /// <param name="cancellationToken">Ends the stream (the request's: the connection is gone).</param>
    public async Task RunAsync(WebSocket socket, string conversationId, long watermark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, cancellationToken);
        using var watch = signals.Watch(conversationId);
        var receiving = ReceiveUntilClosedAsync(socket, ended);
        LogOpened(watermark);
        try
        {
            while (!ended.IsCancellationRequested)
            {
                var changed = watch.Changed();
                var page = await conversations.ReadAsync(conversationId, watermark, ended.Token);
                if (page.Count > 0)
                {
                    await socket.SendAsync(ActivitySets.Write(page, watermark), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                    watermark = page[^1].Sequence;
                    continue;
                }

                using var idleEnds = CancellationTokenSource.CreateLinkedTokenSource(ended.Token);
                var idle = Task.Delay(options.Value.KeepAliveInterval, clock, idleEnds.Token);
                var first = await Task.WhenAny(changed, idle);
                await idleEnds.CancelAsync();
                if (first == idle && !ended.IsCancellationRequested)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // The client went away without a close handshake.
        }

        await CloseAsync(socket, receiving);
    }

    private async Task CloseAsync(WebSocket socket, Task receiving)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                var stopping = lifetime.ApplicationStopping.IsCancellationRequested && socket.State == WebSocketState.Open;
                await socket.CloseOutputAsync(
                    stopping ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure,
                    stopping ? "The server is shutting down; reconnect later." : null,
                    CancellationToken.None);
            }

            // Wait for the client's half of the close handshake, but not forever.
            if (await Task.WhenAny(receiving, Task.Delay(CloseHandshakeTimeout, clock)) != receiving)
            {
                socket.Abort();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            socket.Abort();
        }

        await receiving; // Ends at once after an abort; never throws.

        LogClosed(socket.CloseStatus is { } status ? (int)status : 0);
    }

    /// <summary>Reads and drops what the client sends until it closes or the connection fails; then ends the stream.</summary>
    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource ended)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                // Not cancellable on purpose: cancelling a receive aborts the socket, and the close handshake needs it.
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        await ended.CancelAsync();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A Direct Line stream opened after watermark {Watermark}")]
    private partial void LogOpened(long watermark);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A Direct Line stream closed with status {CloseStatus}")]
    private partial void LogClosed(int closeStatus);
}
