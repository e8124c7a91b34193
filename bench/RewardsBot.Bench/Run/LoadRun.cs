using System.Diagnostics;
using RewardsBot.Bench.Scripts;
using RewardsBot.Bench.Wire;

namespace RewardsBot.Bench.Run;

/// <summary>
/// One load level: N workers, each playing conversations of the scenario back to back, either for a fixed time after
/// a warm-up, or until a number of conversations have finished. Turns/s is counted over the time actually measured.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> ForTimeAsync(IChatPath path, Scenario scenario, int concurrency, TimeSpan warmup, TimeSpan measured)
    {
        var recordFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = recordFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var recorders = await RunWorkersAsync(path, scenario, concurrency, () => Stopwatch.GetTimestamp() >= recordFrom, () => Stopwatch.GetTimestamp() < stopAt);
        return LoadResult.From(concurrency, Stopwatch.GetElapsedTime(recordFrom).TotalSeconds, recorders);
    }

    /// <summary>Until <paramref name="conversations"/> conversations have been played (all recorded, no warm-up).</summary>
    public static async Task<LoadResult> ForConversationsAsync(IChatPath path, Scenario scenario, int concurrency, long conversations)
    {
        var started = Stopwatch.GetTimestamp();
        long taken = 0;
        var recorders = await RunWorkersAsync(path, scenario, concurrency, () => true, () => Interlocked.Increment(ref taken) <= conversations);
        return LoadResult.From(concurrency, Stopwatch.GetElapsedTime(started).TotalSeconds, recorders);
    }

    private static async Task<Recorder[]> RunWorkersAsync(IChatPath path, Scenario scenario, int concurrency, Func<bool> recording, Func<bool> startAnother)
    {
        var recorders = new Recorder[concurrency];
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var worker = w;
            var recorder = recorders[w] = new Recorder();
            workers[w] = Task.Run(async () =>
            {
                using var body = new RequestBody();
                for (long conversation = 0; startAnother(); conversation++)
                {
                    var script = scenario.Pick(worker, conversation);
                    await ConversationPlayer.PlayAsync(path, script, script.UserIdFor((worker * 1_000_000L) + conversation), body, recording, recorder, CancellationToken.None);
                }
            });
        }

        await Task.WhenAll(workers);
        return recorders;
    }
}
