namespace RewardsBot.Runtime.State;

/// <summary>A store that can tell whether it is usable, for the host's health endpoint.</summary>
public interface IStorageHealthCheck
{
    /// <summary>Runs a trivial query against the store. Never throws for an unusable store (only for cancellation): the answer says what is wrong.</summary>
    Task<StorageHealth> CheckHealthAsync(CancellationToken cancellationToken);
}

/// <summary>The answer of <see cref="IStorageHealthCheck.CheckHealthAsync"/>: whether the store is usable and, when not, why and how to fix it.</summary>
public sealed record StorageHealth(bool IsHealthy, string Description)
{
    public static StorageHealth Healthy(string description) => new(true, description);

    public static StorageHealth Unhealthy(string description) => new(false, description);
}
