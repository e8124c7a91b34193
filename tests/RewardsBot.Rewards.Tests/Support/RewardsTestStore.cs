using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Tests.Support;

/// <summary>
/// The store every Rewards test runs against. Tests go through this factory only, so the SQLite store can be plugged in
/// here (or run alongside) without touching a test.
/// </summary>
internal static class RewardsTestStore
{
    public static IRewardsStore Create() => new MemoryRewardsStore();
}
