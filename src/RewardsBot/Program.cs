using RewardsBot.Endpoints;
using RewardsBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRewardsBot();

var app = builder.Build();
app.MapBotEndpoints();
app.Run();

/// <summary>The host's entry point (public so tests can find the assembly).</summary>
public partial class Program;
