using System.Net;
using System.Net.Http.Headers;

namespace RewardsBot.Runtime.Connector;

/// <summary>Which failed Connector calls are worth repeating, and how long to wait first.</summary>
internal static class ConnectorRetryPolicy
{
    /// <summary>
    /// Statuses that may succeed if repeated later. This follows Teams' "Status codes from bot conversational APIs":
    /// 429 (throttled), 412 (a transient precondition conflict) and 502/503/504 (gateway or service briefly away).
    /// 500 is deliberately not here: Teams documents it as non-retryable, because the service already failed in a
    /// way a repeat would hit again, and a send that half succeeded could post the message twice.
    /// 400, 403, 404, 413 and 501 describe the request or the bot's standing and fail the same way every time;
    /// 401 is handled separately with one forced token refresh.
    /// </summary>
    public static bool IsRetryableStatus(HttpStatusCode status)
        => status is HttpStatusCode.TooManyRequests
            or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Failures without a response that a repeat may get past: refused or reset connections, DNS hiccups and
    /// HttpClient timeouts (a cancellation the caller did not ask for). TLS and proxy-authentication failures
    /// and the caller's own cancellation are not transient.
    /// </summary>
    public static bool IsTransientNetworkFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException http => http.HttpRequestError is not (HttpRequestError.SecureConnectionError
            or HttpRequestError.UserAuthenticationError
            or HttpRequestError.ConfigurationLimitExceeded),
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// Exponential backoff for retry number <paramref name="retry"/> (0 for the first retry) with "equal jitter":
    /// half of the capped delay is fixed and half random, so bots that failed together do not retry together,
    /// yet no retry is immediate.
    /// </summary>
    public static TimeSpan Backoff(int retry, ConnectorClientOptions options)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, retry);
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        // Random.Shared is fine here: jitter spreads retries and needs no cryptographic randomness.
        var jittered = (capped / 2) + (Random.Shared.NextDouble() * capped / 2);
        return TimeSpan.FromMilliseconds(jittered);
    }

    /// <summary>
    /// The wait a <c>Retry-After</c> header asks for (delta seconds or an HTTP date), never negative and at most
    /// <paramref name="max"/>; <c>null</c> when the header is absent or unreadable.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider timeProvider, TimeSpan max)
    {
        var header = headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date - timeProvider.GetUtcNow());
        if (wait is not { } requested)
        {
            return null;
        }

        return requested < TimeSpan.Zero ? TimeSpan.Zero : requested > max ? max : requested;
    }
}
