using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RewardsBot.Runtime.State;

/// <summary>
/// Which keys certainly have no document in the state file: a Bloom filter of every key the file held when it was
/// scanned, and of every key this process has written since, so the first turn of a new conversation learns that it
/// has no state without a read from the file.
/// </summary>
/// <remarks>
/// <para>
/// Why: under a stream of new conversations, about a third of a busy host's state reads were a conversation's first
/// turn looking for documents that do not exist yet — each a read transaction, and the index pages read again from the
/// file (another connection's commit makes SQLite drop a reader's page cache). They cost ~5% of the host's CPU.
/// </para>
/// <para>
/// How it stays right: a Bloom filter never forgets a key it was given, so it never calls a key absent that this
/// process wrote or that the file held when scanned; it only sometimes calls a key "maybe present" that is not (about
/// 1% of absent keys: those are read from the file, as before). Keys are added before their write is queued, so a read
/// that starts after a write never hears that its key is absent. A scan reads one snapshot of the file, begun after the
/// scan did: a write that had ended before is in it; the keys being written when the scan began, and those written
/// during it, are added to what it read. Deleted keys stay in the filter (a read from the file
/// then finds nothing). A key another process creates after the scan is the one case the filter calls absent wrongly:
/// the turn then runs as for a new conversation and writes its document expecting none, which conflicts with the
/// other process's document — and the key, added by that write, is read from the file when the adapter runs the turn
/// again: the same path as any change made by another process (<see cref="StateDocumentCache"/>).
/// </para>
/// <para>
/// Until the scan has finished, and after a failed one, it answers nothing (every read goes to the file). Bounded: it
/// grows in segments (each twice the size of the one before, 10 bits a key of its capacity) up to
/// <see cref="DefaultMaxKeys"/> keys (10–20 MB of segments); past that, the file is scanned again, which also forgets
/// the keys retention deleted. A file holding more keys than that gets no filter (tried again every minute).
/// </para>
/// </remarks>
internal sealed class StateKeyFilter
{
    /// <summary>Keys a filter holds at most before it is rebuilt from a new scan of the file.</summary>
    internal const long DefaultMaxKeys = 8L * 1024 * 1024;

    /// <summary>Keys the first segment holds at least.</summary>
    internal const int MinimumSegmentKeys = 4096;

    /// <summary>Bits per key and probes per key: about 0.8% of absent keys are called "maybe present".</summary>
    private const int BitsPerKey = 10;
    private const int Probes = 7;

    private readonly Lock _lock = new();
    private readonly long _maxKeys;

    /// <summary>The keys whose write has begun and not ended, with how many such writes each has.</summary>
    private readonly Dictionary<string, int> _writing = new(StringComparer.Ordinal);
    private Filter? _filter;

    /// <summary>
    /// While a scan is under way: the keys written since it began, and those being written when it began — their
    /// writes may commit after the scan's snapshot, so they are added to what the scan read.
    /// </summary>
    private List<string>? _pending;
    private bool _scanning;

