using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Schema;

/// <summary>
/// Writes activities exactly as <see cref="BotJson.Options"/> serialises them (same names, order, omitted nulls, dates
/// and extension data), straight to a <see cref="Utf8JsonWriter"/>. It is the hot path of every <c>expectReplies</c>
/// turn: the serializer cannot use its source-generated fast path for types with extension data, and goes through its
/// resumable converters; this writes each property directly with its name encoded once. A test compares both outputs
/// for an activity with every property set, so a property added to the schema without being added here fails it.
/// </summary>
public static partial class ActivityWriter
{
    private static readonly WireDateTimeOffsetConverter Dates = new();

    private static readonly JsonEncodedText Activities = Name("activities");
    private static readonly JsonEncodedText Type = Name("type");
    private static readonly JsonEncodedText Id = Name("id");
    private static readonly JsonEncodedText Timestamp = Name("timestamp");
    private static readonly JsonEncodedText LocalTimestamp = Name("localTimestamp");
    private static readonly JsonEncodedText LocalTimezone = Name("localTimezone");
    private static readonly JsonEncodedText ServiceUrl = Name("serviceUrl");
    private static readonly JsonEncodedText ChannelId = Name("channelId");
    private static readonly JsonEncodedText From = Name("from");
    private static readonly JsonEncodedText Recipient = Name("recipient");
    private static readonly JsonEncodedText Conversation = Name("conversation");
    private static readonly JsonEncodedText ReplyToId = Name("replyToId");
    private static readonly JsonEncodedText Locale = Name("locale");
    private static readonly JsonEncodedText Text = Name("text");
    private static readonly JsonEncodedText TextFormat = Name("textFormat");
    private static readonly JsonEncodedText Speak = Name("speak");
    private static readonly JsonEncodedText InputHint = Name("inputHint");
    private static readonly JsonEncodedText Summary = Name("summary");
    private static readonly JsonEncodedText AttachmentsName = Name("attachments");
    private static readonly JsonEncodedText AttachmentLayout = Name("attachmentLayout");
    private static readonly JsonEncodedText SuggestedActionsName = Name("suggestedActions");
    private static readonly JsonEncodedText Entities = Name("entities");
    private static readonly JsonEncodedText ChannelData = Name("channelData");
    private static readonly JsonEncodedText Value = Name("value");
    private static readonly JsonEncodedText ValueType = Name("valueType");
    private static readonly JsonEncodedText NameName = Name("name");
    private static readonly JsonEncodedText RelatesTo = Name("relatesTo");
    private static readonly JsonEncodedText Code = Name("code");
    private static readonly JsonEncodedText DeliveryMode = Name("deliveryMode");
    private static readonly JsonEncodedText MembersAdded = Name("membersAdded");
    private static readonly JsonEncodedText MembersRemoved = Name("membersRemoved");
    private static readonly JsonEncodedText ReactionsAdded = Name("reactionsAdded");
    private static readonly JsonEncodedText ReactionsRemoved = Name("reactionsRemoved");
    private static readonly JsonEncodedText Action = Name("action");
    private static readonly JsonEncodedText TopicName = Name("topicName");
    private static readonly JsonEncodedText CallerId = Name("callerId");
    private static readonly JsonEncodedText Expiration = Name("expiration");
    private static readonly JsonEncodedText Importance = Name("importance");
    private static readonly JsonEncodedText Label = Name("label");
    private static readonly JsonEncodedText AadObjectId = Name("aadObjectId");
    private static readonly JsonEncodedText Role = Name("role");
    private static readonly JsonEncodedText IsGroup = Name("isGroup");
    private static readonly JsonEncodedText ConversationType = Name("conversationType");
    private static readonly JsonEncodedText TenantId = Name("tenantId");
    private static readonly JsonEncodedText ActivityId = Name("activityId");
    private static readonly JsonEncodedText User = Name("user");
    private static readonly JsonEncodedText Bot = Name("bot");
    private static readonly JsonEncodedText ContentType = Name("contentType");
    private static readonly JsonEncodedText ContentUrl = Name("contentUrl");
    private static readonly JsonEncodedText Content = Name("content");
    private static readonly JsonEncodedText ThumbnailUrl = Name("thumbnailUrl");
    private static readonly JsonEncodedText To = Name("to");
    private static readonly JsonEncodedText Actions = Name("actions");
    private static readonly JsonEncodedText Title = Name("title");
    private static readonly JsonEncodedText Image = Name("image");
    private static readonly JsonEncodedText ImageAltText = Name("imageAltText");
    private static readonly JsonEncodedText DisplayText = Name("displayText");

