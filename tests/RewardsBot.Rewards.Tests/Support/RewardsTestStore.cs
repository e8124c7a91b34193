using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Tests.Support;

/// <summary>
/// The store the Rewards service tests run against: a real SQLite file, one per test, in a folder of this test run
/// that is deleted when the run ends. (The store contract suite runs against both the SQLite and the memory store.)
/// </summary>
internal static class RewardsTestStore
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var path = Directory.CreateTempSubdirectory("rewardsbot-rewards-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the OS; the temp cleaner takes it.
            }
        };
        return path;
    });

    public static IRewardsStore Create()
        => new SqliteRewardsStore($"Data Source={Path.Combine(Folder.Value, Guid.NewGuid().ToString("N") + ".db")}");
}
