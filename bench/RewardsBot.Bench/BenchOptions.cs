using System.Globalization;

namespace RewardsBot.Bench;

internal sealed record BenchOptions(Uri Url, IReadOnlyList<int> Concurrency, int Seconds, int WarmupSeconds, int MessagesPerConversation)
{
    public const string Usage = "usage: RewardsBot.Bench [--url http://localhost:3978] [--concurrency 1,8,32,128] [--seconds 10] [--warmup 2] [--messages 5]";

    public static BenchOptions? Parse(string[] args)
    {
        var url = new Uri("http://localhost:3978");
        int[] concurrency = [1, 8, 32, 128];
        int seconds = 10, warmup = 2, messages = 5;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--url" when Uri.TryCreate(value, UriKind.Absolute, out var parsed):
                    url = parsed;
                    break;
                case "--concurrency" when value is not null:
                    concurrency = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--seconds" when int.TryParse(value, CultureInfo.InvariantCulture, out var s) && s > 0:
                    seconds = s;
                    break;
                case "--warmup" when int.TryParse(value, CultureInfo.InvariantCulture, out var w) && w >= 0:
                    warmup = w;
                    break;
                case "--messages" when int.TryParse(value, CultureInfo.InvariantCulture, out var m) && m > 0:
                    messages = m;
                    break;
                default:
                    return null;
            }

            i++;
        }

        return concurrency.All(c => c > 0) ? new BenchOptions(url, concurrency, seconds, warmup, messages) : null;
    }
}
