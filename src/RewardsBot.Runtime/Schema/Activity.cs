using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RewardsBot.Runtime.Schema;

/// <summary>
/// A Bot Framework activity, as on the wire (camelCase JSON, nulls omitted).
/// Properties this type does not name are kept in <see cref="Properties"/> and written back unchanged.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public string? AttachmentLayout { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Entity>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    public JsonNode? Value { get; set; }
    public string? ValueType { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public string? DeliveryMode { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public List<MessageReaction>? ReactionsAdded { get; set; }
    public List<MessageReaction>? ReactionsRemoved { get; set; }
    public string? Action { get; set; }
    public string? TopicName { get; set; }
    public string? CallerId { get; set; }
    public DateTimeOffset? Expiration { get; set; }
    public string? Importance { get; set; }
    public string? Label { get; set; }

    /// <summary>Properties not named above, kept through a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>
    /// A copy to change before sending: its lists, attachments (with their card content), value and channel data are
    /// its own; accounts, suggested actions and extension data are shared with this activity. Much cheaper than a
    /// JSON round trip.
    /// </summary>
    public Activity Copy() => Copy(static attachment => attachment.Copy());

    /// <summary>Like <see cref="Copy()"/>, with each attachment of the copy made by <paramref name="copyAttachment"/>.</summary>
    internal Activity Copy(Func<Attachment, Attachment> copyAttachment)
    {
        var copy = (Activity)MemberwiseClone();
        copy.Attachments = Attachments?.Select(copyAttachment).ToList();
        copy.Entities = Entities is null ? null : [.. Entities];
        copy.MembersAdded = MembersAdded is null ? null : [.. MembersAdded];
        copy.MembersRemoved = MembersRemoved is null ? null : [.. MembersRemoved];
        copy.ChannelData = ChannelData?.DeepClone();
        copy.Value = Value?.DeepClone();
        return copy;
    }

    /// <summary>A message activity with the given text.</summary>
    public static Activity CreateMessageActivity(string? text = null) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>
    /// A reply to this activity: from and recipient swapped, conversation, channel, service URL and locale copied,
    /// and <see cref="ReplyToId"/> set to this activity's id.
    /// </summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = Recipient.Role },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId, Role = From.Role },
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            Name = Conversation.Name,
            IsGroup = Conversation.IsGroup,
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
        },
        ReplyToId = Id,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Locale = Locale,
    };

    /// <summary>The reference to persist for proactive messages.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Type == ActivityTypes.ConversationUpdate && (ChannelId is Channels.DirectLine or Channels.Webchat) ? null : Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    /// <summary>Reads <see cref="ChannelData"/> as <typeparamref name="T"/>; default when absent.</summary>
    public T? GetChannelData<T>() where T : class
        => ChannelData is null ? null : ChannelData.Deserialize<T>(BotJson.Options);

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.Ordinal);
}
