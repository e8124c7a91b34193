using RewardsBot.Endpoints;
using RewardsBot.Hosting;
using RewardsBot.Teams;

if (TeamsPackageCommand.TryRun(args, out var exitCode))
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddRewardsBot();

var app = builder.Build();
app.MapBotEndpoints();
app.Run();
return 0;

/// <summary>The host's entry point (public so tests can find the assembly).</summary>
public partial class Program;
