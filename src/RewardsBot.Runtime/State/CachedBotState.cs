using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.State;

/// <summary>
/// One state document for one turn: per property either the JSON read from storage or the typed object the bot got or
/// set, the eTag it was read with, and its text as loaded (to tell whether a save has anything to write).
/// </summary>
internal sealed class CachedBotState
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = BotJson.Options.Encoder,
        MaxDepth = BotJson.Options.MaxDepth,
    };

    private readonly Dictionary<string, StateProperty> _properties = new(StringComparer.Ordinal);

    private CachedBotState(string? eTag) => ETag = eTag;

    /// <summary>The eTag to write with: the stored one, null when the document did not exist, "*" after a clear without a load.</summary>
    public string? ETag { get; private set; }

    /// <summary>The document (UTF-8) as last read or written, in <see cref="Serialize"/>'s form; null when unknown (always write).</summary>
    public byte[]? SavedUtf8 { get; private set; }

    /// <summary>The state as read from storage (<paramref name="item"/> null: no document yet).</summary>
    /// <exception cref="InvalidOperationException">The stored text is not a JSON object.</exception>
    public static CachedBotState FromStorage(StoreItem? item)
    {
        var state = new CachedBotState(item?.ETag);
        if (item is { HasTree: false, Slices: { } slices, Utf8: { } written })
        {
            // A document this process serialised (from the state cache): where each property's value lies is known,
            // and the bytes are what the serializer wrote, so nothing is read again.
            foreach (var slice in slices)
            {
                state._properties[slice.Name] = StateProperty.FromStoredJson(written.AsMemory(slice.Start, slice.Length));
            }

            state.SavedUtf8 = written;
            return state;
        }

        if (item?.Utf8 is { } utf8)
        {
            // Each property keeps its own JSON text until the bot asks for it: no tree is built for the document, and a
            // property the turn never reads is written back as the same text. The properties are slices of the
            // item's array, which nobody changes.
            state.ReadProperties(utf8, item);
            state.SavedUtf8 = utf8;
            return state;
        }

        if (item is not null)
        {
            foreach (var (name, node) in item.Document)
            {
                state._properties[name] = new StateProperty(node is null ? null : JsonSerializer.SerializeToUtf8Bytes(node, BotJson.Options));
            }
        }

        state.SavedUtf8 = state.Serialize(stateName: null, out _);
        return state;
    }

    /// <summary>An empty state replacing whatever is stored, for a clear before any load: it is written unconditionally.</summary>
    public static CachedBotState ClearedWithoutLoad() => new(StoredDocument.Wildcard);

    public void Clear() => _properties.Clear();

    public void MarkSaved(string eTag, byte[] utf8)
    {
        ETag = eTag;
        SavedUtf8 = utf8;
    }

    public bool TryGetProperty(string name, out StateProperty property) => _properties.TryGetValue(name, out property!);

    public void SetProperty(string name, object? value, Type type) => _properties[name] = new StateProperty(value, type);

    public void RemoveProperty(string name) => _properties.Remove(name);

    private void ReadProperties(byte[] utf8, StoreItem item)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = BotJson.Options.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw StoredDocument.NotAnObject(item.Key);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                _properties[name] = StateProperty.FromStoredJson(utf8.AsMemory(start, (int)reader.BytesConsumed - start));
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw StoredDocument.NotAnObject(item.Key);
            }
        }
        catch (JsonException ex)
        {
            throw StoredDocument.NotAnObject(item.Key, ex);
        }
    }

    /// <summary>The document as compact UTF-8 JSON with properties in ordinal order, so equal states give equal bytes.</summary>
    /// <param name="stateName">For error messages; null while loading (raw JSON always writes).</param>
    /// <param name="slices">Where each property's value lies in the result (see <see cref="StoreItem.Slices"/>).</param>
    public byte[] Serialize(string? stateName, out PropertySlice[] slices)
    {
        var names = new string[_properties.Count];
        _properties.Keys.CopyTo(names, 0);
        Array.Sort(names, StringComparer.Ordinal);
        slices = new PropertySlice[names.Length];
        var buffer = SerializeBuffer.Rent();
        try
        {
            var writer = buffer.Writer;
            writer.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                var name = names[i];
                writer.WritePropertyName(name);
                var start = writer.BytesCommitted + writer.BytesPending;
                _properties[name].WriteTo(writer, name, stateName);
                slices[i] = new PropertySlice(name, (int)start, (int)(writer.BytesCommitted + writer.BytesPending - start));
            }

            writer.WriteEndObject();
            writer.Flush();
            return buffer.Written.ToArray();
        }
        finally
        {
            SerializeBuffer.Return(buffer);
        }
    }

    /// <summary>
    /// The buffer and writer a document is written into, kept per thread between saves (the bytes are copied out before
    /// the next save on the thread starts, so one is enough).
    /// </summary>
    private sealed class SerializeBuffer
    {
        /// <summary>A buffer that grew past this (a very large state) is left to the collector rather than kept.</summary>
        private const int KeptBytes = 64 * 1024;

        [ThreadStatic]
        private static SerializeBuffer? cached;

        private readonly ArrayBufferWriter<byte> _buffer = new(4096);

        private SerializeBuffer() => Writer = new Utf8JsonWriter(_buffer, WriterOptions);

        public Utf8JsonWriter Writer { get; }

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public static SerializeBuffer Rent()
        {
            var buffer = cached ?? new SerializeBuffer();
            cached = null;
            return buffer;
        }

        /// <summary>Keeps the buffer for the thread's next save, emptied (also after a save that failed midway).</summary>
        public static void Return(SerializeBuffer buffer)
        {
            if (buffer._buffer.Capacity > KeptBytes)
            {
                return;
            }

            buffer._buffer.ResetWrittenCount();
            buffer.Writer.Reset(buffer._buffer);
            cached = buffer;
        }
    }
}

