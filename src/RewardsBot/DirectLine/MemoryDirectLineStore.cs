namespace RewardsBot.DirectLine;

/// <summary>Direct Line conversations in the process only (<c>Bot:Storage=Memory</c>): lost at exit.</summary>
internal sealed class MemoryDirectLineStore : IDirectLineStore
{
    private readonly Dictionary<string, Entry> _conversations = new(StringComparer.Ordinal);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DirectLineConversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_conversations)
        {
            return Task.FromResult(_conversations.TryGetValue(conversationId, out var entry) ? entry.Conversation : null);
        }
    }

    public Task<bool> CreateConversationAsync(DirectLineConversation conversation, IReadOnlyList<StoredActivity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activities);
        lock (_conversations)
        {
            if (_conversations.ContainsKey(conversation.Id))
            {
                return Task.FromResult(false);
            }

            var entry = new Entry(conversation with { LastSequence = 0 });
            _conversations.Add(conversation.Id, entry);
            entry.Append(activities, conversation.LastActiveUtc, int.MaxValue);
            return Task.FromResult(true);
        }
    }

    public Task<bool> AppendAsync(string conversationId, IReadOnlyList<StoredActivity> activities, DateTimeOffset lastActiveUtc, int keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        lock (_conversations)
        {
            if (!_conversations.TryGetValue(conversationId, out var entry))
            {
                return Task.FromResult(false);
            }

            entry.Append(activities, lastActiveUtc, keep);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<StoredActivity>> ReadAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken)
    {
        lock (_conversations)
        {
            IReadOnlyList<StoredActivity> page = _conversations.TryGetValue(conversationId, out var entry)
                ? [.. entry.Activities.Where(a => a.Activity.Sequence > afterSequence).Take(max).Select(a => a.Activity)]
                : [];
            return Task.FromResult(page);
        }
    }

    public Task<int> PurgeAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        lock (_conversations)
        {
            var expired = _conversations.Values.Where(e => e.Conversation.LastActiveUtc < cutoffUtc).Select(e => e.Conversation.Id).ToList();
            foreach (var id in expired)
            {
                _conversations.Remove(id);
            }

            foreach (var entry in _conversations.Values)
            {
                entry.Activities.RemoveAll(a => a.StoredUtc < cutoffUtc);
            }

            return Task.FromResult(expired.Count);
        }
    }

    private sealed class Entry(DirectLineConversation conversation)
    {
        public DirectLineConversation Conversation { get; private set; } = conversation;

        public List<(StoredActivity Activity, DateTimeOffset StoredUtc)> Activities { get; } = [];

        public void Append(IReadOnlyList<StoredActivity> activities, DateTimeOffset at, int keep)
        {
            Activities.AddRange(activities.Select(a => (a, at)));
            var last = activities.Count > 0 ? Math.Max(Conversation.LastSequence, activities[^1].Sequence) : Conversation.LastSequence;
            Conversation = Conversation with { LastActiveUtc = at, LastSequence = last };
            if (Activities.Count > keep)
            {
                Activities.RemoveRange(0, Activities.Count - keep);
            }
        }
    }
}