    /// <param name="maxKeys">Keys held at most before a rebuild (tests use a small number).</param>
    public StateKeyFilter(long maxKeys = DefaultMaxKeys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeys, MinimumSegmentKeys);
        _maxKeys = maxKeys;
    }

    /// <summary>Whether the filter answers (a scan has finished and no rebuild is due).</summary>
    public bool IsReady
    {
        get
        {
            lock (_lock)
            {
                return _filter is not null;
            }
        }
    }

    /// <summary>How many keys the filter holds (for tests); 0 when not ready.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _filter?.Count ?? 0;
            }
        }
    }

    /// <summary>True when <paramref name="key"/> certainly has no document; false when it may have one, or the filter is not ready.</summary>
    public bool IsCertainlyAbsent(string key)
    {
        var (h1, h2) = Hash(key);
        lock (_lock)
        {
            return _filter is { } filter && !filter.MayContain(h1, h2);
        }
    }

    /// <summary>A write of <paramref name="key"/> begins: call it before the write is queued, and <see cref="EndWrite"/> once it has ended.</summary>
    /// <returns>True when the filter is full and a new scan should rebuild it (<see cref="BeginScan"/>).</returns>
    public bool BeginWrite(string key)
    {
        var (h1, h2) = Hash(key);
        lock (_lock)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_writing, key, out _)++;
            _pending?.Add(key);
            if (_filter is not { } filter)
            {
                return false;
            }

            filter.Add(h1, h2);
            if (filter.Count < _maxKeys)
            {
                return false;
            }

            // Full: stop answering until a scan has built a new one (the keys retention deleted are forgotten then).
            _filter = null;
            return !_scanning;
        }
    }

    /// <summary>The write of <paramref name="key"/> <see cref="BeginWrite"/> announced has ended (committed, conflicted or failed).</summary>
    public void EndWrite(string key)
    {
        lock (_lock)
        {
            ref var writes = ref CollectionsMarshal.GetValueRefOrNullRef(_writing, key);
            if (Unsafe.IsNullRef(ref writes))
            {
                return;
            }

            if (--writes == 0)
            {
                _writing.Remove(key);
            }
        }
    }

    /// <summary>Starts a scan of the file's keys; false when one is under way already.</summary>
    public bool BeginScan()
    {
        lock (_lock)
        {
            if (_scanning)
            {
                return false;
            }

            _scanning = true;
            _pending = [.. _writing.Keys];
            return true;
        }
    }

    /// <summary>What a scan fills with the file's keys, sized for <paramref name="keysInFile"/> of them.</summary>
    public static ScanResult CreateScanResult(long keysInFile) => new(new Filter(Math.Max(MinimumSegmentKeys, 2 * keysInFile)));

    /// <summary>
    /// Ends a scan: the keys <paramref name="scanned"/> holds (every key of one snapshot of the file, begun after
    /// <see cref="BeginScan"/>) and the keys written recently become the filter; null (the scan failed) leaves the
    /// filter not ready.
    /// </summary>
    /// <returns>Whether the filter answers now (false also when the file holds more keys than the filter may).</returns>
    public bool EndScan(ScanResult? scanned)
    {
        lock (_lock)
        {
            if (scanned?.Filter is { } built && _pending is { } pending)
            {
                foreach (var key in pending)
                {
                    var (h1, h2) = Hash(key);
                    built.Add(h1, h2);
                }

                if (built.Count < _maxKeys)
                {
                    _filter = built;
                }
            }

            _pending = null;
            _scanning = false;
            return _filter is not null;
        }
    }

    /// <summary>Two 32-bit hashes of the key (FNV-1a over its UTF-16 code units, mixed), for double hashing.</summary>
    private static (uint H1, uint H2) Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // Spreads every input bit over the whole word (the finaliser of MurmurHash3).
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return ((uint)hash, (uint)(hash >> 32) | 1);
    }

    /// <summary>The keys a scan read, not yet answering anything (see <see cref="EndScan"/>).</summary>
    internal sealed class ScanResult
    {
        internal ScanResult(Filter filter) => Filter = filter;

        internal Filter Filter { get; }

        public void Add(string key)
        {
            var (h1, h2) = Hash(key);
            Filter.Add(h1, h2);
        }
    }

    /// <summary>Segments of growing size; a key is in the filter if one segment may hold it.</summary>
    internal sealed class Filter(long firstSegmentKeys)
    {
        private readonly List<Segment> _segments = [new Segment(firstSegmentKeys)];

        public long Count { get; private set; }

        public bool MayContain(uint h1, uint h2)
        {
            foreach (var segment in _segments)
            {
                if (segment.MayContain(h1, h2))
                {
                    return true;
                }
            }

            return false;
        }

        public void Add(uint h1, uint h2)
        {
            var last = _segments[^1];
            if (last.Count >= last.Capacity)
            {
                last = new Segment(last.Capacity * 2);
                _segments.Add(last);
            }

            last.Add(h1, h2);
            Count++;
        }
    }

    private sealed class Segment
    {
        private readonly ulong[] _bits;
        private readonly ulong _bitCount;

        public Segment(long capacity)
        {
            Capacity = capacity;
            _bitCount = (ulong)(capacity * BitsPerKey);
            _bits = new ulong[(_bitCount + 63) / 64];
        }

        public long Capacity { get; }

        public long Count { get; private set; }

        public bool MayContain(uint h1, uint h2)
        {
            for (var i = 0u; i < Probes; i++)
            {
                var bit = Probe(h1, h2, i);
                if ((_bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
                {
                    return false;
                }
            }

            return true;
        }

        public void Add(uint h1, uint h2)
        {
            for (var i = 0u; i < Probes; i++)
            {
                var bit = Probe(h1, h2, i);
                _bits[bit >> 6] |= 1UL << (int)(bit & 63);
            }

            Count++;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong Probe(uint h1, uint h2, uint i) => (h1 + ((ulong)i * h2)) % _bitCount;
    }
}
