namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// A test class talking to the real host on a loopback port, with a loopback Connector receiving what the bot sends
/// to its <c>serviceUrl</c>, over a fresh folder (SQLite file) per test.
/// </summary>
public abstract class LoopbackBotTest : IAsyncLifetime
{
    protected TempFolder Folder { get; } = new();

    protected LoopbackConnector Connector { get; private set; } = null!;

    protected BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await LoopbackConnector.StartAsync();
        Host = await StartHostAsync(Folder);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        Folder.Dispose();
    }

    /// <summary>The host under test; the real bot with default settings unless a test class says otherwise.</summary>
    protected virtual Task<BotHost> StartHostAsync(TempFolder folder) => BotHost.StartAsync(folder);
}
