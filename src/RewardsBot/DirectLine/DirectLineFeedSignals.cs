using System.Collections.Concurrent;

namespace RewardsBot.DirectLine;

/// <summary>
/// Wakes the WebSocket streams of a conversation when its feed grows. A stream takes <see cref="Changed"/> before it
/// reads the feed, so an append between its read and its wait is never missed.
/// </summary>
internal sealed class DirectLineFeedSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>Completes at the next <see cref="Notify"/> of the conversation.</summary>
    public Task Changed(string conversationId)
        => _waiting.GetOrAdd(conversationId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string conversationId)
    {
        if (_waiting.TryRemove(conversationId, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
