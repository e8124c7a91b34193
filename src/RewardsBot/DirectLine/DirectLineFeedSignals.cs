namespace RewardsBot.DirectLine;

/// <summary>
/// Wakes the WebSocket streams of a conversation when its feed grows. A stream watches its conversation while it is
/// open and takes <see cref="FeedWatch.Changed"/> before it reads the feed, so an append between its read and its
/// wait is never missed. A conversation's entry lives while a stream watches it, so streams that come and go leave
/// nothing behind.
/// </summary>
internal sealed class DirectLineFeedSignals
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Conversations watched by at least one open stream (for tests and diagnostics).</summary>
    public int Watched
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Starts watching the conversation; dispose when the stream ends.</summary>
    public FeedWatch Watch(string conversationId)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(conversationId, out var entry))
            {
                entry = new Entry();
                _entries.Add(conversationId, entry);
            }

            entry.Watchers++;
            return new FeedWatch(this, conversationId, entry);
        }
    }

    public void Notify(string conversationId)
    {
        TaskCompletionSource signal;
        lock (_entries)
        {
            if (!_entries.TryGetValue(conversationId, out var entry))
            {
                return;
            }

            signal = entry.Signal;
            entry.Signal = NewSignal();
        }

        signal.TrySetResult();
    }

    private Task Changed(Entry entry)
    {
        lock (_entries)
        {
            return entry.Signal.Task;
        }
    }

    private void Unwatch(string conversationId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Watchers == 0)
            {
                _entries.Remove(conversationId);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal sealed class Entry
    {
        public TaskCompletionSource Signal { get; set; } = NewSignal();

        public int Watchers { get; set; }
    }

    /// <summary>One stream's watch of a conversation.</summary>
    internal sealed class FeedWatch(DirectLineFeedSignals owner, string conversationId, Entry entry) : IDisposable
    {
        private int _disposed;

        /// <summary>Completes at the next <see cref="Notify"/> of the conversation.</summary>
        public Task Changed() => owner.Changed(entry);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unwatch(conversationId, entry);
            }
        }
    }
}
