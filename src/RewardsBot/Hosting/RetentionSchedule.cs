namespace RewardsBot.Hosting;

/// <summary>
/// When the host's retention services (bot state, Direct Line) delete what is past its retention: at start, then every
/// quarter of the retention, at least 250 ms and at most an hour apart.
/// </summary>
internal static class RetentionSchedule
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaximumInterval = TimeSpan.FromHours(1);

    /// <summary>Runs <paramref name="deleteOnce"/> on the schedule for <paramref name="retention"/> until <paramref name="stoppingToken"/> is cancelled.</summary>
    public static async Task RunAsync(TimeSpan retention, TimeProvider clock, Func<CancellationToken, Task> deleteOnce, CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 4, MinimumInterval.Ticks, MaximumInterval.Ticks));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            await deleteOnce(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
