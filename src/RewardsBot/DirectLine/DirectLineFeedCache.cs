namespace RewardsBot.DirectLine;

/// <summary>
/// What <see cref="SqliteDirectLineStore"/> last wrote or read of each recent conversation: its record (user, locale,
/// last watermark) and the activities its last write appended, so that a Direct Line turn's reads — the conversation
/// looked up by the post and by the stream, the new activities read back by the stream — are answered without going
/// to the file.
/// </summary>
/// <remarks>
/// <para>
/// Why: a Direct Line turn used to read the file three or four times besides its one write, and each read found its
/// pages dropped from its connection's cache by the commits of other connections (the state writer's, other turns'),
/// so read them again from the file: about a tenth of a Direct Line turn's cost.
/// </para>
/// <para>
/// How it stays right: writers of one conversation are serialised by their caller, and the store tells this cache
/// after each commit what it committed (<see cref="Created"/>, <see cref="Appended"/>), and forgets a conversation
/// whose write failed or found it gone (<see cref="Forget"/>); a purge empties everything (<see cref="Clear"/>). A
/// conversation read from the file is kept only if it is not kept already and nothing was forgotten, let go for room,
/// emptied or appended to a conversation not kept here since the read began (<see cref="Generation"/>), so a slow read
/// never replaces a newer write. Activities are kept only as a suffix of the feed: a read after a watermark is answered
/// here only when every activity after it is kept (<see cref="TryRead"/>). The file is meant for one host process: a
/// conversation another process writes to is not seen here until this process's next write to it fails on the
/// sequence the other took, and is forgotten.
/// </para>
/// <para>
/// Bounded, and kept small on purpose (<see cref="CapacityBytes"/>; what is kept outlives the collector's young
/// generations): the least recently used conversations go first, and a conversation keeps only the activities of its
/// last write, which is what its stream reads next.
/// </para>
/// </remarks>
internal sealed class DirectLineFeedCache
{
    /// <summary>Bytes kept by default: ~100 conversations with a turn's activities each (2–3 KB of JSON).</summary>
    internal const int DefaultCapacityBytes = 256 * 1024;

    /// <summary>What a kept conversation costs besides its text: the entry, the record, the list (an estimate).</summary>
    private const int EntryOverheadBytes = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recent = new();
    private long _generation;
    private long _bytes;
    private long _hits;
    private long _misses;

    /// <param name="capacityBytes">How many bytes are kept at most; 0 keeps nothing (every read goes to the file).</param>
    public DirectLineFeedCache(int capacityBytes = DefaultCapacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public int CapacityBytes { get; }

    /// <summary>Reads answered here (for tests).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Reads that went to the file (for tests).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>How many bytes are kept now, by the estimate (for tests).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>How many conversations are kept now (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Changes whenever a read from the file might no longer be current: pass the value seen before reading to <see cref="Loaded"/>.</summary>
    public long Generation
    {
        get
        {
            lock (_lock)
            {
                return _generation;
            }
        }
    }

    /// <summary>The conversation's record, when kept.</summary>
    public bool TryFind(string conversationId, out DirectLineConversation? conversation)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(conversationId, out var node))
            {
                Touch(node);
                conversation = node.Value.Conversation;
                _hits++;
                return true;
            }

