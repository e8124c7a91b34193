using Microsoft.Extensions.Options;
using RewardsBot.Runtime.State;

namespace RewardsBot.Hosting;

/// <summary>
/// Deletes conversation and user state not written for <see cref="BotHostOptions.StateRetention"/>, at start and then
/// every quarter of the retention (at most hourly). Without it the state file only grows: every conversation ever held
/// keeps its document, with the last replies it was sent.
/// </summary>
internal sealed partial class StateRetentionService(IStorage storage, IOptions<BotHostOptions> options, TimeProvider clock, ILogger<StateRetentionService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaximumInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage is not IStorageRetention retention)
        {
            return;
        }

        var keep = options.Value.StateRetention;
        var interval = TimeSpan.FromTicks(Math.Clamp(keep.Ticks / 4, MinimumInterval.Ticks, MaximumInterval.Ticks));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            await DeleteOnceAsync(retention, keep, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task DeleteOnceAsync(IStorageRetention retention, TimeSpan keep, CancellationToken stoppingToken)
    {
        try
        {
            var deleted = await retention.DeleteWrittenBeforeAsync(clock.GetUtcNow() - keep, stoppingToken);
            if (deleted > 0)
            {
                LogDeleted(deleted, keep);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDeleteFailed(ex.GetType().FullName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {DocumentCount} conversation and user states not written for {Retention} (Bot:StateRetention)")]
    private partial void LogDeleted(int documentCount, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting conversation and user states past their retention failed with {ExceptionType}; trying again later")]
    private partial void LogDeleteFailed(string? exceptionType);
}
