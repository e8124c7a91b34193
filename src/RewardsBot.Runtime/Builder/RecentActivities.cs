namespace RewardsBot.Runtime.Builder;

/// <summary>
/// Remembers the ids of recently completed activities so a channel's re-send of the same activity (Teams re-sends
/// after ~15 s) is not processed twice. Bounded in count and age.
/// </summary>
internal sealed class RecentActivities(TimeProvider timeProvider, int capacity, TimeSpan maxAge)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();

    public bool Contains(string key)
    {
        lock (_seen)
        {
            Trim();
            return _seen.ContainsKey(key);
        }
    }

    public void Add(string key)
    {
        lock (_seen)
        {
            var now = timeProvider.GetUtcNow();
            if (_seen.TryAdd(key, now))
            {
                _order.Enqueue((key, now));
            }

            Trim();
        }
    }

    private void Trim()
    {
        var oldest = timeProvider.GetUtcNow() - maxAge;
        while (_order.Count > 0 && (_order.Count > capacity || _order.Peek().At < oldest))
        {
            _seen.Remove(_order.Dequeue().Key);
        }
    }
}
