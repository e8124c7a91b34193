using System.Globalization;
using System.Text;
using System.Text.Json;
using RewardsBot.Bench.Scripts;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// Builds the user's activity for a step the way a channel client sends it: typed text, or a card click as an
/// <c>Action.Submit</c> (a message whose <c>value</c> is the button's data merged with the card's inputs, and
/// <c>channelData.postBack</c>, as Web Chat and the Emulator send it). Written straight as UTF-8 JSON into the worker's
/// <see cref="RequestBody"/>: no JSON tree per turn.
/// </summary>
internal abstract class ActivityShape
{
    /// <summary>Writes the activity for <paramref name="input"/> after <paramref name="previous"/>; false when the button to click is not there.</summary>
    public bool TryWrite(Utf8JsonWriter writer, StepInput input, Replies previous, ConversationAddress address)
    {
        switch (input)
        {
            case Typed typed:
                writer.WriteStartObject();
                WriteMessage(writer, address);
                writer.WriteString(Names.Text, typed.Text);
                WriteChannelData(writer, postBack: false);
                writer.WriteEndObject();
                return true;
            case Click click:
                var button = Find(previous.Buttons, click);
                if (button is null)
                {
                    return false;
                }

                writer.WriteStartObject();
                WriteMessage(writer, address);
                writer.WritePropertyName(Names.Value);
                WriteValue(writer, button.Data, click.Inputs);
                WriteChannelData(writer, postBack: true);
                writer.WriteEndObject();
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "Only typed text and clicks are sent as activities.");
        }
    }

    /// <summary>The properties of a user's message (the object already started).</summary>
    protected abstract void WriteMessage(Utf8JsonWriter writer, ConversationAddress address);

    protected virtual void WriteChannelData(Utf8JsonWriter writer, bool postBack)
    {
        writer.WriteStartObject(Names.ChannelData);
        if (postBack)
        {
            writer.WriteBoolean(Names.PostBack, true);
        }

        writer.WriteEndObject();
    }

    private static CardButton? Find(IReadOnlyList<CardButton> buttons, Click click)
    {
        for (var i = 0; i < buttons.Count; i++)
        {
            if (click.Accepts(buttons[i].Title))
            {
                return buttons[i];
            }
        }

        return null;
    }

    /// <summary>The submitted value: the button's data object, each of the card's <paramref name="inputs"/> set in it.</summary>
    private static void WriteValue(Utf8JsonWriter writer, ReadOnlyMemory<byte>? data, IReadOnlyDictionary<string, string>? inputs)
    {
        if (inputs is null or { Count: 0 } && data is { } raw)
        {
            writer.WriteRawValue(raw.Span, skipInputValidation: true); // JSON the reader has just read
            return;
        }

        writer.WriteStartObject();
        if (data is { } json)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (inputs is null || !inputs.ContainsKey(property.Name))
                {
                    property.WriteTo(writer);
                }
            }
        }

        foreach (var (id, text) in inputs ?? new Dictionary<string, string>())
        {
            writer.WriteString(id, text);
        }

        writer.WriteEndObject();
    }

    /// <summary>Property names, encoded once.</summary>
    protected static class Names
    {
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
        public static readonly JsonEncodedText ChannelId = JsonEncodedText.Encode("channelId");
        public static readonly JsonEncodedText ServiceUrl = JsonEncodedText.Encode("serviceUrl");
        public static readonly JsonEncodedText DeliveryMode = JsonEncodedText.Encode("deliveryMode");
        public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
        public static readonly JsonEncodedText LocalTimestamp = JsonEncodedText.Encode("localTimestamp");
        public static readonly JsonEncodedText LocalTimezone = JsonEncodedText.Encode("localTimezone");
        public static readonly JsonEncodedText Locale = JsonEncodedText.Encode("locale");
        public static readonly JsonEncodedText Conversation = JsonEncodedText.Encode("conversation");
        public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
        public static readonly JsonEncodedText Recipient = JsonEncodedText.Encode("recipient");
        public static readonly JsonEncodedText MembersAdded = JsonEncodedText.Encode("membersAdded");
        public static readonly JsonEncodedText TextFormat = JsonEncodedText.Encode("textFormat");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText ChannelData = JsonEncodedText.Encode("channelData");
        public static readonly JsonEncodedText PostBack = JsonEncodedText.Encode("postBack");
        public static readonly JsonEncodedText ClientActivityId = JsonEncodedText.Encode("clientActivityID");
        public static readonly JsonEncodedText User = JsonEncodedText.Encode("user");
        public static readonly JsonEncodedText Bot = JsonEncodedText.Encode("bot");
        public static readonly JsonEncodedText EnUs = JsonEncodedText.Encode("en-US");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Plain = JsonEncodedText.Encode("plain");
    }
}

/// <summary>Who is talking in which conversation (ids encoded once per conversation for the activities' JSON).</summary>
internal sealed class ConversationAddress(string conversationId, string userId)
{
    private long _sequence;

    public string ConversationId { get; } = conversationId;

    public string UserId { get; } = userId;

    public JsonEncodedText ConversationIdJson { get; } = JsonEncodedText.Encode(conversationId);

    public JsonEncodedText UserIdJson { get; } = JsonEncodedText.Encode(userId);

