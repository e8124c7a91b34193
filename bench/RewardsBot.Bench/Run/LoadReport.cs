using System.Globalization;
using RewardsBot.Bench.Scripts;
using RewardsBot.Bench.Wire;

namespace RewardsBot.Bench.Run;

/// <summary>Runs each scenario at each concurrency level (or until N conversations) and prints the figures.</summary>
internal static class LoadReport
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var secret = Environment.GetEnvironmentVariable(BenchOptions.SecretVariable);
        if (options.Path == ChatPathKind.DirectLine && string.IsNullOrEmpty(secret))
        {
            await Console.Error.WriteLineAsync($"--path directline needs the host's Direct Line secret in {BenchOptions.SecretVariable} (bench/run.sh sets both).");
            return 2;
        }

        var failed = false;
        foreach (var name in options.Scenarios)
        {
            var scenario = Scenarios.Get(name, options.MenuMessages);
            Console.WriteLine();
            Console.WriteLine(Describe(options, scenario));
            Console.WriteLine(LoadResult.Header);
            foreach (var concurrency in options.Conversations is null ? options.Concurrency : options.Concurrency.Take(1))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using IChatPath path = options.Path == ChatPathKind.DirectLine
                    ? new DirectLinePath(options.Url, secret!, concurrency)
                    : new ExpectRepliesPath(options.Url);
                var result = options.Conversations is { } count
                    ? await LoadRun.ForConversationsAsync(path, scenario, concurrency, count)
                    : await LoadRun.ForTimeAsync(path, scenario, concurrency, TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.Seconds));
                Console.WriteLine(result.ToTableRow());
                foreach (var row in result.StepRows(options.AllSteps))
                {
                    Console.WriteLine(row);
                }

                failed |= result.Errors > 0;
            }
        }

        return failed ? 1 : 0;
    }

    private static string Describe(BenchOptions options, Scenario scenario)
    {
        var scripts = string.Join(", ", scenario.Scripts.GroupBy(s => s.Script.Name).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(s => s.Weight)}")));
        var length = options.Conversations is { } count
            ? string.Create(CultureInfo.InvariantCulture, $"until {count} conversations have been played")
            : string.Create(CultureInfo.InvariantCulture, $"{options.Seconds}s per level after {options.WarmupSeconds}s warm-up");
        return string.Create(CultureInfo.InvariantCulture,
            $"scenario {scenario.Name} ({scripts}) over {(options.Path == ChatPathKind.DirectLine ? "Direct Line (post + WebSocket)" : "/api/messages (expectReplies)")} at {options.Url}  {length}  {Environment.ProcessorCount} cores");
    }
}
