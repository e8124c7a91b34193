using System.Text.Json;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>
/// Stamps a card written as JSON text (as <see cref="Attachment.ContentJson"/> holds it) with the dialog instance its
/// submits belong to, as <see cref="CardSubmission.Stamp"/> describes, in one read of the text: what the stamp changes
/// is found with a reader, then spliced into a copy of the text. The copy is the text the stamped tree would be written
/// as (compact, escaped with the wire encoder), so neither the card nor its tree is ever built.
/// </summary>
/// <remarks>
/// For every object whose <c>type</c> is the string <c>Action.Submit</c> or <c>Action.Execute</c>: a <c>data</c>
/// object gets the key (replaced where it is, else added last), and so does its <c>msteams.value</c> object; a
/// missing <c>data</c> is added last, a null one replaced, as an object holding only the key; any other <c>data</c>
/// (text) is left alone. Decisions read the card as it was: the stamp never changes a <c>type</c>, and what it replaces
/// (an old key's value) is dropped with any edit inside it, as replacing it in a tree before walking into it would.
/// </remarks>
internal static class SubmitActionStamp
{
    private const int DataMemberPrefixLength = 8; // ,"data":

    private enum Role : byte
    {
        Other,
        Type,
        Data,
        DialogKey,
        Msteams,
        Value,
    }

    private enum DataKind : byte
    {
        Missing,
        Null,
        Object,
        Other,
    }

    /// <summary>What is spliced in: the key's value, or the key as a member, or a data object, or data as a member.</summary>
    private enum Insert : byte
    {
        KeyValue,
        KeyMember,
        FirstKeyMember,
        DataObject,
        DataMember,
    }

    /// <summary>The frames and edits of the last stamp on this thread, kept for the next one (a stamp never nests).</summary>
    [ThreadStatic]
    private static Scratch? scratch;

    /// <summary><paramref name="json"/> stamped with <paramref name="dialogInstanceId"/>; the same array when nothing changes.</summary>
    public static byte[] Stamp(byte[] json, string dialogInstanceId)
    {
        var work = scratch ?? new Scratch();
        scratch = null;
        try
        {
            work.Edits.Clear();
            Find(json, ref work.Frames, work.Edits);
            return Apply(json, work.Edits, dialogInstanceId);
        }
        finally
        {
            scratch = work;
        }
    }

    private static byte[] Apply(byte[] json, List<Edit> edits, string dialogInstanceId)
    {
        if (edits.Count == 0)
        {
            return json;
        }

        // At one position, the key (added by the object that holds this one) comes before data (added by this one).
        edits.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Text.CompareTo(b.Text));
        var texts = new Texts(dialogInstanceId);
        var length = json.Length;
        var cursor = 0;
        foreach (var edit in edits)
        {
            if (edit.Start >= cursor)
            {
                length += texts.Get(edit.Text).Length - (edit.End - edit.Start);
                cursor = edit.End;
            }
        }

        var stamped = new byte[length];
        var written = 0;
        cursor = 0;
        foreach (var edit in edits)
        {
            // An edit inside a value that an earlier edit replaced goes with it.
            if (edit.Start < cursor)
            {
                continue;
            }

            json.AsSpan(cursor, edit.Start - cursor).CopyTo(stamped.AsSpan(written));
            written += edit.Start - cursor;
            var text = texts.Get(edit.Text);
            text.CopyTo(stamped.AsSpan(written));
            written += text.Length;
            cursor = edit.End;
        }

