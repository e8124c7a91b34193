using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Connector;

/// <summary>
/// <see cref="IConnectorClient"/> over HTTP, with bounded retries (<see cref="ConnectorClientOptions"/>):
/// 429 honouring <c>Retry-After</c>; 412, 502, 503, 504 and transient network failures with exponential backoff
/// and jitter; one forced token refresh on 401. Other failures are not repeated.
/// </summary>
/// <remarks>
/// Register as a typed client: <c>services.AddHttpClient&lt;IConnectorClient, ConnectorClient&gt;()</c>, plus
/// <see cref="ConnectorClientOptions"/>, an <see cref="IAccessTokenProvider"/> and <see cref="TimeProvider"/>.
/// A status failure throws <see cref="ConnectorException"/>; when no response arrives after all attempts it throws
/// <see cref="HttpRequestException"/> (unreachable) or <see cref="TimeoutException"/> (HttpClient.Timeout elapsed).
/// </remarks>
public sealed class ConnectorClient : IConnectorClient
{
    private readonly HttpClient httpClient;
    private readonly IAccessTokenProvider tokenProvider;
    private readonly ConnectorClientOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ConnectorClient> logger;

    public ConnectorClient(
        HttpClient httpClient,
        IAccessTokenProvider tokenProvider,
        IOptions<ConnectorClientOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var validation = new ConnectorClientOptionsValidator().Validate(Options.DefaultName, options.Value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ConnectorClientOptions), validation.Failures);
        }

        this.httpClient = httpClient;
        this.tokenProvider = tokenProvider;
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public Task<ResourceResponse> ReplyToActivityAsync(
        string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(activityId);
        var body = ConnectorRequest.SerializeActivity(activity, keepId: false);
        var request = ConnectorRequest.ForActivities("ReplyToActivity", HttpMethod.Post, serviceUrl, conversationId, activityId, body);
        return SendAsync(request, cancellationToken);
    }

    public Task<ResourceResponse> SendToConversationAsync(
        string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(conversationId);
        var body = ConnectorRequest.SerializeActivity(activity, keepId: false);
        var request = ConnectorRequest.ForActivities("SendToConversation", HttpMethod.Post, serviceUrl, conversationId, null, body);
        return SendAsync(request, cancellationToken);
    }

    public Task<ResourceResponse> UpdateActivityAsync(
        string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(activityId);
        var body = ConnectorRequest.SerializeActivity(activity, keepId: true);
        var request = ConnectorRequest.ForActivities("UpdateActivity", HttpMethod.Put, serviceUrl, conversationId, activityId, body);
        return SendAsync(request, cancellationToken);
    }

    public Task DeleteActivityAsync(
        string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(activityId);
        var request = ConnectorRequest.ForActivities("DeleteActivity", HttpMethod.Delete, serviceUrl, conversationId, activityId, null);
        return SendAsync(request, cancellationToken);
    }

    private async Task<ResourceResponse> SendAsync(ConnectorRequest request, CancellationToken cancellationToken)
    {
        var retries = 0;
        var tokenRefreshed = false;
        var forceRefresh = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokenProvider.GetAccessTokenAsync(forceRefresh, cancellationToken);
            forceRefresh = false;

            HttpResponseMessage response;
            try
            {
                using var message = request.CreateMessage(token);
                response = await httpClient.SendAsync(message, cancellationToken);
            }
            catch (Exception exception) when (ConnectorRetryPolicy.IsTransientNetworkFailure(exception, cancellationToken))
            {
                var failureKind = exception is HttpRequestException http ? http.HttpRequestError.ToString() : "Timeout";
                if (retries >= options.MaxRetries)
                {
                    ConnectorLog.NetworkFailed(logger, request.Operation, attempt, request.Host, failureKind, exception);
                    throw NoResponse(request, attempt, exception);
                }

                var backoff = ConnectorRetryPolicy.Backoff(retries++, options);
                ConnectorLog.NetworkAttemptFailed(logger, request.Operation, attempt, request.Host, failureKind, backoff);
                await Task.Delay(backoff, timeProvider, cancellationToken);
                continue;
            }

            TimeSpan delay;
            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return await ConnectorResponses.ReadResourceResponseAsync(response, cancellationToken);
                }

                var status = response.StatusCode;
                var error = await ConnectorResponses.ReadErrorAsync(response, cancellationToken);
                var operationId = ConnectorResponses.CorrelatingOperationId(response);
                if (status == HttpStatusCode.Unauthorized && !tokenRefreshed)
                {
                    // The cached token may have been revoked or rotated early: fetch a new one and try once more.
                    tokenRefreshed = forceRefresh = true;
                    ConnectorLog.Unauthorized(logger, request.Operation, attempt, status, error?.Code, operationId);
                    continue;
                }

                if (!ConnectorRetryPolicy.IsRetryableStatus(status) || retries >= options.MaxRetries)
                {
                    ConnectorLog.Failed(logger, request.Operation, attempt, status, error?.Code, operationId);
                    throw ConnectorResponses.CreateException(request.Operation, status, error, attempt);
                }

                // Retry-After is honoured on any retryable status (RFC 9110 allows it on 503 too); without it, back off.
                delay = ConnectorRetryPolicy.RetryAfter(response.Headers, timeProvider, options.MaxRetryAfter)
                    ?? ConnectorRetryPolicy.Backoff(retries, options);
                retries++;
                ConnectorLog.AttemptFailed(logger, request.Operation, attempt, status, error?.Code, operationId, delay);
            }

            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    private static Exception NoResponse(ConnectorRequest request, int attempts, Exception last) => last switch
    {
        HttpRequestException http => new HttpRequestException(
            http.HttpRequestError,
            $"Connector {request.Operation} could not reach {request.Host} in {attempts} attempt(s): {http.Message} " +
            "Check that the activity's serviceUrl is reachable from this host (for the Emulator: that it is still running " +
            "on that port, or that the tunnel URL in its settings is up).",
            http),
        _ => new TimeoutException(
            $"Connector {request.Operation} to {request.Host} got no response within HttpClient.Timeout in {attempts} attempt(s). " +
            "Check that the channel is reachable from this host, or raise the Connector HttpClient's Timeout.",
            last),
    };
}
