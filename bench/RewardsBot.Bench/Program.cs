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

// The load generator shares the cores with the bot it measures, so it should cost as little CPU per turn as it can:
// socket completions (the continuation that reads a reply, checks it and sends the next activity) run on the socket
// engine's own thread instead of waking a thread-pool thread for each. The runtime reads this variable once, when the
// first socket is used; no continuation of the bench blocks. Set after the cold-start branch: the hosts it spawns
// must not inherit it. See bench/README.md.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

return await LoadReport.RunAsync(options, CancellationToken.None);
