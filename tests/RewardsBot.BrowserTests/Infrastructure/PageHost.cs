using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RewardsBot.Endpoints;
using RewardsBot.Hosting;

namespace RewardsBot.BrowserTests.Infrastructure;

/// <summary>
/// The real host, as Program.cs builds it, on Kestrel at a free loopback port, with its SQLite file in a folder of the
/// test's own and the help page's wwwroot from the source tree (where the build put Web Chat).
/// </summary>
public sealed class PageHost : IAsyncDisposable
{
    /// <summary>The host's Direct Line secret in these tests (its Direct Line is in process; the page never sees it).</summary>
    public const string DirectLineSecret = "browser-tests-direct-line-secret-0123456789";

    private readonly WebApplication _app;

    private PageHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static string WebRoot { get; } = Metadata("HelpPageWebRoot");

    public static async Task<PageHost> StartAsync(TempFolder folder, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!File.Exists(Path.Combine(WebRoot, "lib", "botframework-webchat", "webchat.js")))
        {
            throw new InvalidOperationException($"Web Chat is missing from {WebRoot}/lib: build src/RewardsBot first (its build runs npm ci and copies the bundle).");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0"],
            ContentRootPath = folder.Path,
            WebRootPath = WebRoot,
            EnvironmentName = "Testing",
        });
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RewardsBot"] = $"Data Source={Path.Combine(folder.Path, "data", "bot.db")}",
            ["DirectLine:Secret"] = DirectLineSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.Logging.ClearProviders();
        builder.AddRewardsBot();
        var app = builder.Build();
        app.MapBotEndpoints();
        await app.StartAsync();
        return new PageHost(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal static string Metadata(string key)
        => typeof(PageHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
           ?? throw new InvalidOperationException($"The test assembly has no {key} metadata (see the .csproj).");
}
