using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RewardsBot.DirectLine;

/// <summary>
/// A token bucket per Direct Line token subject (conversation and user, so a refreshed token shares its bucket):
/// <see cref="DirectLineOptions.RequestBurst"/> calls at once, refilled at <see cref="DirectLineOptions.RequestsPerMinute"/>.
/// Calls with the secret (the host's own server) are not throttled.
/// </summary>
internal sealed class DirectLineThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public DirectLineThrottle(IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.RequestBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / settings.RequestsPerMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(subject => RateLimitPartition.GetTokenBucketLimiter(subject, _ => bucket), StringComparer.Ordinal);
    }

    /// <summary>Takes one call from the subject's bucket; when empty, says how long until the next one.</summary>
    public bool TryAcquire(DirectLineTokenClaims claims, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(claims);
        using var lease = _limiter.AttemptAcquire(claims.ConversationId + "\n" + claims.UserId);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
