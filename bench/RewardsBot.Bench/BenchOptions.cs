using System.Globalization;
using RewardsBot.Bench.Scripts;

namespace RewardsBot.Bench;

/// <summary>Where the bench sends the scripts.</summary>
internal enum ChatPathKind { Messages, DirectLine }

internal sealed record BenchOptions(
    Uri Url, IReadOnlyList<int> Concurrency, int Seconds, int WarmupSeconds, int MenuMessages, IReadOnlyList<string> Scenarios,
    ChatPathKind Path, long? Conversations, bool AllSteps, string? ColdStartHost, int Runs)
{
    /// <summary>The Direct Line secret comes from the environment, never from the command line.</summary>
    public const string SecretVariable = "BENCH_DIRECTLINE_SECRET";

    public const string Usage = """
        usage: RewardsBot.Bench [--url http://localhost:3978] [--scenario contact,mix|menu] [--concurrency 1,8,32,128]
                                [--seconds 10] [--warmup 2] [--path messages|directline] [--conversations N] [--steps] [--messages 5]
               RewardsBot.Bench --cold-start <published RewardsBot.dll> [--runs 5]
        --path directline reads the Direct Line secret from BENCH_DIRECTLINE_SECRET.
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(new Uri("http://localhost:3978"), [1, 8, 32, 128], 10, 2, 5, Scripts.Scenarios.Default, ChatPathKind.Messages, null, false, null, 5);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            BenchOptions? next = (args[i], value) switch
            {
                ("--url", _) when Uri.TryCreate(value, UriKind.Absolute, out var url) => options with { Url = url },
                ("--concurrency", not null) when Numbers(value) is { } levels => options with { Concurrency = levels },
                ("--seconds", _) when Positive(value) is { } seconds => options with { Seconds = seconds },
                ("--warmup", _) when int.TryParse(value, CultureInfo.InvariantCulture, out var warmup) && warmup >= 0 => options with { WarmupSeconds = warmup },
                ("--messages", _) when Positive(value) is { } messages => options with { MenuMessages = messages },
                ("--scenario", not null) when value.Split(',') is var names && names.All(Scripts.Scenarios.Names.Contains) => options with { Scenarios = names },
                ("--path", "messages") => options with { Path = ChatPathKind.Messages },
                ("--path", "directline") => options with { Path = ChatPathKind.DirectLine },
                ("--conversations", _) when Positive(value) is { } count => options with { Conversations = count },
                ("--cold-start", not null) => options with { ColdStartHost = value },
                ("--runs", _) when Positive(value) is { } runs => options with { Runs = runs },
                ("--steps", _) => options with { AllSteps = true },
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            options = next;
            if (args[i] != "--steps")
            {
                i++;
            }
        }

        return options;
    }

    private static int? Positive(string? value) => int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static int[]? Numbers(string value)
    {
        var parts = value.Split(',').Select(Positive).ToArray();
        return parts.All(p => p is not null) ? [.. parts.Select(p => p!.Value)] : null;
    }
}
