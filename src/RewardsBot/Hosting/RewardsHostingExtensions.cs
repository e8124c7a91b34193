using Microsoft.Extensions.Options;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Demo;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Hosting;

/// <summary>Settings of the Rewards domain (configuration section <c>Rewards</c>).</summary>
public sealed class RewardsOptions
{
    public const string SectionName = "Rewards";

    /// <summary>Load the demo data set when the store is empty (first run). Default true.</summary>
    public bool LoadDemoData { get; set; } = true;

    /// <summary>Cumulative billed sales (USD) that reach each transact tier; empty = the catalogue's own thresholds.</summary>
    public List<decimal> TierThresholdsUsd { get; set; } = [];
}

/// <summary>The Rewards domain: its store (same SQLite file as bot state, or memory), its catalogue and services.</summary>
internal static class RewardsHostingExtensions
{
    public static WebApplicationBuilder AddRewardsDomain(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RewardsOptions>().BindConfiguration(RewardsOptions.SectionName)
            .Validate(o => o.TierThresholdsUsd.Count == 0 || o.TierThresholdsUsd.SequenceEqual(o.TierThresholdsUsd.Order()), "Rewards:TierThresholdsUsd must rise from one tier to the next.")
            .ValidateOnStart();
        services.AddSingleton<IRewardsStore>(sp => sp.GetRequiredService<IOptions<BotHostOptions>>().Value.Storage == "Memory"
            ? new MemoryRewardsStore()
            : new SqliteRewardsStore(builder.DatabaseConnectionString(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var thresholds = sp.GetRequiredService<IOptions<RewardsOptions>>().Value.TierThresholdsUsd;
            return thresholds.Count == 0 ? BenefitCatalogue.Default : BenefitCatalogue.Default.WithTierThresholds(thresholds);
        });
        services.AddSingleton(sp => CardLibrary.Load(sp.GetRequiredService<BotTexts>()));
        services.AddSingleton(sp => new RewardsServices(
            sp.GetRequiredService<IRewardsStore>(), sp.GetRequiredService<BenefitCatalogue>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<CardLibrary>()));
        services.AddHostedService<RewardsStartup>();
        return builder;
    }
}

/// <summary>
/// At start-up: bring the Rewards schema to the current version (a bad file stops the host with a clear message), then
/// load the demo data set into an empty store.
/// </summary>
internal sealed partial class RewardsStartup(IRewardsStore store, IOptions<RewardsOptions> options, TimeProvider clock, ILogger<RewardsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is SqliteRewardsStore sqlite)
        {
            await sqlite.MigrateAsync(cancellationToken);
            LogMigrated(SqliteRewardsStore.SchemaVersion, RewardsBot.Sqlite.SqliteLibrary.Description);
        }

        if (options.Value.LoadDemoData && await DemoData.LoadIfEmptyAsync(store, clock, cancellationToken))
        {
            LogDemoLoaded(DemoData.Identities.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rewards data schema is at version {Version}; SQLite library: {SqliteLibrary}")]
    private partial void LogMigrated(int version, string sqliteLibrary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the demo data set ({IdentityCount} demo identities) into the empty Rewards store")]
    private partial void LogDemoLoaded(int identityCount);
}
