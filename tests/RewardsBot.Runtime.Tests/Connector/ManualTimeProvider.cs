namespace RewardsBot.Runtime.Tests.Connector;

/// <summary>
/// A clock that stands still and records every delay asked of it. With <c>fireTimers</c> it completes delays at once
/// (so retry tests take no real time); without, delays never complete and only cancellation ends them.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset now, bool fireTimers = true) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> requestedDelays = [];
    private readonly TaskCompletionSource firstDelayRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static DateTimeOffset Epoch { get; } = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> RequestedDelays
    {
        get
        {
            lock (gate)
            {
                return [.. requestedDelays];
            }
        }
    }

    /// <summary>Completes when the first delay is requested (e.g. the client started backing off).</summary>
    public Task FirstDelayRequested => firstDelayRequested.Task;

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            requestedDelays.Add(dueTime);
        }

        firstDelayRequested.TrySetResult();
        if (fireTimers)
        {
            // Not inline: the caller is still constructing the object the callback completes.
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new StoppedTimer();
    }

    private sealed class StoppedTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
