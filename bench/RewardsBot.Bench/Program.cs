using System.Globalization;
using RewardsBot.Bench;

// Plays scripted conversations against a running bot's /api/messages with deliveryMode expectReplies.
// Usage: dotnet run -c Release --project bench/RewardsBot.Bench -- [--url http://localhost:3978] [--concurrency 1,8,32,128]
//        [--seconds 10] [--warmup 2] [--messages 5]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"target {options.Url}  script: conversationUpdate + {options.MessagesPerConversation} messages  {options.Seconds}s per level after {options.WarmupSeconds}s warm-up  {Environment.ProcessorCount} cores"));
Console.WriteLine("concurrency  turns/s   p50 ms   p95 ms   p99 ms   turns   errors");
var failed = false;
foreach (var concurrency in options.Concurrency)
{
    var result = await LoadRun.RunAsync(options, concurrency);
    Console.WriteLine(result.ToTableRow());
    failed |= result.Errors > 0;
}

return failed ? 1 : 0;
