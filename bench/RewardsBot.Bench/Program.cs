using RewardsBot.Bench;
using RewardsBot.Bench.Run;

// Plays scripted conversations against a running bot (/api/messages with expectReplies, or Direct Line), or measures
// the cold start of a published host. See bench/README.md.
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.ColdStartHost is not null)
{
    return await ColdStart.RunAsync(options.ColdStartHost, options.Runs, CancellationToken.None);
}

return await LoadReport.RunAsync(options, CancellationToken.None);
