using Microsoft.Extensions.Options;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Hosting;

/// <summary>The Rewards domain: its store (same SQLite file as bot state, or memory), migrated at start-up.</summary>
internal static class RewardsHostingExtensions
{
    public static WebApplicationBuilder AddRewardsDomain(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IRewardsStore>(sp => sp.GetRequiredService<IOptions<BotHostOptions>>().Value.Storage == "Memory"
            ? new MemoryRewardsStore()
            : new SqliteRewardsStore(builder.DatabaseConnectionString(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<RewardsStartup>();
        return builder;
    }
}

/// <summary>At start-up: bring the Rewards schema to the current version, so a bad file stops the host with a clear message.</summary>
internal sealed partial class RewardsStartup(IRewardsStore store, ILogger<RewardsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is SqliteRewardsStore sqlite)
        {
            await sqlite.MigrateAsync(cancellationToken);
            LogMigrated(SqliteRewardsStore.SchemaVersion);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rewards data schema is at version {Version}")]
    private partial void LogMigrated(int version);
}
