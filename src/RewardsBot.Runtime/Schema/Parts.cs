using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RewardsBot.Runtime.Schema;

/// <summary>A user or bot on a channel.</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The conversation an activity belongs to.</summary>
public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>What a bot persists to message a conversation later.</summary>
public sealed class ConversationReference
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }
}

/// <summary>A button: in suggested actions, hero cards and Teams' <c>msteams</c> submit payloads.</summary>
public sealed class CardAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? ImageAltText { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonNode? Value { get; set; }
    public JsonNode? ChannelData { get; set; }
}

/// <summary>Buttons shown under a message until the user answers.</summary>
public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction>? Actions { get; set; }
}

/// <summary>Metadata about an activity (mention, clientInfo, ...). Unknown entity types are kept as they came.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class MessageReaction
{
    public string? Type { get; set; }
}

/// <summary>The Connector's answer to a send, reply or update: the id of the activity.</summary>
public sealed class ResourceResponse
{
    public ResourceResponse() { }
    public ResourceResponse(string? id) => Id = id;
    public string? Id { get; set; }
}

/// <summary>The body of an <c>expectReplies</c> response.</summary>
public sealed class ExpectedReplies
{
    private List<Activity> _activities = [];

    public List<Activity> Activities
    {
        get => _activities;
        set
        {
            _activities = value;
            WrittenActivities = null;
        }
    }

    /// <summary>
    /// <see cref="Activities"/> as the JSON array <see cref="ActivityWriter"/> writes for them, when the turn wrote it
    /// already (null otherwise): the response is written from it. Dropped when <see cref="Activities"/> is replaced.
    /// </summary>
    internal byte[]? WrittenActivities { get; private set; }

    /// <summary>Replies whose JSON array, when not null, <paramref name="written"/> holds (written by <see cref="ActivityWriter"/>).</summary>
    internal static ExpectedReplies Create(List<Activity> activities, byte[]? written)
        => new() { Activities = activities, WrittenActivities = written };
}

/// <summary>The status and body of the HTTP response to an invoke (or an <c>expectReplies</c> turn).</summary>
public sealed class InvokeResponse
{
    public int Status { get; set; }
    /// <summary>The JSON body: a JsonNode, or any object serialisable with <see cref="BotJson.Options"/>.</summary>
    public object? Body { get; set; }
}

/// <summary>The body a bot returns for an <c>adaptiveCard/action</c> invoke.</summary>
public sealed class AdaptiveCardInvokeResponse
{
    public int StatusCode { get; set; }
    public string? Type { get; set; }
    public JsonNode? Value { get; set; }
}

/// <summary>The error body of the Connector and Direct Line APIs.</summary>
public sealed class ErrorResponse
{
    public Error? Error { get; set; }
}

public sealed class Error
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}
