using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>Entities with every field set to something distinct, times with offsets and sub-second ticks, and nulls.</summary>
internal static class StoreSamples
{
    /// <summary>14 March 2025, 09:26:53.5358979 in Paris (UTC+1).</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(1)).AddTicks(5_358_979);

    public static readonly Company Contoso = new("contoso", "Contoso Ltd", "4871234", "partners@contoso.com", "tenant-contoso");
    public static readonly Company Fabrikam = new("fabrikam", "Fabrikam, Inc.", null, "admin@fabrikam.com", "tenant-fabrikam");

    public static readonly EntraTenant ContosoHome = new("tenant-contoso", "Contoso (home)", "contoso");
    public static readonly EntraTenant ContosoEurope = new("tenant-contoso-eu", "Contoso Europe", "contoso");
    public static readonly EntraTenant Unassociated = new("tenant-stray", "Stray tenant", null);

    public static readonly PartnerUser Alice = new(
        "u-alice", "contoso", "Alice Martin", "alice@contoso.com", "tenant-contoso", "9F1C2D3E-0000-4A5B-8C7D-112233445566",
        [PartnerRole.AccountAdmin, PartnerRole.PartnerAdmin, PartnerRole.GlobalAdmin], UserStatus.Active);

    public static readonly PartnerUser Bob = new("u-bob", "contoso", "Bob Chen", "bob@contoso.com", "tenant-contoso-eu", null, [], UserStatus.Departed);

    public static readonly PartnerUser Femi = new("u-femi", "fabrikam", "Femi Ade", "femi@fabrikam.com", "tenant-fabrikam", "obj-femi", [PartnerRole.Developer], UserStatus.Active);

    public static readonly PublisherProfile ContosoMain = new("pp-contoso-main", "contoso", "Contoso Software", true);
    public static readonly PublisherProfile ContosoLabs = new("pp-contoso-labs", "contoso", "Contoso Labs", false);
    public static readonly PublisherProfile FabrikamMain = new("pp-fabrikam", "fabrikam", "Fabrikam Apps", true);

    public static readonly Offer ContosoCrm = new("offer-crm", "pp-contoso-main", "Contoso CRM", Marketplace.AzureMarketplace, ListingType.Transact, OfferState.Live, T0.AddDays(-40), "u-bob");
    public static readonly Offer ContosoLabsTrial = new("offer-labs", "pp-contoso-labs", "Labs Trial", Marketplace.AppSource, ListingType.Trial, OfferState.InReview, null, null);
    public static readonly Offer FabrikamList = new("offer-fab", "pp-fabrikam", "Fabrikam Listing", Marketplace.AppSource, ListingType.List, OfferState.Delisted, T0.AddYears(-1), "u-femi");

    public static MarketingContact Contact(string userId, string email, DateTimeOffset at) => new("contoso", userId, email, "+33612345678", "fr-FR", at, "u-alice");

    public static Activation Activation(string id, string companyId, string benefitId, DateTimeOffset? expiresAt = null)
        => new(id, companyId, benefitId, "u-alice", T0, T0.AddDays(7), expiresAt);

    public static AuditEntry Audit(string action, DateTimeOffset at, string companyId = "contoso") => new(at, "u-alice", companyId, action, null, null);

    /// <summary>Writes the companies, tenants, users, profiles and offers above.</summary>
    public static Task SeedAsync(IRewardsStore store) => store.WriteAsync(
        async (w, ct) =>
        {
            foreach (var company in new[] { Fabrikam, Contoso })
            {
                await w.UpsertCompanyAsync(company, ct);
            }

            foreach (var tenant in new[] { ContosoEurope, Unassociated, ContosoHome })
            {
                await w.UpsertTenantAsync(tenant, ct);
            }

            foreach (var user in new[] { Bob, Femi, Alice })
            {
                await w.UpsertUserAsync(user, ct);
            }

            foreach (var profile in new[] { ContosoMain, FabrikamMain, ContosoLabs })
            {
                await w.UpsertPublisherProfileAsync(profile, ct);
            }

            foreach (var offer in new[] { FabrikamList, ContosoLabsTrial, ContosoCrm })
            {
                await w.UpsertOfferAsync(offer, ct);
            }
        },
        CancellationToken.None);

    /// <summary>Record equality compares the roles list by reference; this compares it by content.</summary>
    public static void AssertSameUser(PartnerUser expected, PartnerUser? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Roles, actual.Roles);
        IReadOnlyList<PartnerRole> none = [];
        Assert.Equal(expected with { Roles = none }, actual with { Roles = none });
    }
}