/// <summary>Where one top-level property's value lies in a state document this process serialised.</summary>
internal readonly record struct PropertySlice(string Name, int Start, int Length);

/// <summary>One property: its JSON text from storage until the bot asks for it, then the typed instance the bot holds.</summary>
internal sealed class StateProperty
{
    /// <param name="json">The property's UTF-8 JSON as stored; null for a stored null.</param>
    public StateProperty(ReadOnlyMemory<byte>? json) => Json = json;

    /// <summary>A property as stored: <paramref name="json"/> is one JSON value; the literal <c>null</c> is a stored null.</summary>
    public static StateProperty FromStoredJson(ReadOnlyMemory<byte> json)
        // Typed: a bare null in the conditional would become an empty slice (written back as nothing), not a stored null.
        => new(json.Span.SequenceEqual("null"u8) ? default(ReadOnlyMemory<byte>?) : json);

    public StateProperty(object? value, Type type)
    {
        Value = value;
        ValueType = type;
    }

    /// <summary>The stored JSON (UTF-8) while the property is raw; null for a stored null or a typed value.</summary>
    public ReadOnlyMemory<byte>? Json { get; }

    public object? Value { get; }

    /// <summary>The type the value was got or set as; null while the property is still raw JSON.</summary>
    public Type? ValueType { get; }

    public bool IsNull => ValueType is null ? Json is null : Value is null;

    /// <summary>The value read as <typeparamref name="T"/> from its JSON (a typed value got under another type goes through JSON too).</summary>
    public T ConvertTo<T>(string name, string stateName)
    {
        try
        {
            // Raw JSON, or a typed value got under another type: convert through JSON as storage would.
            if (ValueType is null)
            {
                return Json is { } json ? JsonSerializer.Deserialize<T>(json.Span, BotJson.Options)! : default!;
            }

            return JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(Value, ValueType, BotJson.Options), BotJson.Options)!;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"{stateName} property '{name}' holds JSON that cannot be read as {typeof(T).Name}: {ex.Message} If the property's type changed, read it under a new property name or clear the old state.",
                ex);
        }
    }

    public void WriteTo(Utf8JsonWriter writer, string name, string? stateName)
    {
        if (ValueType is null)
        {
            if (Json is { } json)
            {
                // Text a reader already took apart as one JSON value: written back as it is.
                writer.WriteRawValue(json.Span, skipInputValidation: true);
            }
            else
            {
                writer.WriteNullValue();
            }

            return;
        }

        try
        {
            JsonSerializer.Serialize(writer, Value, ValueType, BotJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new InvalidOperationException(
                $"{stateName} property '{name}' ({ValueType.Name}) cannot be saved as JSON: {ex.Message} Keep state to plain data (records, classes with public properties, lists, dictionaries) without cycles.",
                ex);
        }
    }
}
