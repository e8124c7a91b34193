using System.Runtime.CompilerServices;

namespace RewardsBot.Runtime.Cards;

/// <summary>
/// The cards expanded lately (<see cref="CardTemplate.ExpandStrictToAttachment(ReadOnlyMemory{byte}, string, CardExpansionCache?)"/>),
/// by template and the exact JSON of the data: the expansion is a pure function of the two (template functions read
/// nothing else: no clock, no randomness), so the same pair gives the same card text without parsing the data and
/// walking the template again.
/// </summary>
/// <remarks>
/// Most turns send a card, and many send the same one with the same data — the menu, the welcome, a company's
/// eligibility or benefits to each of its people. Expanding cost ~3% of the host's CPU under load. The card text is
/// shared by the attachments made from it: it is never changed (a stamp or an edit makes a new one). Bounded:
/// at most <see cref="CapacityBytes"/> of data and cards; data larger than <see cref="MaxDataBytes"/> is not kept; when
/// full, everything is dropped and fills again.
/// </remarks>
public sealed class CardExpansionCache
{
    /// <summary>Bytes kept by default: a few hundred cards.</summary>
    public const int DefaultCapacityBytes = 512 * 1024;

    /// <summary>Data larger than this (a long list) is expanded every time.</summary>
    internal const int MaxDataBytes = 4096;

    /// <summary>What an entry costs besides its two arrays (dictionary entry, key, array headers).</summary>
    private const int EntryOverheadBytes = 96;

    private readonly Lock _lock = new();
    private readonly Dictionary<Key, byte[]?> _cards = new(KeyComparer.Instance);
    private readonly Dictionary<Key, byte[]?>.AlternateLookup<DataKey> _lookup;
    private long _bytes;
    private long _hits;
    private long _misses;

    /// <param name="capacityBytes">How many bytes of data and cards are kept at most; 0 keeps none.</param>
    public CardExpansionCache(int capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
        _lookup = _cards.GetAlternateLookup<DataKey>();
    }

    public int CapacityBytes { get; }

    /// <summary>Expansions answered here.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Expansions made.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Bytes kept now.</summary>
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

    /// <summary>The card text <paramref name="template"/> gave for <paramref name="data"/> (null: the root was dropped by <c>$when</c>).</summary>
    internal bool TryGet(object template, ReadOnlySpan<byte> data, out byte[]? card)
    {
        lock (_lock)
        {
            if (_lookup.TryGetValue(new DataKey(template, data), out card))
            {
                _hits++;
                return true;
            }

            _misses++;
            return false;
        }
    }

    /// <summary>Keeps what <paramref name="template"/> gave for <paramref name="data"/>; <paramref name="card"/> is never changed afterwards.</summary>
    internal void Keep(object template, ReadOnlySpan<byte> data, byte[]? card)
    {
        var size = data.Length + (card?.Length ?? 0) + EntryOverheadBytes;
        if (data.Length > MaxDataBytes || size > CapacityBytes / 4)
        {
            return;
        }

        lock (_lock)
        {
            if (_lookup.ContainsKey(new DataKey(template, data)))
            {
                return;
            }

            if (_bytes + size > CapacityBytes)
            {
                _cards.Clear();
                _bytes = 0;
            }

            _lookup.TryAdd(new DataKey(template, data), card);
            _bytes += size;
        }
    }

    /// <summary>A kept entry's key: the template (by reference) and the data's JSON.</summary>
    private sealed record Key(object Template, byte[] Data);

    /// <summary>The key of a lookup, over the data's JSON in the caller's buffer.</summary>
    private readonly ref struct DataKey(object template, ReadOnlySpan<byte> data)
    {
        public object Template { get; } = template;

        public ReadOnlySpan<byte> Data { get; } = data;
    }

    private sealed class KeyComparer : IEqualityComparer<Key>, IAlternateEqualityComparer<DataKey, Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key? x, Key? y)
            => ReferenceEquals(x, y) || (x is not null && y is not null && ReferenceEquals(x.Template, y.Template) && x.Data.AsSpan().SequenceEqual(y.Data));

        public int GetHashCode(Key obj) => Hash(obj.Template, obj.Data);

        public bool Equals(DataKey alternate, Key other)
            => ReferenceEquals(alternate.Template, other.Template) && alternate.Data.SequenceEqual(other.Data);

        public int GetHashCode(DataKey alternate) => Hash(alternate.Template, alternate.Data);

        public Key Create(DataKey alternate) => new(alternate.Template, alternate.Data.ToArray());

        private static int Hash(object template, ReadOnlySpan<byte> data)
        {
            var hash = default(HashCode);
            hash.Add(RuntimeHelpers.GetHashCode(template));
            hash.AddBytes(data);
            return hash.ToHashCode();
        }
    }
}
