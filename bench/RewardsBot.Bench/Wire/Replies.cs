using System.Buffers;
using System.Text;
using System.Text.Json;

namespace RewardsBot.Bench.Wire;

/// <summary>A card button: its title and its <c>data</c> (raw JSON, null when the button has none), as a channel would submit it.</summary>
internal sealed record CardButton(string Title, ReadOnlyMemory<byte>? Data);

/// <summary>
/// The bot's replies to one turn, reduced to what the scripts look at: their words (each reply's text and every string
/// in its cards and suggested actions) and their <c>Action.Submit</c> buttons. Read in one pass of a
/// <see cref="Utf8JsonReader"/> over the answer's bytes, kept in a pooled buffer: a word is a slice of those bytes
/// (unescaped when the JSON escaped it), searched as UTF-8, so no string is made per word.
/// </summary>
internal sealed class Replies : IDisposable
{
    private const int MaxDepth = 64;

    /// <summary>A button whose title is JSON null: titled "".</summary>
    private const int NullTitle = int.MaxValue;

    [ThreadStatic]
    private static Container[]? t_open;

    private byte[] _buffer = [];
    private int _used;
    private Range[] _words = [];
    private int _wordCount;
    private readonly List<CardButton> _buttons = [];

    private Replies()
    {
    }

    public static Replies None { get; } = new();

    public int Count { get; private set; }

    public IReadOnlyList<CardButton> Buttons => _buttons;

    /// <summary>The size of buffer to rent for an answer of <paramref name="length"/> bytes (see <see cref="Adopt"/>).</summary>
    public static int BufferFor(int length) => Math.Max(2 * length, 256);

    /// <summary>
    /// The replies in the first <paramref name="length"/> bytes of <paramref name="pooled"/> (rented from
    /// <see cref="ArrayPool{T}.Shared"/>, now owned by the replies): an object whose <c>activities</c> array holds the
    /// bot's activities (the expectReplies body). Null when it has no such array (the buffer is returned then). Throws
    /// <see cref="JsonException"/> on invalid JSON.
    /// </summary>
    public static Replies? Adopt(byte[] pooled, int length)
    {
        if (pooled.Length < BufferFor(length))
        {
            // Room for the answer and for an unescaped copy of any of its strings (never longer than escaped).
            var larger = ArrayPool<byte>.Shared.Rent(BufferFor(length));
            pooled.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(pooled);
            pooled = larger;
        }

        var replies = new Replies { _buffer = pooled, _used = length, _words = ArrayPool<Range>.Shared.Rent(64) };
        try
        {
            if (replies.ReadAnswer(length))
            {
                return replies;
            }
        }
        catch
        {
            replies.Dispose();
            throw;
        }

        replies.Dispose();
        return null;
    }

