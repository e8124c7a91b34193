using System.Buffers;
using System.Text;
using System.Text.Json;

namespace RewardsBot.Bench.Wire;

/// <summary>A card button: its title and its <c>data</c> (raw JSON, null when the button has none), as a channel would submit it.</summary>
internal sealed record CardButton(string Title, ReadOnlyMemory<byte>? Data);

/// <summary>
/// The bot's replies to one turn, reduced to what the scripts look at: their words (each reply's text and every string
/// in its cards and suggested actions) and their <c>Action.Submit</c> buttons. Read in one pass of a
/// <see cref="JsonScanner"/> over the answer's bytes, kept in a pooled buffer: a word is a slice of those bytes
/// (unescaped when the JSON escaped it), searched as UTF-8, so no string is made per word.
/// </summary>
internal sealed class Replies : IDisposable
{
    /// <summary>A button whose title is JSON null: titled "".</summary>
    private const int NullTitle = int.MaxValue;

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
        var json = new JsonScanner(_buffer.AsSpan(0, length));
        if (json.Peek() != '{')
        {
            return false;
        }

        var found = false;
        json.StartContainer();
        if (!json.TryEnd('}'))
        {
            do
            {
                var isActivities = json.PropertyName().SequenceEqual("activities"u8);
                if (isActivities && json.Peek() == '[')
                {
                    found = true;
                    json.StartContainer();
                    if (!json.TryEnd(']'))
                    {
                        do
                        {
                            if (json.Peek() == '{')
                            {
                                ReadActivity(ref json);
                            }
                            else
                            {
                                json.Skip();
                            }
                        }
                        while (json.NextItem(']'));
                    }
                }
                else
                {
                    json.Skip();
                }
            }
            while (json.NextItem('}'));
        }

        return found;
    }

    /// <summary>One activity (the scanner on its <c>{</c>): its text first, then the words and buttons of its cards.</summary>
    private void ReadActivity(ref JsonScanner json)
    {
        Count++;
        var first = _wordCount;
        json.StartContainer();
        if (json.TryEnd('}'))
        {
            return;
        }

        do
        {
            var name = json.PropertyName();
            if (name.SequenceEqual("text"u8) && json.Peek() == '"')
            {
                AddWord(ref json);
                MoveLastWordTo(first); // the text before the cards' words, wherever it stands in the activity
            }
            else if (name.SequenceEqual("attachments"u8) || name.SequenceEqual("suggestedActions"u8))
            {
                Walk(ref json);
            }
            else
            {
                json.Skip();
            }
        }
        while (json.NextItem('}'));
    }

    /// <summary>
    /// Every string of the value the scanner is on, in document order, and every object with <c>type</c>
    /// "Action.Submit" and a <c>title</c> as a button (an outer button before the buttons inside it).
    /// </summary>
    private void Walk(ref JsonScanner json)
    {
        switch (json.Peek())
        {
            case (byte)'"':
                AddWord(ref json);
                break;
            case (byte)'[':
                json.StartContainer();
                if (!json.TryEnd(']'))
                {
                    do
                    {
                        Walk(ref json);
                    }
                    while (json.NextItem(']'));
                }

                break;
            case (byte)'{':
                WalkObject(ref json);
                break;
            default:
                json.SkipLiteral();
                break;
        }
    }

    /// <summary>An object (the scanner on its <c>{</c>): its words, and itself as a button when it is one, before those inside it.</summary>
    private void WalkObject(ref JsonScanner json)
    {
        var buttonsBefore = _buttons.Count;
        var (isSubmit, title, data) = (false, -1, default(ReadOnlyMemory<byte>?));
        json.StartContainer();
        if (!json.TryEnd('}'))
        {
            do
            {
                var name = json.PropertyName();
                var property = name.Length switch
                {
                    4 when name.SequenceEqual("type"u8) => Property.Type,
                    4 when name.SequenceEqual("data"u8) => Property.Data,
                    5 when name.SequenceEqual("title"u8) => Property.Title,
                    _ => Property.Other,
                };
                var start = json.ValueStart();
                if (property == Property.Type && json.Peek() == '"')
                {
                    AddWord(ref json);
                    isSubmit |= _buffer.AsSpan(_words[_wordCount - 1]).SequenceEqual("Action.Submit"u8);
                }
                else if (property == Property.Title && json.Peek() == '"')
                {
                    AddWord(ref json);
                    title = _wordCount - 1;
                }
                else if (property == Property.Title && json.Peek() == 'n')
                {
                    json.SkipLiteral(); // null, or not JSON
                    title = NullTitle;
                }
                else
                {
                    Walk(ref json);
                }

                if (property == Property.Data)
                {
                    data = _buffer.AsMemory(start, json.Position - start);
                }
            }
            while (json.NextItem('}'));
        }

        if (isSubmit && title >= 0)
        {
            _buttons.Insert(buttonsBefore, new CardButton(title == NullTitle ? "" : Encoding.UTF8.GetString(_buffer.AsSpan(_words[title])), data));
        }
    }

    /// <summary>The string the scanner is on as a word: a slice of the answer, or its unescaped copy after the answer.</summary>
    private void AddWord(ref JsonScanner json)
    {
        var (start, end, escaped) = json.String();
        Range word;
        if (escaped)
        {
            var written = JsonScanner.Unescape(_buffer.AsSpan(start - 1, end - start + 2), _buffer.AsSpan(_used));
            word = new Range(_used, _used + written);
            _used += written;
        }
        else
        {
            word = new Range(start, end);
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

    private enum Property : byte { Other, Type, Title, Data }
}
