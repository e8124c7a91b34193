using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Tests.Store;

public sealed class MemoryRewardsStoreContractTests : RewardsStoreContractTests, IDisposable
{
    private readonly MemoryRewardsStore _store = new();

    protected override IRewardsStore Store => _store;

    public void Dispose() => _store.Dispose();
}
