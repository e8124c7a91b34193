using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// A forward-only reader of one JSON document in memory, for <see cref="Replies"/>: the caller walks the grammar
/// (object, property name, value, next item) and the scanner checks each step, throwing a <see cref="JsonException"/>
/// where the input is not JSON, as <see cref="Utf8JsonReader"/> would (same maximum depth, no comments or trailing
/// commas). It does less per token than that reader (no token state, no UTF-8 validation of unescaped strings: a word
/// is searched as bytes anyway), which made reading the bot's answers about twice as cheap; escaped strings are
/// unescaped by a <see cref="Utf8JsonReader"/> over the one string.
/// </summary>
internal ref struct JsonScanner(ReadOnlySpan<byte> json)
{
    private const int MaxDepth = 64;

    /// <summary>What ends the plain run of a string: its closing quote, an escape, or a control character (not allowed).</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>What ends a number, true, false or null.</summary>
    private static readonly SearchValues<byte> LiteralStops = SearchValues.Create(",}] \t\r\n"u8);

    private readonly ReadOnlySpan<byte> _json = json;
    private int _position;
    private int _depth;

    /// <summary>The offset of the next byte to read (after a value: the byte just after it).</summary>
    public readonly int Position => _position;

    /// <summary>The next byte that is not whitespace, not consumed; throws at the end of the input.</summary>
    public byte Peek()
    {
        for (var i = _position; i < _json.Length; i++)
        {
            var b = _json[i];
            if (b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                _position = i;
                return b;
            }
        }

        _position = _json.Length;
        throw Invalid("the input ends before the JSON does");
    }

    /// <summary>Where the value that follows starts (whitespace skipped).</summary>
    public int ValueStart()
    {
        Peek();
        return _position;
    }

    /// <summary>Enters the object or array the scanner is on (after <see cref="Peek"/> saw its <c>{</c> or <c>[</c>).</summary>
    public void StartContainer()
    {
        if (++_depth > MaxDepth)
        {
            throw Invalid($"it is nested deeper than {MaxDepth}");
        }

        _position++;
    }

    /// <summary>Whether the container just entered is empty (its <paramref name="close"/> is then consumed).</summary>
    public bool TryEnd(char close)
    {
        if (Peek() != close)
        {
            return false;
        }

        _position++;
        _depth--;
        return true;
    }

    /// <summary>After an item: true when a comma follows (consumed), false when the container's <paramref name="close"/> does (consumed).</summary>
    public bool NextItem(char close)
    {
        var next = Peek();
        _position++;
        if (next == ',')
        {
            return true;
        }

        if (next == close)
        {
            _depth--;
            return false;
        }

        throw Invalid($"'{(char)next}' where ',' or '{close}' belongs");
    }

    /// <summary>The property name the scanner is on, unescaped; its colon consumed.</summary>
    public ReadOnlySpan<byte> PropertyName()
    {
        if (Peek() != '"')
        {
            throw Invalid("no property name where one belongs");
        }

        var (start, end, escaped) = String();
        if (Peek() != ':')
        {
            throw Invalid("no ':' after a property name");
        }

        _position++;
        if (!escaped)
        {
            return _json[start..end];
        }

        var name = new byte[end - start]; // rare: never longer than escaped
        return name.AsSpan(0, Unescape(_json[(start - 1)..(end + 1)], name));
    }

    /// <summary>The string the scanner is on (after <see cref="Peek"/> saw its quote): where its content starts and ends, and whether it has escapes.</summary>
    public (int Start, int End, bool Escaped) String()
    {
        var start = ++_position;
        var escaped = false;
        while (true)
        {
            var stop = StringStop(_json[_position..]);
            if (stop < 0)
            {
                throw Invalid("a string is not closed");
            }

            _position += stop;
            switch (_json[_position])
            {
                case (byte)'"':
                    _position++;
                    return (start, _position - 1, escaped);
                case (byte)'\\':
                    escaped = true;
                    _position += EscapeLength();
                    break;
                default:
                    throw Invalid("a string holds a control character");
            }
        }
    }

    /// <summary>The length of the escape sequence at the position (<c>\n</c>, <c>\u00e9</c>…); throws when it is none.</summary>
    private readonly int EscapeLength()
    {
        var escape = _json[_position..];
        return escape.Length >= 2 && escape[1] is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' ? 2
            : escape.Length >= 6 && escape[1] == 'u' && !escape.Slice(2, 4).ContainsAnyExcept(HexDigits) ? 6
            : throw Invalid("a string holds an escape that JSON does not have");
    }

    /// <summary>Where the plain run of a string ends in <paramref name="rest"/>: most strings are short, so byte by byte first.</summary>
    private static int StringStop(ReadOnlySpan<byte> rest)
    {
        var scalar = Math.Min(rest.Length, 32);
        for (var i = 0; i < scalar; i++)
        {
            if (rest[i] is (byte)'"' or (byte)'\\' or < 0x20)
            {
                return i;
            }
        }

        var stop = rest[scalar..].IndexOfAny(StringStops);
        return stop < 0 ? stop : scalar + stop;
    }

    /// <summary>Skips the value the scanner is on, checking it.</summary>
    public void Skip()
    {
        switch (Peek())
        {
            case (byte)'"':
                String();
                break;
            case (byte)'{':
                StartContainer();
                if (!TryEnd('}'))
                {
                    do
                    {
                        PropertyName();
                        Skip();
                    }
                    while (NextItem('}'));
                }

                break;
            case (byte)'[':
                StartContainer();
                if (!TryEnd(']'))
                {
                    do
                    {
                        Skip();
                    }
                    while (NextItem(']'));
                }

                break;
            default:
                SkipLiteral();
                break;
        }
    }

    /// <summary>Skips the number, <c>true</c>, <c>false</c> or <c>null</c> the scanner is on; throws on anything else.</summary>
    public void SkipLiteral()
    {
        var rest = _json[_position..];
        var length = rest.IndexOfAny(LiteralStops);
        var literal = length < 0 ? rest : rest[..length];
        if (!(literal.SequenceEqual("true"u8) || literal.SequenceEqual("false"u8) || literal.SequenceEqual("null"u8) || IsNumber(literal)))
        {
            throw Invalid("a value is not a string, object, array, number, true, false or null");
        }

        _position += literal.Length;
    }

    /// <summary>Unescapes the JSON string <paramref name="quoted"/> (quotes included) into <paramref name="destination"/>; the bytes written.</summary>
    public static int Unescape(ReadOnlySpan<byte> quoted, Span<byte> destination)
    {
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.CopyString(destination);
    }

    /// <summary><c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c></summary>
    private static bool IsNumber(ReadOnlySpan<byte> text)
    {
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var digits = Digits(text, ref i);
        if (digits == 0 || (digits > 1 && text[i - digits] == '0'))
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (Digits(text, ref i) == 0)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (Digits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int Digits(ReadOnlySpan<byte> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        return i - start;
    }

    private readonly JsonException Invalid(string what)
        => new(string.Create(CultureInfo.InvariantCulture, $"The answer is not JSON: {what} (byte {_position})."));
}
