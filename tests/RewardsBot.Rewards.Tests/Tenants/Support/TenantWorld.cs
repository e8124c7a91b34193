using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;
using RewardsBot.Rewards.Tests.Support;

namespace RewardsBot.Rewards.Tests.Tenants.Support;

/// <summary>
/// A small, known world in a real SQLite store (<see cref="RewardsTestStore"/>): Contoso (home tenant, an associated EU tenant, the
/// not-yet-associated Robotics tenant with its own admin) and Fabrikam (its own tenants). Tests add what they need.
/// </summary>
internal sealed class TenantWorld : IDisposable
{
    public const string ContosoTenant = "t-contoso";
    public const string ContosoEuTenant = "t-contoso-eu";
    public const string RoboticsTenant = "t-robotics";
    public const string FabrikamTenant = "t-fabrikam";
    public const string FabrikamEuTenant = "t-fabrikam-eu";

    public static readonly CancellationToken None = CancellationToken.None;

    public IRewardsStore Store { get; } = RewardsTestStore.Create();

    public ManualClock Clock { get; } = new();

    public void Dispose() => (Store as IDisposable)?.Dispose();

    public static async Task<TenantWorld> CreateAsync()
    {
        var world = new TenantWorld();
        await world.SeedAsync(async w =>
        {
            await w.UpsertCompanyAsync(new Company("contoso", "Contoso", "1000001", "account@contoso.test", ContosoTenant), None);
            await w.UpsertCompanyAsync(new Company("fabrikam", "Fabrikam", "2000002", "account@fabrikam.test", FabrikamTenant), None);
            await w.UpsertTenantAsync(new EntraTenant(ContosoTenant, "Contoso", "contoso"), None);
            await w.UpsertTenantAsync(new EntraTenant(ContosoEuTenant, "Contoso EU", "contoso"), None);
            await w.UpsertTenantAsync(new EntraTenant(RoboticsTenant, "Contoso Robotics", null), None);
            await w.UpsertTenantAsync(new EntraTenant(FabrikamTenant, "Fabrikam", "fabrikam"), None);
            await w.UpsertTenantAsync(new EntraTenant(FabrikamEuTenant, "Fabrikam EU", "fabrikam"), None);
            foreach (var user in Users)
            {
                await w.UpsertUserAsync(user, None);
            }

            await w.UpsertPublisherProfileAsync(new PublisherProfile("pp-contoso", "contoso", "Contoso", LinkedToPga: true), None);
            await w.UpsertPublisherProfileAsync(new PublisherProfile("pp-fabrikam", "fabrikam", "Fabrikam", LinkedToPga: true), None);
            await w.UpsertOfferAsync(LiveOffer("of-contoso", "pp-contoso", world.Clock.GetUtcNow().AddDays(-3), "u-partner"), None);
            await w.UpsertOfferAsync(LiveOffer("of-fabrikam", "pp-fabrikam", world.Clock.GetUtcNow().AddDays(-3), "u-fab-admin"), None);
            await w.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.DirectLine, "dl-partner", "u-partner"), None);
            await w.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.Emulator, "demo-partner", "u-partner"), None);
            await w.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.DirectLine, "dl-robot", "u-robot"), None);
            await w.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.Emulator, "demo-robot", "u-robot"), None);
            await w.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.Emulator, "demo-gone", "u-gone"), None);
            await w.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.DirectLine, "dl-robot-admin", "u-robot-admin"), None);
        });
        return world;
    }

    private static IEnumerable<PartnerUser> Users =>
    [
        User("u-admin", "contoso", "Alex Admin", ContosoTenant, PartnerRole.AccountAdmin),
        User("u-partner", "contoso", "Pat Partner", ContosoTenant, PartnerRole.PartnerAdmin),
        User("u-dev", "contoso", "Dee Developer", ContosoTenant, PartnerRole.Developer),
        User("u-eu", "contoso", "Eve Europe", ContosoEuTenant, PartnerRole.AdminAgent),
        User("u-robot", "contoso", "Rob Robotics", RoboticsTenant, PartnerRole.PartnerAdmin),
        User("u-robot-admin", "contoso", "Rita Robotics", RoboticsTenant, PartnerRole.GlobalAdmin),
        User("u-robot-dev", "contoso", "Ron Robotics", RoboticsTenant, PartnerRole.Developer),
        User("u-gone", "contoso", "Gus Gone", ContosoTenant, PartnerRole.PartnerAdmin) with { Status = UserStatus.Departed },
        User("u-fab-admin", "fabrikam", "Fay Fabrikam", FabrikamTenant, PartnerRole.GlobalAdmin, PartnerRole.AccountAdmin),
    ];

    /// <summary>A user whose Entra object id is "oid-" + the part of the id after "u-".</summary>
    public static PartnerUser User(string id, string companyId, string name, string tenantId, params PartnerRole[] roles)
        => new(id, companyId, name, $"{id[2..]}@{companyId}.test", tenantId, "oid-" + id[2..], roles, UserStatus.Active);

    public static Offer LiveOffer(string id, string profileId, DateTimeOffset goLive, string? ownerUserId, ListingType listingType = ListingType.Transact)
        => new(id, profileId, id, Marketplace.AzureMarketplace, listingType, OfferState.Live, goLive, ownerUserId);

    public Task SeedAsync(Func<IRewardsWriter, Task> seed) => Store.WriteAsync((writer, _) => seed(writer), None);

    public TenantAssociationService Tenants() => new(Store, Clock);

    public IdentityService Identities() => new(Store);
}