        json.AsSpan(cursor).CopyTo(stamped.AsSpan(written));
        return stamped;
    }

    /// <summary>Reads the card once, noting per open object what the stamp needs; an action's edits are known when it closes.</summary>
    private static void Find(byte[] json, ref Frame[] frames, List<Edit> edits)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        var depth = -1;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (++depth == frames.Length)
                    {
                        Array.Resize(ref frames, frames.Length * 2);
                    }

                    frames[depth] = new Frame
                    {
                        IsObject = reader.TokenType == JsonTokenType.StartObject,
                        Start = (int)reader.TokenStartIndex,
                        Self = new Target { KeyStart = -1 },
                    };
                    break;
                case JsonTokenType.PropertyName:
                    frames[depth].Self.HasMembers = true;
                    frames[depth].Current = Classify(ref reader);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    // The closed frame stays where it is until the next container opens: read in place.
                    ref var frame = ref frames[depth--];
                    if (frame.IsObject)
                    {
                        frame.Self.Close = (int)reader.TokenStartIndex;
                        if (frame.IsAction)
                        {
                            AddActionEdits(in frame, edits);
                        }
                    }

                    if (depth >= 0 && frames[depth].IsObject)
                    {
                        SetContainer(ref frames[depth], in frame, (int)reader.BytesConsumed);
                    }

                    break;
                default:
                    if (depth >= 0 && frames[depth].IsObject)
                    {
                        SetValue(ref frames[depth], ref reader);
                    }

                    break;
            }
        }
    }

    private static Role Classify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            // Most names are none of these: told apart by their length first.
            var name = reader.ValueSpan;
            return name.Length switch
            {
                4 => name.SequenceEqual("type"u8) ? Role.Type : name.SequenceEqual("data"u8) ? Role.Data : Role.Other,
                5 => name.SequenceEqual("value"u8) ? Role.Value : Role.Other,
                7 => name.SequenceEqual("_dialog"u8) ? Role.DialogKey : name.SequenceEqual("msteams"u8) ? Role.Msteams : Role.Other,
                _ => Role.Other,
            };
        }

        return reader.ValueTextEquals("type"u8) ? Role.Type
            : reader.ValueTextEquals("data"u8) ? Role.Data
            : reader.ValueTextEquals("_dialog"u8) ? Role.DialogKey
            : reader.ValueTextEquals("msteams"u8) ? Role.Msteams
            : reader.ValueTextEquals("value"u8) ? Role.Value
            : Role.Other;
    }

    /// <summary>An object or array closed as the value of <paramref name="parent"/>'s current member.</summary>
    private static void SetContainer(ref Frame parent, in Frame child, int end)
    {
        switch (parent.Current)
        {
            case Role.Type:
                parent.IsAction = false;
                break;
            case Role.Data:
                parent.Data = child.IsObject ? DataKind.Object : DataKind.Other;
                parent.DataTarget = child.Self;
                parent.DataHasTeamsValue = child.IsObject && child.HasTeamsValue;
                parent.DataTeamsValue = child.TeamsValue;
                break;
            case Role.DialogKey:
                parent.Self.KeyStart = child.Start;
                parent.Self.KeyEnd = end;
                break;
            case Role.Msteams:
                parent.HasTeamsValue = child.IsObject && child.HasValue;
                parent.TeamsValue = child.Value;
                break;
            case Role.Value:
                parent.HasValue = child.IsObject;
                parent.Value = child.Self;
                break;
        }
    }

    /// <summary>A string, number, boolean or null read as the value of <paramref name="parent"/>'s current member.</summary>
    private static void SetValue(ref Frame parent, ref Utf8JsonReader reader)
    {
        switch (parent.Current)
        {
            case Role.Type:
                parent.IsAction = reader.TokenType == JsonTokenType.String
                    && (reader.ValueTextEquals("Action.Submit"u8) || reader.ValueTextEquals("Action.Execute"u8));
                break;
            case Role.Data:
                parent.Data = reader.TokenType == JsonTokenType.Null ? DataKind.Null : DataKind.Other;
                parent.DataStart = (int)reader.TokenStartIndex;
                parent.DataEnd = (int)reader.BytesConsumed;
                break;
            case Role.DialogKey:
                parent.Self.KeyStart = (int)reader.TokenStartIndex;
                parent.Self.KeyEnd = (int)reader.BytesConsumed;
                break;
            case Role.Msteams:
                parent.HasTeamsValue = false;
                break;
            case Role.Value:
                parent.HasValue = false;
                break;
        }
    }

    private static void AddActionEdits(in Frame action, List<Edit> edits)
    {
        switch (action.Data)
        {
            case DataKind.Object:
                AddKeyEdit(action.DataTarget, edits);
                if (action.DataHasTeamsValue)
                {
                    AddKeyEdit(action.DataTeamsValue, edits);
                }

                break;
            case DataKind.Null:
                edits.Add(new Edit(action.DataStart, action.DataEnd, Insert.DataObject));
                break;
            case DataKind.Missing:
                // The action has its type, so the data follows a member.
                edits.Add(new Edit(action.Self.Close, action.Self.Close, Insert.DataMember));
                break;
        }
    }

    private static void AddKeyEdit(in Target target, List<Edit> edits) => edits.Add(
        target.KeyStart >= 0 ? new Edit(target.KeyStart, target.KeyEnd, Insert.KeyValue)
        : new Edit(target.Close, target.Close, target.HasMembers ? Insert.KeyMember : Insert.FirstKeyMember));

    private sealed class Scratch
    {
        public Frame[] Frames = new Frame[16];

        public List<Edit> Edits { get; } = [];
    }

    /// <summary>Bytes <paramref name="Start"/> to <paramref name="End"/> (none, for an insertion) become <paramref name="Text"/>.</summary>
    private readonly record struct Edit(int Start, int End, Insert Text);

    /// <summary>An object that may receive the key: where its key's value is (if it has the key), and where it closes.</summary>
    private struct Target
    {
        public int KeyStart;
        public int KeyEnd;
        public int Close;
        public bool HasMembers;
    }

    /// <summary>An open object or array, with what its members so far tell (the last of a repeated member counts).</summary>
    private struct Frame
    {
        public bool IsObject;
        public int Start;
        public Role Current;
        public Target Self;
        public bool IsAction;
        public DataKind Data;
        public int DataStart;
        public int DataEnd;
        public Target DataTarget;
        public bool DataHasTeamsValue;
        public Target DataTeamsValue;

        /// <summary>As a data object: its <c>msteams.value</c> object.</summary>
        public bool HasTeamsValue;
        public Target TeamsValue;

        /// <summary>As an <c>msteams</c> object: its <c>value</c> object.</summary>
        public bool HasValue;
        public Target Value;
    }

    /// <summary>The texts spliced in, written once per stamp: <c>,"data":{"_dialog":"id"}</c> and <c>,"_dialog":"id"</c>.</summary>
    private readonly struct Texts
    {
        private readonly byte[] _dataMember;
        private readonly int _keyMember;

        private static readonly JsonEncodedText Key = JsonEncodedText.Encode(CardSubmission.DialogKey, BotJson.Options.Encoder);

        public Texts(string dialogInstanceId)
        {
            var key = Key.EncodedUtf8Bytes;
            var id = JsonEncodedText.Encode(dialogInstanceId, BotJson.Options.Encoder).EncodedUtf8Bytes;

            // ,"data":{"_dialog":"id"} then ,"_dialog":"id"
            var member = 1 + (key.Length + 2) + 1 + (id.Length + 2);
            _dataMember = new byte[DataMemberPrefixLength + member + 1 + member];
            var span = _dataMember.AsSpan();
            var at = Append(span, 0, ",\"data\":{"u8);
            at = AppendMember(span, at, key, id, comma: false);
            at = Append(span, at, "}"u8);
            _keyMember = at;
            AppendMember(span, at, key, id, comma: true);
        }

        public ReadOnlySpan<byte> Get(Insert text)
        {
            var keyMember = _dataMember.AsSpan(_keyMember);
            return text switch
            {
                Insert.KeyMember => keyMember,
                Insert.FirstKeyMember => keyMember[1..],
                Insert.KeyValue => keyMember[(keyMember.IndexOf((byte)':') + 1)..],
                Insert.DataObject => _dataMember.AsSpan(DataMemberPrefixLength, _keyMember - DataMemberPrefixLength),
                _ => _dataMember.AsSpan(0, _keyMember),
            };
        }

        private static int AppendMember(Span<byte> span, int at, ReadOnlySpan<byte> key, ReadOnlySpan<byte> id, bool comma)
        {
            if (comma)
            {
                at = Append(span, at, ","u8);
            }

            at = Append(span, at, "\""u8);
            at = Append(span, at, key);
            at = Append(span, at, "\":\""u8);
            at = Append(span, at, id);
            return Append(span, at, "\""u8);
        }

        private static int Append(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(span[at..]);
            return at + bytes.Length;
        }
    }
}
