using Microsoft.Extensions.Diagnostics.HealthChecks;
using RewardsBot.Runtime.State;

namespace RewardsBot.Hosting;

/// <summary>/healthz: the state store answers (its own check when it has one, else a read).</summary>
public sealed class StorageHealthCheck(IStorage storage) : IHealthCheck
{
    private static readonly string[] ProbeKey = ["healthz/probe"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (storage is IStorageHealthCheck selfCheck)
        {
            var health = await selfCheck.CheckHealthAsync(cancellationToken);
            return health.IsHealthy ? HealthCheckResult.Healthy(health.Description) : HealthCheckResult.Unhealthy(health.Description);
        }

        try
        {
            await storage.ReadAsync(ProbeKey, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The state store cannot be read.", ex);
        }
    }
}
