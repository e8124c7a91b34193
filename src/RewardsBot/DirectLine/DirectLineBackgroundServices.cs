using Microsoft.Extensions.Options;
using RewardsBot.Hosting;

namespace RewardsBot.DirectLine;

/// <summary>At start-up: create the Direct Line tables, and say (never what) when a random Development secret was made.</summary>
internal sealed partial class DirectLineStartup(IDirectLineStore store, DirectLineKeys keys, IOptions<DirectLineOptions> options, ILogger<DirectLineStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await store.InitializeAsync(cancellationToken);
        if (keys.SecretWasGenerated)
        {
            LogSecretGenerated();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "DirectLine:Secret is not set, so a random Direct Line secret was generated for this run (Development only); tokens end with the process. Set DirectLine:Secret to keep them across restarts")]
    private partial void LogSecretGenerated();
}

/// <summary>
/// Deletes Direct Line conversations idle longer than <see cref="DirectLineOptions.Retention"/>, and older activities,
/// on the <see cref="RetentionSchedule"/>.
/// </summary>
internal sealed partial class DirectLineRetentionService(IDirectLineStore store, IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineRetentionService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        return settings.Enabled
            ? RetentionSchedule.RunAsync(settings.Retention, clock, ct => PurgeOnceAsync(settings.Retention, ct), stoppingToken)
            : Task.CompletedTask;
    }

    private async Task PurgeOnceAsync(TimeSpan retention, CancellationToken stoppingToken)
    {
        try
        {
            var purged = await store.PurgeAsync(clock.GetUtcNow() - retention, stoppingToken);
            if (purged > 0)
            {
                LogPurged(purged);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPurgeFailed(ex.GetType().FullName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {ConversationCount} Direct Line conversations past their retention")]
    private partial void LogPurged(int conversationCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting expired Direct Line conversations failed with {ExceptionType}; trying again later")]
    private partial void LogPurgeFailed(string? exceptionType);
}
