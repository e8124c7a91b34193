using System.Globalization;

namespace RewardsBot.Runtime.State;

/// <summary>
/// An in-process <see cref="IStorage"/> for tests and single-instance development. Documents are kept as JSON text (UTF-8),
/// so what a caller does with its objects after a write never reaches the store, and every read returns a new copy.
/// </summary>
/// <remarks>
/// eTags come from one counter for the whole store, so a key that is deleted and created again never gets back an
/// eTag it had before. Thread-safe; a write of several keys is checked in full before anything is written.
/// </remarks>
public sealed class MemoryStorage : IStorage, IStorageHealthCheck, IStorageRetention
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private long _lastETag;

    /// <param name="timeProvider">The clock for each document's time of last write (see <see cref="DeleteWrittenBeforeAsync"/>); <see cref="TimeProvider.System"/> when null.</param>
    public MemoryStorage(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        StorageKeys.ValidateAll(keys);
        cancellationToken.ThrowIfCancellationRequested();

        var found = new List<KeyValuePair<string, Entry>>(keys.Count);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_entries.TryGetValue(key, out var entry))
                {
                    found.Add(new(key, entry));
                }
            }
        }

        // Parsing happens outside the lock: entries are immutable text, shared with the items read (nobody changes the arrays).
        var result = new Dictionary<string, StoreItem>(found.Count, StringComparer.Ordinal);
        foreach (var (key, entry) in found)
        {
            result[key] = StoreItem.FromUtf8(entry.Utf8, entry.ETag, key);
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoreItem>>(result);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        StorageKeys.ValidateAll(changes.Keys);
        cancellationToken.ThrowIfCancellationRequested();

        // Serialise before taking the lock: the caller's objects are copied now, and later changes to them are not seen.
        var texts = changes.ToDictionary(change => change.Key, change => StoredDocument.SerializeUtf8(change.Value, change.Key), StringComparer.Ordinal);

        var eTags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        var written = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            foreach (var (key, change) in changes)
            {
                _entries.TryGetValue(key, out var current);
                if (!StoredDocument.ETagAllowsWrite(change.ETag, current?.ETag))
                {
                    throw new ETagConflictException(key);
                }
            }

            foreach (var key in changes.Keys)
            {
                var eTag = (++_lastETag).ToString(CultureInfo.InvariantCulture);
                _entries[key] = new Entry(texts[key], eTag, written);
                eTags[key] = eTag;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(eTags);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        StorageKeys.ValidateAll(keys);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            foreach (var key in keys)
            {
                _entries.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var deleted = 0;
        lock (_lock)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.Written < cutoffUtc)
                {
                    _entries.Remove(key);
                    deleted++;
                }
            }
        }

        return Task.FromResult(deleted);
    }

    public Task<StorageHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(StorageHealth.Healthy("In-memory storage: always available, lost when the process stops."));
    }

    private sealed record Entry(byte[] Utf8, string ETag, DateTimeOffset Written);
}
