using Microsoft.Extensions.Options;
using RewardsBot.Runtime.State;

namespace RewardsBot.Hosting;

/// <summary>
/// Deletes conversation and user state not written for <see cref="BotHostOptions.StateRetention"/>, on the
/// <see cref="RetentionSchedule"/>. Without it the state file only grows: every conversation ever held
/// keeps its document, with the last replies it was sent.
/// </summary>
internal sealed partial class StateRetentionService(IStorage storage, IOptions<BotHostOptions> options, TimeProvider clock, ILogger<StateRetentionService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage is not IStorageRetention retention)
        {
            return Task.CompletedTask;
        }

        var keep = options.Value.StateRetention;
        return RetentionSchedule.RunAsync(keep, clock, ct => DeleteOnceAsync(retention, keep, ct), stoppingToken);
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
