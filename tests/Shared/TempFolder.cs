using Microsoft.Data.Sqlite;

namespace RewardsBot.Tests.Shared;

/// <summary>
/// A folder of the test's own under the system temp folder, deleted with everything in it when disposed.
/// Compiled into each test project (linked source), so the projects share it without referencing each other.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rewardsbot-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled connections of stores a test forgot to dispose would keep the files open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing process; the OS temp cleaner takes it.
        }
    }
}