    /// <summary>The options of the writer to use: those the serializer would use with <see cref="BotJson.Options"/>.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = BotJson.Options.Encoder,
        MaxDepth = BotJson.Options.MaxDepth,
        SkipValidation = true,
    };

    /// <summary>Writes <paramref name="replies"/> as the body of an <c>expectReplies</c> response.</summary>
    public static void Write(Utf8JsonWriter writer, ExpectedReplies replies)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(replies);
        writer.WriteStartObject();
        if (replies.WrittenActivities is { } written)
        {
            // The array this writer wrote for these activities earlier in the turn: copied as it is.
            writer.WritePropertyName(Activities);
            writer.WriteRawValue(written, skipInputValidation: true);
        }
        else if (replies.Activities is { } activities)
        {
            writer.WritePropertyName(Activities);
            writer.WriteStartArray();
            foreach (var activity in activities)
            {
                Write(writer, activity);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <paramref name="activities"/> as a JSON array (what the serializer writes for <c>Activity[]</c>).</summary>
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<Activity?> activities)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(activities);
        writer.WriteStartArray();
        foreach (var activity in activities)
        {
            Write(writer, activity);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes one activity (null as JSON null).</summary>
    public static void Write(Utf8JsonWriter writer, Activity? activity)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (activity is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        String(writer, Type, activity.Type);
        String(writer, Id, activity.Id);
        Date(writer, Timestamp, activity.Timestamp);
        Date(writer, LocalTimestamp, activity.LocalTimestamp);
        String(writer, LocalTimezone, activity.LocalTimezone);
        String(writer, ServiceUrl, activity.ServiceUrl);
        String(writer, ChannelId, activity.ChannelId);
        Account(writer, From, activity.From);
        Account(writer, Recipient, activity.Recipient);
        ConversationAccount(writer, Conversation, activity.Conversation);
        String(writer, ReplyToId, activity.ReplyToId);
        String(writer, Locale, activity.Locale);
        String(writer, Text, activity.Text);
        String(writer, TextFormat, activity.TextFormat);
        String(writer, Speak, activity.Speak);
        String(writer, InputHint, activity.InputHint);
        String(writer, Summary, activity.Summary);
        List(writer, AttachmentsName, activity.Attachments, Attachment);
        String(writer, AttachmentLayout, activity.AttachmentLayout);
        SuggestedActions(writer, activity.SuggestedActions);
        List(writer, Entities, activity.Entities, Entity);
        Node(writer, ChannelData, activity.ChannelData);
        Node(writer, Value, activity.Value);
        String(writer, ValueType, activity.ValueType);
        String(writer, NameName, activity.Name);
        Reference(writer, activity.RelatesTo);
        String(writer, Code, activity.Code);
        String(writer, DeliveryMode, activity.DeliveryMode);
        List(writer, MembersAdded, activity.MembersAdded, AccountValue);
        List(writer, MembersRemoved, activity.MembersRemoved, AccountValue);
        List(writer, ReactionsAdded, activity.ReactionsAdded, Reaction);
        List(writer, ReactionsRemoved, activity.ReactionsRemoved, Reaction);
        String(writer, Action, activity.Action);
        String(writer, TopicName, activity.TopicName);
        String(writer, CallerId, activity.CallerId);
        Date(writer, Expiration, activity.Expiration);
        String(writer, Importance, activity.Importance);
        String(writer, Label, activity.Label);
        Extensions(writer, activity.Properties);
        writer.WriteEndObject();
    }

    /// <summary>
    /// <paramref name="node"/> as the compact UTF-8 JSON this writer writes for it (e.g. as an attachment's content): the
    /// form <see cref="Attachment.ContentJson"/> holds.
    /// </summary>
    internal static byte[] ToJson(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer, BotJson.Options);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><paramref name="activities"/> as the JSON array <see cref="WriteArray"/> writes, as UTF-8 (a new array).</summary>
    internal static byte[] ToJsonArray(IEnumerable<Activity?> activities)
        => JsonBytes.Write(activities, WriteArray);

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name);

    private static void String(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Date(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            writer.WritePropertyName(name);
            Dates.Write(writer, date, BotJson.Options);
        }
    }

    private static void Node(Utf8JsonWriter writer, JsonEncodedText name, JsonNode? value)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer, BotJson.Options);
        }
    }

    private static void List<T>(Utf8JsonWriter writer, JsonEncodedText name, List<T>? items, Action<Utf8JsonWriter, T> write)
    {
        if (items is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Properties kept from the wire: their names as they came, after the named ones.</summary>
    private static void Extensions(Utf8JsonWriter writer, Dictionary<string, JsonElement>? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
