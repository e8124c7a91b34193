using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace RewardsBot.Hosting;

/// <summary>
/// Every <see cref="BotHostOptions.NativeMemoryTrimInterval"/>, gives the native memory the C library holds freed back
/// to the operating system (<see cref="NativeMemoryTrim"/>); off when the interval is zero or the C library cannot.
/// </summary>
internal sealed partial class NativeMemoryTrimService : BackgroundService
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly Func<bool> _trim;
    private readonly ILogger<NativeMemoryTrimService> _logger;
    private long _trims;

    public NativeMemoryTrimService(IOptions<BotHostOptions> options, TimeProvider clock, ILogger<NativeMemoryTrimService> logger)
        : this(NativeMemoryTrim.IsSupported ? options.Value.NativeMemoryTrimInterval : TimeSpan.Zero, clock, NativeMemoryTrim.TryTrim, logger)
    {
    }

    /// <summary>For tests: another trim, another interval.</summary>
    internal NativeMemoryTrimService(TimeSpan interval, TimeProvider clock, Func<bool> trim, ILogger<NativeMemoryTrimService> logger)
    {
        _interval = interval;
        _clock = clock;
        _trim = trim;
        _logger = logger;
    }

    /// <summary>How many trims have run (for tests).</summary>
    public long Trims => Interlocked.Read(ref _trims);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // What it released is read (from /proc) only for the debug log.
                var debug = _logger.IsEnabled(LogLevel.Debug);
                var started = Stopwatch.GetTimestamp();
                var before = debug ? Environment.WorkingSet : 0;
                var released = _trim();
                Interlocked.Increment(ref _trims);
                if (released && debug)
                {
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    LogTrimmed((before - Environment.WorkingSet) / 1024, elapsed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Native memory trimmed: resident memory {ReleasedKilobytes} KB lower after {ElapsedMilliseconds:F1} ms")]
    private partial void LogTrimmed(long releasedKilobytes, double elapsedMilliseconds);
}
