using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Connector;

/// <summary>
/// The Bot Connector REST API (section 2 of the protocol reference): what the bot calls to reply, send,
/// update and delete activities. Ids are percent-encoded in paths; the base is the activity's serviceUrl.
/// </summary>
public interface IConnectorClient
{
    /// <summary><c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>POST {serviceUrl}/v3/conversations/{conversationId}/activities</c>.</summary>
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>PUT {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>DELETE {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);
}

/// <summary>A Connector call that failed after any retries; carries the HTTP status and the channel's error code.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(int statusCode, string? errorCode, string message) : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public int StatusCode { get; }
    public string? ErrorCode { get; }
}
