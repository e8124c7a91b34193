using System.Text;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.State;

/// <summary>
/// A key/value store of JSON documents with optimistic concurrency.
/// </summary>
/// <remarks>
/// eTag rules on write (per key):
/// <list type="bullet">
/// <item><c>"*"</c>: write unconditionally.</item>
/// <item><c>null</c>: create; the key must not exist yet (otherwise a conflict).</item>
/// <item>any other value: the stored eTag must equal it; a missing key is a conflict too (it was deleted).</item>
/// </list>
/// A write of several keys is all or nothing. On conflict <see cref="ETagConflictException"/> is thrown and
/// nothing is written. (The Bot Framework SDK treats a null eTag as a wildcard; here it means "create", so two
/// processes that start the same conversation cannot silently overwrite each other.)
/// </remarks>
public interface IStorage
{
    /// <summary>Reads the given keys; keys that do not exist are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Writes the given documents; returns each key's new eTag.</summary>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken);

    /// <summary>Deletes the given keys; missing keys are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}

/// <summary>A stored JSON document and its eTag. Documents are copied on read and write: callers never share them with the store.</summary>
/// <remarks>
/// An item can also carry the document as JSON text (<see cref="FromJson"/>, or UTF-8 inside the runtime): storages
/// that keep text read and write it as it is, and the tree is only built if someone asks for <see cref="Document"/>.
/// </remarks>
public sealed record StoreItem
{
    private readonly string? _key;
    private readonly string? _json;
    private byte[]? _utf8;
    private JsonObject? _document;

    public StoreItem(JsonObject document, string? eTag)
    {
        _document = document;
        ETag = eTag;
    }

    private StoreItem(string? json, byte[]? utf8, string? eTag, string key)
    {
        _json = json;
        _utf8 = utf8;
        _key = key;
        ETag = eTag;
    }

    /// <summary>The document (built from the JSON text the first time it is asked for, for an item made from text).</summary>
    /// <exception cref="InvalidOperationException">The text is not a JSON object.</exception>
    public JsonObject Document => _document ??= _utf8 is not null ? StoredDocument.Parse(_utf8, _key!) : _json is not null ? StoredDocument.Parse(_json, _key!) : null!;

    public string? ETag { get; init; }

    /// <summary>
    /// The document's JSON text as UTF-8 when the item was made from text; null when it was made from a tree. The array
    /// is shared (with the storage that read it, or the state that wrote it) and never changed by anyone.
    /// </summary>
    internal byte[]? Utf8 => _utf8 ??= _json is null ? null : Encoding.UTF8.GetBytes(_json);

    /// <summary>True once the item has a tree: made from one, or its text parsed because <see cref="Document"/> was asked for.</summary>
    internal bool HasTree => _document is not null;

    /// <summary>The key the text was stored under, for messages about it; null for an item made from a tree.</summary>
    internal string? Key => _key;

    /// <summary>
    /// For text this process's state serialised: where each top-level property's value lies in <see cref="Utf8"/>, so
    /// the next turn takes the document apart without reading it again; null otherwise.
    /// </summary>
    internal PropertySlice[]? Slices { get; private init; }

    /// <summary>An item whose document is the JSON object <paramref name="json"/> (stored under <paramref name="key"/>).</summary>
    public static StoreItem FromJson(string json, string? eTag, string key)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(key);
        return new StoreItem(json, null, eTag, key);
    }

    /// <summary>
    /// An item whose document is the UTF-8 JSON object <paramref name="utf8"/> (stored under <paramref name="key"/>): the
    /// array is kept, not copied, so the caller must never change it.
    /// </summary>
    /// <param name="slices">Where the properties lie in <paramref name="utf8"/>, when this process serialised it (<see cref="Slices"/>).</param>
    internal static StoreItem FromUtf8(byte[] utf8, string? eTag, string key, PropertySlice[]? slices = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(key);
        return new StoreItem(null, utf8, eTag, key) { Slices = slices };
    }
}

/// <summary>A write whose eTag no longer matched what is stored: someone else changed (or deleted) the document first.</summary>
public sealed class ETagConflictException : Exception
{
    public ETagConflictException(string key)
        : base($"The stored item '{key}' was changed by another writer since it was read. Read it again and reapply the change.")
        => Key = key;

    public string Key { get; }
}
