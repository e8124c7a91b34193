using System.Net;
using System.Text.Json;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Connector;

/// <summary>Reading the Connector's answers: <c>ResourceResponse</c> on success, <c>ErrorResponse</c> on failure.</summary>
internal static class ConnectorResponses
{
    public const string CorrelatingOperationIdHeader = "X-Correlating-OperationId";

    /// <summary>The channel's id for the activity; a <c>ResourceResponse</c> with a null id when the body is empty or not one.</summary>
    public static async Task<ResourceResponse> ReadResourceResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return TryDeserialize<ResourceResponse>(body) ?? new ResourceResponse();
    }

    /// <summary>The <c>error</c> of an <c>ErrorResponse</c> body, or null when the body is empty or not one.</summary>
    public static async Task<Error?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return TryDeserialize<ErrorResponse>(body)?.Error;
    }

    public static string? CorrelatingOperationId(HttpResponseMessage response)
        => response.Headers.TryGetValues(CorrelatingOperationIdHeader, out var values) ? string.Join(",", values) : null;

    /// <summary>
    /// The exception for a call that failed with a status: names the operation, status and the channel's error,
    /// and says what usually fixes it. It never contains the activity (only what the channel answered).
    /// </summary>
    public static ConnectorException CreateException(string operation, HttpStatusCode status, Error? error, int attempts)
    {
        var code = error?.Code;
        var detail = (code, error?.Message) switch
        {
            (null, null) => "no error body",
            ({ } c, null) => c,
            (null, { } m) => m,
            ({ } c, { } m) => $"{c}: {m}",
        };
        var message = $"Connector {operation} failed with HTTP {(int)status} {status} ({detail}) after {attempts} attempt(s). {Hint(status)}";
        return new ConnectorException((int)status, code, message);
    }

    private static string Hint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest =>
            "The channel rejected the activity: check its type, from, recipient, conversation and attachments.",
        HttpStatusCode.Unauthorized =>
            "The channel rejected the bot's token even after a refresh: check MicrosoftAppId, MicrosoftAppPassword, " +
            "MicrosoftAppType and MicrosoftAppTenantId.",
        HttpStatusCode.Forbidden =>
            "The bot may not post here: it was removed, blocked or disabled by an admin, or (GCC) must use the GCC serviceUrl.",
        HttpStatusCode.NotFound =>
            "The conversation or activity does not exist (any more): use the ids from the incoming activity or the ResourceResponse.",
        HttpStatusCode.RequestEntityTooLarge =>
            "The activity is too large: send fewer or smaller attachments or cards.",
        HttpStatusCode.TooManyRequests =>
            "The channel is still throttling the bot: send fewer messages per conversation, or raise Connector:MaxRetries.",
        _ when ConnectorRetryPolicy.IsRetryableStatus(status) =>
            "The channel kept failing: try again later, or raise Connector:MaxRetries; log the X-Correlating-OperationId for support.",
        _ =>
            "Report the error code and the X-Correlating-OperationId from the log to the channel's support.",
    };

    private static T? TryDeserialize<T>(byte[] body) where T : class
    {
        if (body.Length == 0 || body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            return BotJson.Deserialize<T>(body);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page or a plain-text body: the status still says what happened.
            return null;
        }
    }
}