            conversation = null;
            _misses++;
            return false;
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> activities after <paramref name="afterSequence"/>, oldest first, when every one of
    /// them is kept (an empty page when none is after it); false when some may be only in the file.
    /// </summary>
    public bool TryRead(string conversationId, long afterSequence, int max, out IReadOnlyList<StoredActivity> page)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(conversationId, out var node) && afterSequence >= node.Value.KeptAfter)
            {
                Touch(node);
                var activities = node.Value.Activities;
                var first = 0;
                while (first < activities.Length && activities[first].Sequence <= afterSequence)
                {
                    first++;
                }

                page = first == activities.Length ? [] : activities.Skip(first).Take(max).ToArray();
                _hits++;
                return true;
            }

            page = [];
            _misses++;
            return false;
        }
    }

    /// <summary>A conversation read from the file: kept unless <see cref="Generation"/> moved since <paramref name="generation"/> or it is kept already.</summary>
    public void Loaded(DirectLineConversation conversation, long generation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        lock (_lock)
        {
            if (generation != _generation || _entries.ContainsKey(conversation.Id))
            {
                return;
            }

            // Nothing of its feed is kept: every activity after its last is (there is none yet).
            Add(new Entry(conversation, [], conversation.LastSequence));
        }
    }

    /// <summary>A conversation this store created, with its first activities, now committed.</summary>
    public void Created(DirectLineConversation conversation, IReadOnlyList<StoredActivity> activities)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activities);
        lock (_lock)
        {
            Remove(conversation.Id);
            Add(new Entry(conversation, [.. activities], KeptAfter: 0));
        }
    }

    /// <summary>
    /// Activities this store appended to a conversation, now committed, with its new last activity time and how many
    /// of the newest activities the file keeps; the conversation keeps only these (and is forgotten when they do not
    /// follow its last one).
    /// </summary>
    public void Appended(string conversationId, IReadOnlyList<StoredActivity> activities, DateTimeOffset lastActiveUtc, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
        ArgumentNullException.ThrowIfNull(activities);
        lock (_lock)
        {
            if (!_entries.TryGetValue(conversationId, out var node))
            {
                // A read of it from the file may have begun before this commit: it must not be kept.
                _generation++;
                return;
            }

            var kept = node.Value;
            // A read from the file that began after the commit may have been kept first: what it saw is skipped.
            var newer = activities.Where(a => a.Sequence > kept.Conversation.LastSequence).ToArray();
            if (newer.Length > 0 && newer[0].Sequence != kept.Conversation.LastSequence + 1)
            {
                Drop(conversationId);
                return;
            }

            var last = newer.Length > 0 ? newer[^1].Sequence : kept.Conversation.LastSequence;
            // The file dropped what is beyond its newest `keep`: so does this.
            var keptNow = newer.Length > keep ? newer[^keep..] : newer;
            Remove(conversationId);
            Add(new Entry(kept.Conversation with { LastActiveUtc = lastActiveUtc, LastSequence = last }, keptNow, KeptAfter: last - keptNow.Length));
        }
    }

    /// <summary>Forgets a conversation (its write failed, or it is gone): its next read goes to the file.</summary>
    public void Forget(string conversationId)
    {
        lock (_lock)
        {
            Drop(conversationId);
        }
    }

    /// <summary>Forgets everything (a purge).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recent.Clear();
            _bytes = 0;
            _generation++;
        }
    }

    private void Touch(LinkedListNode<Entry> node)
    {
        if (node != _recent.First)
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
        }
    }

    private void Add(Entry entry)
    {
        if (entry.Bytes > CapacityBytes)
        {
            _generation++;
            return;
        }

        _entries[entry.Conversation.Id] = _recent.AddFirst(entry);
        _bytes += entry.Bytes;
        while (_bytes > CapacityBytes && _recent.Last is { } oldest)
        {
            // A read of it from the file that began before its last write must not be kept in its place.
            Drop(oldest.Value.Conversation.Id);
        }
    }

    /// <summary>Removes a conversation and moves <see cref="Generation"/>: no read of it from the file begun before is kept.</summary>
    private void Drop(string conversationId)
    {
        Remove(conversationId);
        _generation++;
    }

    private void Remove(string conversationId)
    {
        if (_entries.Remove(conversationId, out var node))
        {
            _recent.Remove(node);
            _bytes -= node.Value.Bytes;
        }
    }

    /// <param name="Activities">The kept activities, in order; every activity of the feed after <paramref name="KeptAfter"/> is among them.</param>
    private sealed record Entry(DirectLineConversation Conversation, StoredActivity[] Activities, long KeptAfter)
    {
        public long Bytes { get; } = EntryOverheadBytes
            + 2L * (Conversation.Id.Length + Conversation.UserId.Length + (Conversation.UserName?.Length ?? 0) + (Conversation.Locale?.Length ?? 0))
            + Activities.Sum(a => 2L * a.Json.Length + 32);
    }
}
