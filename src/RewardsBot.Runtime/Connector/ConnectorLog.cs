using System.Net;
using Microsoft.Extensions.Logging;

namespace RewardsBot.Runtime.Connector;

/// <summary>
/// Connector log events. They carry the operation, status, error code, attempt and the channel's
/// X-Correlating-OperationId; never the activity, the token, ids from the path or a query string.
/// </summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Connector {Operation} attempt {Attempt} failed with {StatusCode} ({ErrorCode}), operation id {CorrelatingOperationId}; retrying in {RetryDelay}")]
    public static partial void AttemptFailed(
        ILogger logger, string operation, int attempt, HttpStatusCode statusCode, string? errorCode, string? correlatingOperationId, TimeSpan retryDelay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Connector {Operation} attempt {Attempt} was refused with {StatusCode} ({ErrorCode}), operation id {CorrelatingOperationId}; retrying once with a refreshed token")]
    public static partial void Unauthorized(
        ILogger logger, string operation, int attempt, HttpStatusCode statusCode, string? errorCode, string? correlatingOperationId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Connector {Operation} failed with {StatusCode} ({ErrorCode}) after {Attempt} attempt(s), operation id {CorrelatingOperationId}")]
    public static partial void Failed(
        ILogger logger, string operation, int attempt, HttpStatusCode statusCode, string? errorCode, string? correlatingOperationId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Connector {Operation} attempt {Attempt} could not reach {ServiceHost} ({FailureKind}); retrying in {RetryDelay}")]
    public static partial void NetworkAttemptFailed(
        ILogger logger, string operation, int attempt, string serviceHost, string failureKind, TimeSpan retryDelay);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "Connector {Operation} could not reach {ServiceHost} after {Attempt} attempt(s) ({FailureKind})")]
    public static partial void NetworkFailed(
        ILogger logger, string operation, int attempt, string serviceHost, string failureKind, Exception exception);
}
