namespace RewardsBot.Runtime.State;

/// <summary>
/// The state documents <see cref="SqliteStorage"/> last read or wrote, by key — or that a key has no document — so the
/// next turn of a conversation reads its state without going to the file.
/// </summary>
/// <remarks>
/// <para>
/// Why: a turn reads its conversation (and user) state and writes it back at the end; the next turn of that
/// conversation reads exactly what this process wrote. Going to the file for it cost each turn a read transaction,
/// the pages of the document read again (another connection's commit makes SQLite drop a reader's page cache) and the
/// text decoded — about a tenth of the host's work per turn under load.
/// </para>
/// <para>
/// How it stays right: the state writer records each write in commit order, on its own loop (<see cref="Wrote"/>), and
/// forgets a key whose write failed or conflicted (<see cref="Forget"/>); this storage's deletes forget what they
/// delete. A read from the file is kept only if nothing was written, forgotten or emptied since it started
/// (<see cref="Generation"/>), so a slow read never replaces a newer write. A document changed by another process (the
/// file is meant for one host, but a tool may write it) is not seen here: the write of a turn that read it still
/// carries the eTag it read, so it conflicts, the key is forgotten, and the adapter runs the turn again on what the
/// file holds — the same path as two turns of one user at once.
/// </para>
/// <para>
/// Bounded: the documents are kept as UTF-8, at most <see cref="CapacityBytes"/> of them (a key without a document
/// counts as one byte), in two halves: keys are added to the newer half, and a key found in the older half moves to
/// the newer one; when the newer half is full, the older half is dropped and the newer one becomes the older. So the
/// keys in use stay, and those not used while a whole half filled go. Kept small on purpose: a kept document outlives
/// the collector's young generations, and under a stream of new conversations a large cache fills the old generation
/// with documents of finished ones (1,024 documents kept as text cost the host ~55 MB of resident memory after 10,000
/// conversations; 1 MB of UTF-8, 8–25 MB).
/// </para>
/// </remarks>
internal sealed class StateDocumentCache
{
    /// <summary>Bytes kept by default: ~75 conversations' documents of 3–4 KB (mostly the replay copy of the last replies).</summary>
    internal const int DefaultCapacityBytes = 256 * 1024;

    private readonly Lock _lock = new();
    private Dictionary<string, Entry> _newer = new(StringComparer.Ordinal);
    private Dictionary<string, Entry> _older = new(StringComparer.Ordinal);
    private long _generation;
    private long _newerBytes;
    private long _olderBytes;
    private long _hits;
    private long _misses;

    /// <param name="capacityBytes">How many bytes of documents are kept at most; 0 keeps none (every read goes to the file).</param>
    public StateDocumentCache(int capacityBytes = DefaultCapacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public int CapacityBytes { get; }

    /// <summary>How many bytes are kept now (for tests).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _newerBytes + _olderBytes;
            }
        }
    }

    /// <summary>Reads answered here (for tests).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Reads that went to the file (for tests).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>How many keys are known now (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _newer.Count + _older.Count;
            }
        }
    }

    /// <summary>Changes whenever something is written, forgotten or emptied: a read from the file passes the value it saw before it started to <see cref="Read"/>.</summary>
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

    /// <summary>
    /// Every key's document (or its absence) when all of <paramref name="keys"/> are known — kept here, or said to
    /// have no document by <paramref name="certainlyAbsent"/> — added to <paramref name="result"/>; false, with
    /// <paramref name="result"/> unchanged, when one is not.
    /// </summary>
    public bool TryRead(string[] keys, Dictionary<string, StoreItem> result, Func<string, bool>? certainlyAbsent = null)
    {
        lock (_lock)
        {
            var entries = new Entry[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                if (!_newer.TryGetValue(keys[i], out entries[i]!) && !_older.TryGetValue(keys[i], out entries[i]!))
                {
                    if (certainlyAbsent?.Invoke(keys[i]) != true)
                    {
                        _misses++;
                        return false;
                    }

                    entries[i] = Entry.Absent;
                }
            }

            for (var i = 0; i < keys.Length; i++)
            {
                if (entries[i].Utf8 is { } utf8)
                {
                    result[keys[i]] = StoreItem.FromUtf8(utf8, entries[i].ETag, keys[i], entries[i].Slices);
                }
            }

            // Only now: moving one key to the newer half can drop the older half, with another key of this read in it.
            foreach (var key in keys)
            {
                MoveToNewer(key);
            }

            _hits++;
            return true;
        }
    }

    /// <summary>
    /// Keeps what a read from the file found for <paramref name="keys"/> (a key missing from <paramref name="found"/>
    /// has no document), unless something changed since <paramref name="generation"/>; a known key is never replaced.
    /// </summary>
    public void Read(string[] keys, IReadOnlyDictionary<string, StoreItem> found, long generation)
    {
        lock (_lock)
        {
            if (generation != _generation)
            {
                return;
            }

            foreach (var key in keys)
            {
                if (!Knows(key))
                {
                    Add(key, found.TryGetValue(key, out var item) && item.Utf8 is { } utf8 ? new Entry(item.ETag, utf8) : Entry.Absent);
                }
            }
        }
    }

    /// <summary>A committed write: <paramref name="key"/> now holds <paramref name="utf8"/> under <paramref name="eTag"/>. Called in commit order.</summary>
    public void Wrote(string key, string eTag, byte[] utf8, PropertySlice[]? slices = null)
    {
        var entry = new Entry(eTag, utf8, slices);
        lock (_lock)
        {
            _generation++;
            Remove(key);
            Add(key, entry);
        }
    }

    /// <summary>What the file holds for <paramref name="keys"/> is not known here any more (a failed or conflicting write, a delete).</summary>
    public void Forget(IEnumerable<string> keys)
    {
        lock (_lock)
        {
            _generation++;
            foreach (var key in keys)
            {
                Remove(key);
            }
        }
    }

    /// <summary>Forgets every key (after deletes it cannot list).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _generation++;
            _newer.Clear();
            _older.Clear();
            _newerBytes = _olderBytes = 0;
        }
    }

    private bool Knows(string key) => _newer.ContainsKey(key) || _older.ContainsKey(key);

    /// <summary>A key in the older half moves to the newer one (which may drop the older half).</summary>
    private void MoveToNewer(string key)
    {
        if (_older.Remove(key, out var entry))
        {
            _olderBytes -= entry.Size;
            Add(key, entry);
        }
    }

    /// <summary>Adds a key not known yet to the newer half, which becomes the older one first if it is full; a document larger than half the cache is not kept.</summary>
    private void Add(string key, Entry entry)
    {
        var half = CapacityBytes / 2;
        if (entry.Size > half)
        {
            return;
        }

        if (_newerBytes + entry.Size > half)
        {
            // The older half goes: what nobody used while the newer half filled.
            (_older, _newer) = (_newer, _older);
            _newer.Clear();
            _olderBytes = _newerBytes;
            _newerBytes = 0;
        }

        _newer.Add(key, entry);
        _newerBytes += entry.Size;
    }

    private void Remove(string key)
    {
        if (_newer.Remove(key, out var entry))
        {
            _newerBytes -= entry.Size;
        }
        else if (_older.Remove(key, out entry))
        {
            _olderBytes -= entry.Size;
        }
    }

    /// <summary>A document's eTag and UTF-8 text; <see cref="Absent"/> when the key has none.</summary>
    private sealed record Entry(string? ETag, byte[]? Utf8, PropertySlice[]? Slices = null)
    {
        public static readonly Entry Absent = new(null, null);

        public int Size => Utf8?.Length ?? 1;
    }
}
