using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RewardsBot.Endpoints;
using RewardsBot.Hosting;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// The real host on Kestrel at a free loopback port, with its SQLite file in a folder of the test's own.
/// Dispose stops it; the folder is kept until <see cref="TempFolder"/> is disposed so a test can restart over it.
/// </summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BotHost(WebApplication app, Uri address, CapturedLogs logs)
    {
        _app = app;
        Address = address;
        Logs = logs;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>The Direct Line secret every test host is given (outside Development the host requires one).</summary>
    public const string DirectLineSecret = "test-directline-secret-0123456789";

    public Uri Address { get; }
    public HttpClient Client { get; }
    public CapturedLogs Logs { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<BotHost> StartAsync(
        TempFolder folder, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Testing")
    {
        ArgumentNullException.ThrowIfNull(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0"],
            ContentRootPath = folder.Path,
            EnvironmentName = environment,
        });
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RewardsBot"] = $"Data Source={System.IO.Path.Combine(folder.Path, "data", "bot.db")}",
            ["DirectLine:Secret"] = DirectLineSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        builder.AddRewardsBot();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapBotEndpoints();
        await app.StartAsync();
        return new BotHost(app, new Uri(app.Urls.First()), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

