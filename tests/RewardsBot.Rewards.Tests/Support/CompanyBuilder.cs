using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Tests.Support;

/// <summary>
/// Test data for one company: its users, publisher profiles, offers and billed sales, written in one transaction.
/// <see cref="Eligible"/> is the usual starting point; each test adds or removes what its rule needs. The presets use
/// the fixed ids below, so use them for one company per store and build any other company with <c>new CompanyBuilder(id)</c>.
/// </summary>
internal sealed class CompanyBuilder(string companyId)
{
    public const string CompanyId = "contoso";
    public const string AccountEmail = "partnercenter@contoso.com";
    public const string Admin = "ana";
    public const string AdminName = "Ana Admin";
    public const string AdminAgent = "omar";
    public const string AdminAgentName = "Omar Agent";
    public const string Developer = "dev";
    public const string Marketer = "mia";
    public const string Departed = "dora";
    public const string MainProfile = "profile-main";
    public const string TransactOffer = "offer-transact";

    private readonly List<PartnerUser> _users = [];
    private readonly List<PublisherProfile> _profiles = [];
    private readonly List<Offer> _offers = [];
    private readonly List<BilledSale> _sales = [];
    private string? _partnerId = "4871234";
    private string _accountEmail = AccountEmail;

    /// <summary>
    /// An eligible transact publisher: a partner ID, a partner admin, an admin agent, a developer, a marketer, a departed
    /// partner admin, and one live transact offer on a profile linked to the PGA (no sales yet: tier 0).
    /// </summary>
    public static CompanyBuilder Eligible(string companyId = CompanyId) => Bare(companyId)
        .WithProfile(MainProfile)
        .WithOffer(TransactOffer, MainProfile, ListingType.Transact);

    /// <summary>The same people, no profile and no offer.</summary>
    public static CompanyBuilder Bare(string companyId = CompanyId) => new CompanyBuilder(companyId)
        .WithUser(Admin, AdminName, PartnerRole.PartnerAdmin)
        .WithUser(AdminAgent, AdminAgentName, PartnerRole.AdminAgent)
        .WithUser(Developer, "Dev Eloper", PartnerRole.Developer)
        .WithUser(Marketer, "Mia Marketer", PartnerRole.BusinessContributor)
        .WithUser(Departed, "Dora Departed", UserStatus.Departed, PartnerRole.PartnerAdmin);

    public CompanyBuilder WithoutPartnerId()
    {
        _partnerId = null;
        return this;
    }

    public CompanyBuilder WithAccountEmail(string email)
    {
        _accountEmail = email;
        return this;
    }

    public CompanyBuilder WithUser(string id, string name, params PartnerRole[] roles) => WithUser(id, name, UserStatus.Active, roles);

    public CompanyBuilder WithUser(string id, string name, UserStatus status, params PartnerRole[] roles)
    {
        _users.RemoveAll(u => u.Id == id);
        _users.Add(new PartnerUser(id, companyId, name, $"{id}@contoso.com", $"{companyId}-tenant", $"oid-{id}", roles, status));
        return this;
    }

    public CompanyBuilder WithProfile(string id, bool linkedToPga = true)
    {
        _profiles.Add(new PublisherProfile(id, companyId, $"Publisher {id}", linkedToPga));
        return this;
    }

    public CompanyBuilder WithOffer(string id, string profileId, ListingType listingType, OfferState state = OfferState.Live, Marketplace marketplace = Marketplace.AppSource)
    {
        var goLive = state == OfferState.Live ? ManualClock.DefaultStart.AddDays(-60) : (DateTimeOffset?)null;
        _offers.Add(new Offer(id, profileId, $"Offer {id}", marketplace, listingType, state, goLive, Admin));
        return this;
    }

    public CompanyBuilder WithSale(string offerId, decimal amountUsd, bool fraudulent = false)
    {
        _sales.Add(new BilledSale($"sale-{_sales.Count + 1}-{offerId}", offerId, amountUsd, ManualClock.DefaultStart.AddDays(-10), fraudulent));
        return this;
    }

    public Task SaveAsync(IRewardsStore store) => store.WriteAsync(
        async (writer, ct) =>
        {
            await writer.UpsertTenantAsync(new EntraTenant($"{companyId}-tenant", $"{companyId} tenant", companyId), ct);
            await writer.UpsertCompanyAsync(new Company(companyId, $"{companyId} Ltd", _partnerId, _accountEmail, $"{companyId}-tenant"), ct);
            foreach (var user in _users)
            {
                await writer.UpsertUserAsync(user, ct);
            }

            foreach (var profile in _profiles)
            {
                await writer.UpsertPublisherProfileAsync(profile, ct);
            }

            foreach (var offer in _offers)
            {
                await writer.UpsertOfferAsync(offer, ct);
            }

            foreach (var sale in _sales)
            {
                await writer.AddSaleAsync(sale, ct);
            }
        },
        CancellationToken.None);
}
