using Microsoft.Playwright;

namespace RewardsBot.BrowserTests.Infrastructure;

/// <summary>
/// Debian's chromium, started once for all browser tests by Playwright (its own browser download is never used). Each
/// test gets a fresh context: no cookies or storage shared between tests.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The flags the machine needs: as root, no GPU, and no background calls into a closed network.</summary>
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        // On a fresh machine the first run installs chromium and the font (as root with apt-get; otherwise the error
        // says what to install), so that `dotnet test` is the whole set-up.
        await DebianPackages.InstallAsync(await DebianPackages.MissingAsync(ExecutablePath));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            Timeout = 60_000,
        });
    }

    public async Task<IBrowserContext> NewContextAsync(string locale = "en-US", int width = 1280, int height = 900)
        => await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "UTC",
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>All browser tests share one chromium and run one at a time (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