    /// <summary>Whether any reply's text or any string in its cards contains <paramref name="marker"/> (UTF-8).</summary>
    public bool Contains(ReadOnlySpan<byte> marker)
    {
        for (var i = 0; i < _wordCount; i++)
        {
            if (_buffer.AsSpan(_words[i]).IndexOf(marker) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The replies' texts, shortened, to show what came instead of the expected answer.</summary>
    public string Describe()
    {
        var texts = Words().Where(s => s.Length > 12).Take(3).Select(s => s.Length > 90 ? s[..90] + "…" : s);
        return Count == 0 ? "(no reply)" : $"{Count} replies: " + string.Join(" / ", texts);
    }

    /// <summary>Gives the buffers back to the pool; the buttons' data must not be read afterwards.</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            ArrayPool<Range>.Shared.Return(_words);
            (_buffer, _words, _wordCount) = ([], [], 0);
        }
    }

    private IEnumerable<string> Words()
    {
        for (var i = 0; i < _wordCount; i++)
        {
            yield return Encoding.UTF8.GetString(_buffer.AsSpan(_words[i]));
        }
    }

    private bool ReadAnswer(int length)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(0, length), new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isActivities = reader.ValueTextEquals("activities"u8);
            reader.Read();
            if (isActivities && reader.TokenType == JsonTokenType.StartArray)
            {
                found = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadActivity(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return found;
    }

    /// <summary>One activity (the reader on its StartObject): its text first, then the words and buttons of its cards.</summary>
    private void ReadActivity(ref Utf8JsonReader reader)
    {
        Count++;
        var first = _wordCount;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    AddWord(ref reader);
                    MoveLastWordTo(first); // the text before the cards' words, wherever it stands in the activity
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("attachments"u8) || reader.ValueTextEquals("suggestedActions"u8))
            {
                reader.Read();
                Walk(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// Every string under the value the reader is on, in document order, and every object with <c>type</c>
    /// "Action.Submit" and a <c>title</c> as a button (an outer button before the buttons inside it).
    /// </summary>
    private void Walk(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            AddWord(ref reader);
            return;
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var open = t_open ??= new Container[MaxDepth + 1]; // the walk never awaits: one per thread will do
        var depth = 0;
        open[0] = Container.Start(_buttons.Count);
        while (depth >= 0 && reader.Read())
        {
            ref var parent = ref open[depth];
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    parent.Property = reader.ValueTextEquals("type"u8) ? Property.Type
                        : reader.ValueTextEquals("title"u8) ? Property.Title
                        : reader.ValueTextEquals("data"u8) ? Property.Data
                        : Property.Other;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (parent.Property == Property.Data)
                    {
                        parent.DataStart = (int)reader.TokenStartIndex;
                    }

                    open[++depth] = Container.Start(_buttons.Count);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var closed = open[depth];
                    if (closed.IsSubmit && closed.Title >= 0)
                    {
                        var title = closed.Title == NullTitle ? "" : Encoding.UTF8.GetString(_buffer.AsSpan(_words[closed.Title]));
                        _buttons.Insert(closed.ButtonsBefore, new CardButton(title, closed.Data));
                    }

                    if (--depth >= 0)
                    {
                        ValueEnded(ref open[depth], ref reader, open[depth].DataStart);
                    }

                    break;
                default: // a string, number, true, false or null
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        AddWord(ref reader);
                        if (parent.Property == Property.Type && reader.ValueTextEquals("Action.Submit"u8))
                        {
                            parent.IsSubmit = true;
                        }
                        else if (parent.Property == Property.Title)
                        {
                            parent.Title = _wordCount - 1;
                        }
                    }
                    else if (parent.Property == Property.Title && reader.TokenType == JsonTokenType.Null)
                    {
                        parent.Title = NullTitle;
                    }

                    ValueEnded(ref parent, ref reader, (int)reader.TokenStartIndex);
                    break;
            }
        }
    }

    /// <summary>A property's value ended: when it was the <c>data</c>, its raw JSON from <paramref name="start"/>.</summary>
    private void ValueEnded(ref Container container, ref Utf8JsonReader reader, int start)
    {
        if (container.Property == Property.Data)
        {
            container.Data = _buffer.AsMemory(start, (int)reader.BytesConsumed - start);
        }

        container.Property = Property.None;
    }

    /// <summary>The string the reader is on as a word: a slice of the answer, or its unescaped copy after the answer.</summary>
    private void AddWord(ref Utf8JsonReader reader)
    {
        Range word;
        if (reader.ValueIsEscaped)
        {
            var written = reader.CopyString(_buffer.AsSpan(_used));
            word = new Range(_used, _used + written);
            _used += written;
        }
        else
        {
            var start = (int)reader.TokenStartIndex + 1; // after the opening quote
            word = new Range(start, start + reader.ValueSpan.Length);
        }

        if (_wordCount == _words.Length)
        {
            var larger = ArrayPool<Range>.Shared.Rent(2 * _words.Length);
            _words.AsSpan(0, _wordCount).CopyTo(larger);
            ArrayPool<Range>.Shared.Return(_words);
            _words = larger;
        }

        _words[_wordCount++] = word;
    }

    private void MoveLastWordTo(int index)
    {
        var word = _words[_wordCount - 1];
        _words.AsSpan(index, _wordCount - 1 - index).CopyTo(_words.AsSpan(index + 1));
        _words[index] = word;
    }

    private enum Property : byte { None, Type, Title, Data, Other }

    /// <summary>An object or array being walked: which of its properties the next value belongs to, and what makes it a button.</summary>
    private struct Container
    {
        public Property Property;
        public bool IsSubmit;
        /// <summary>The word that is the title, <see cref="NullTitle"/> for a null title, -1 for none.</summary>
        public int Title;
        public int DataStart;
        public ReadOnlyMemory<byte>? Data;
        public int ButtonsBefore;

        public static Container Start(int buttonsBefore) => new() { Title = -1, ButtonsBefore = buttonsBefore };
    }
}
