using Microsoft.Extensions.DependencyInjection;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// A test class whose tests start the real host themselves (each with its own settings or bot), and may stop it and
/// start it again over the same folder; whatever is still running is stopped, and the folder deleted, after the test.
/// </summary>
public abstract class OwnHostTest : IAsyncLifetime
{
    private BotHost? _host;

    /// <summary>The test's folder (its SQLite file is <c>data/bot.db</c>), kept across restarts.</summary>
    protected TempFolder Folder { get; } = new();

    /// <summary>The running host.</summary>
    /// <exception cref="InvalidOperationException">No host is running.</exception>
    protected BotHost Host => _host ?? throw new InvalidOperationException("The test has not started its host (StartHostAsync), or stopped it.");

    /// <summary>Nothing by default: tests start the host with their own settings; a class may start it here.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopHostAsync();
        Folder.Dispose();
    }

    /// <summary>Starts the host over <see cref="Folder"/> (see <see cref="BotHost.StartAsync"/>).</summary>
    protected async Task<BotHost> StartHostAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
        => _host = await BotHost.StartAsync(Folder, settings, services);

    /// <summary>Stops the host if one runs; it is gone as soon as this is called, before the stop completes.</summary>
    protected async Task StopHostAsync()
    {
        var host = _host;
        _host = null;
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
