using System.Runtime.InteropServices;
using RewardsBot.Sqlite;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.Resilience;

/// <summary>
/// The host runs on the operating system's SQLite when it has one (the bundled e_sqlite3 pauses whole seconds, which
/// showed as one-second turns under load), says which at start-up, and can be told to use the bundled one.
/// </summary>
public sealed class SqliteLibraryTests
{
    [Fact]
    public async Task The_host_runs_on_the_system_SQLite_when_it_is_installed_and_says_so()
    {
        Assert.True(OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libsqlite3.so.0", out _),
            "This test needs Debian's libsqlite3-0 (apt-get install -y libsqlite3-0; .ci/run installs it).");
        using var folder = new TempFolder();
        await using var host = await HostProcess.StartAsync(folder);

        await WaitForAsync(host, "SQLite library:");

        Assert.Contains("SQLite library: libsqlite3.so.0 (SQLite 3.", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bundled_SQLite_is_used_when_the_setting_asks_for_it()
    {
        using var folder = new TempFolder();
        await using var host = await HostProcess.StartAsync(folder, new Dictionary<string, string?> { [SqliteLibrary.EnvironmentVariable] = "bundled" });

        await WaitForAsync(host, "SQLite library:");

        Assert.Contains("SQLite library: e_sqlite3 (SQLite 3.", host.Output, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(HostProcess host, string text)
    {
        // The line is written at start-up, before the host listens; the wait only covers console buffering.
        for (var i = 0; i < 100 && !host.Output.Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }
    }
}