    /// <summary>Writes the next activity id, <c>{conversation id}-{n}</c>, as the value of <paramref name="name"/>.</summary>
    public void WriteNextActivityId(Utf8JsonWriter writer, JsonEncodedText name)
    {
        Span<byte> text = stackalloc byte[(3 * ConversationId.Length) + 21];
        var length = Encoding.UTF8.GetBytes(ConversationId, text);
        text[length++] = (byte)'-';
        (++_sequence).TryFormat(text[length..], out var digits, default, CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..(length + digits)]);
    }
}

/// <summary>The Bot Framework Emulator posting to /api/messages with <c>deliveryMode: expectReplies</c>.</summary>
internal sealed class EmulatorShape : ActivityShape
{
    /// <summary>The Emulator's own local server for proactive replies (never called: replies come back with expectReplies).</summary>
    public const string ServiceUrl = "http://127.0.0.1:50100";

    private static readonly JsonEncodedText ServiceUrlJson = JsonEncodedText.Encode(ServiceUrl);
    private static readonly JsonEncodedText ConversationUpdateType = JsonEncodedText.Encode("conversationUpdate");
    private static readonly JsonEncodedText Emulator = JsonEncodedText.Encode("emulator");
    private static readonly JsonEncodedText ExpectReplies = JsonEncodedText.Encode("expectReplies");
    private static readonly JsonEncodedText UserName = JsonEncodedText.Encode("User");
    private static readonly JsonEncodedText BotName = JsonEncodedText.Encode("Bot");

    public static EmulatorShape Instance { get; } = new();

    public static void WriteConversationUpdate(Utf8JsonWriter writer, ConversationAddress address)
    {
        writer.WriteStartObject();
        WriteCommon(writer, ConversationUpdateType, address);
        writer.WriteStartArray(Names.MembersAdded);
        writer.WriteStartObject();
        writer.WriteString(Names.Id, Names.Bot);
        writer.WriteString(Names.Name, BotName);
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteString(Names.Id, address.UserIdJson);
        writer.WriteString(Names.Name, UserName);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    protected override void WriteMessage(Utf8JsonWriter writer, ConversationAddress address)
    {
        WriteCommon(writer, Names.Message, address);
        writer.WriteString(Names.TextFormat, Names.Plain);
    }

    private static void WriteCommon(Utf8JsonWriter writer, JsonEncodedText type, ConversationAddress address)
    {
        var now = DateTimeOffset.UtcNow;
        writer.WriteString(Names.Type, type);
        address.WriteNextActivityId(writer, Names.Id);
        writer.WriteString(Names.ChannelId, Emulator);
        writer.WriteString(Names.ServiceUrl, ServiceUrlJson);
        writer.WriteString(Names.DeliveryMode, ExpectReplies);
        writer.WriteString(Names.Timestamp, now);
        writer.WriteString(Names.LocalTimestamp, now);
        writer.WriteString(Names.Locale, Names.EnUs);
        writer.WriteStartObject(Names.Conversation);
        writer.WriteString(Names.Id, address.ConversationIdJson);
        writer.WriteEndObject();
        writer.WriteStartObject(Names.From);
        writer.WriteString(Names.Id, address.UserIdJson);
        writer.WriteString(Names.Name, UserName);
        writer.WriteString(Names.Role, Names.User);
        writer.WriteEndObject();
        writer.WriteStartObject(Names.Recipient);
        writer.WriteString(Names.Id, Names.Bot);
        writer.WriteString(Names.Name, BotName);
        writer.WriteString(Names.Role, Names.Bot);
        writer.WriteEndObject();
    }
}

/// <summary>Web Chat posting to Direct Line (the service fills in ids, times, the conversation and the sender).</summary>
internal sealed class WebChatShape : ActivityShape
{
    private static readonly JsonEncodedText DirectLine = JsonEncodedText.Encode("directline");
    private static readonly JsonEncodedText Paris = JsonEncodedText.Encode("Europe/Paris");

    public static WebChatShape Instance { get; } = new();

    protected override void WriteMessage(Utf8JsonWriter writer, ConversationAddress address)
    {
        writer.WriteString(Names.Type, Names.Message);
        writer.WriteString(Names.ChannelId, DirectLine);
        writer.WriteStartObject(Names.From);
        writer.WriteString(Names.Id, address.UserIdJson);
        writer.WriteString(Names.Name, ""u8);
        writer.WriteString(Names.Role, Names.User);
        writer.WriteEndObject();
        writer.WriteString(Names.Locale, Names.EnUs);
        writer.WriteString(Names.LocalTimestamp, DateTimeOffset.UtcNow);
        writer.WriteString(Names.LocalTimezone, Paris);
        writer.WriteString(Names.TextFormat, Names.Plain);
    }

    /// <summary>Web Chat's <c>clientActivityID</c>: ten hex digits of a new GUID.</summary>
    protected override void WriteChannelData(Utf8JsonWriter writer, bool postBack)
    {
        Span<byte> guid = stackalloc byte[32];
        Guid.NewGuid().TryFormat(guid, out _, "N");
        writer.WriteStartObject(Names.ChannelData);
        writer.WriteString(Names.ClientActivityId, guid[..10]);
        if (postBack)
        {
            writer.WriteBoolean(Names.PostBack, true);
        }

        writer.WriteEndObject();
    }
}
