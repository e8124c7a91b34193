using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>The store contract against a SQLite file in a temporary folder, deleted afterwards.</summary>
public sealed class SqliteRewardsStoreContractTests : RewardsStoreContractTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteRewardsStore _store;

    public SqliteRewardsStoreContractTests()
    {
        _store = new SqliteRewardsStore($"Data Source={_folder.File("rewards.db")}");
    }

    protected override IRewardsStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
