using Microsoft.Extensions.Options;

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
/// at start and then every quarter of the retention (at most hourly).
/// </summary>
internal sealed partial class DirectLineRetentionService(IDirectLineStore store, IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineRetentionService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaximumInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromTicks(Math.Clamp(settings.Retention.Ticks / 4, MinimumInterval.Ticks, MaximumInterval.Ticks));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            await PurgeOnceAsync(settings.Retention, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
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
