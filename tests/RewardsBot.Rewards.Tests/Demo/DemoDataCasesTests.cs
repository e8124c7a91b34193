using RewardsBot.Rewards.Tests.Support;
using RewardsBot.Rewards.Demo;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;
using RewardsBot.Rewards.Tests.Tenants.Support;

namespace RewardsBot.Rewards.Tests.Demo;

/// <summary>Each case DOMAIN.md asks the demo data to cover, shown through the services.</summary>
public sealed class DemoDataCasesTests : IAsyncLifetime, IDisposable
{
    private const string ContosoRobotics = "6f1d9a22-8c4b-4b17-a3e5-7b0b07000003";
    private const string WoodgroveShared = "4a9c3e55-1f2b-4d6a-8e07-9e1d0a000011";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly MemoryRewardsStore _store = new();
    private readonly ManualClock _clock = new();

    public Task InitializeAsync() => DemoData.LoadIfEmptyAsync(_store, _clock, None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData("demo-ana", null)]
    [InlineData("demo-lena", null)] // associated tenant
    [InlineData("demo-marc", null)]
    [InlineData("demo-kenji", null)]
    [InlineData("demo-grace", null)]
    [InlineData("demo-meihua", null)]
    [InlineData("demo-claire", null)]
    [InlineData("demo-priya", IdentityCodes.Departed)]
    [InlineData("demo-sara", IdentityCodes.TenantNotAssociated)]
    [InlineData("demo-tomas", IdentityCodes.TenantNotAssociated)]
    public async Task Demo_identity_resolves_as_its_description_says(string demoId, string? refusal)
    {
        var outcome = await new IdentityService(_store).ResolveAsync(new EmulatorIdentityClaim(demoId), None);

        Assert.Equal(refusal, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Teams_object_id_of_a_demo_user_resolves()
    {
        var outcome = await new IdentityService(_store).ResolveAsync(new TeamsIdentityClaim("a1f0c2d3-0001-4a00-8000-00000000a0a1", "2b7e4c10-5a3d-4e8f-9c61-0c0a7a000001"), None);

        Assert.Equal("u-ana", outcome.Value?.User.Id);
    }

    [Fact]
    public async Task Eligible_transact_publisher_has_several_linked_profiles_and_a_fraud_flagged_sale()
    {
        var profiles = await _store.ListPublisherProfilesAsync("contoso", None);
        var live = (await _store.ListOffersAsync("contoso", None)).Where(o => o.State == OfferState.Live).ToList();

        Assert.Equal([TenantAssociationCodes.Ok], await FindingsAsync("u-ana"));
        Assert.True(profiles.Count(p => p.LinkedToPga && live.Any(o => o.PublisherProfileId == p.Id)) >= 2);
        Assert.Contains(live, o => o.ListingType == ListingType.Transact);
        Assert.Contains(await _store.ListSalesAsync("contoso", None), s => s.Fraudulent);
        Assert.Contains(await _store.ListSalesAsync("contoso", None), s => !s.Fraudulent);
    }

    [Theory]
    [InlineData("northwind", "u-grace", ListingType.List)]
    [InlineData("fabrikam", "u-meihua", ListingType.Trial)]
    public async Task List_only_and_trial_publishers_are_eligible_with_only_that_listing_type(string companyId, string userId, ListingType listingType)
    {
        var live = (await _store.ListOffersAsync(companyId, None)).Where(o => o.State == OfferState.Live).ToList();

        Assert.Equal([TenantAssociationCodes.Ok], await FindingsAsync(userId));
        Assert.NotEmpty(live);
        Assert.All(live, o => Assert.Equal(listingType, o.ListingType));
    }

    [Fact]
    public async Task Company_with_no_live_offer_is_not_eligible()
    {
        var findings = (await new TenantAssociationService(_store, _clock).DiagnoseAsync("u-claire", None)).Value!;

        var finding = Assert.Single(findings);
        Assert.Equal((TenantAssociationCodes.NotEligible, "noLiveOffer"), (finding.Code, finding.Fact("reasons")));
    }

    [Fact]
    public async Task User_signing_in_from_an_unassociated_tenant_diagnoses_to_tenant_not_associated()
    {
        Assert.Equal([TenantAssociationCodes.TenantNotAssociated], await FindingsAsync("u-sara"));
    }

    [Fact]
    public async Task Users_with_and_without_the_needed_roles_are_present()
    {
        var users = await _store.ListUsersAsync("contoso", None);

        foreach (var role in new[] { PartnerRole.PartnerAdmin, PartnerRole.AdminAgent, PartnerRole.AccountAdmin, PartnerRole.Developer, PartnerRole.GlobalAdmin })
        {
            Assert.Contains(users, u => u.Status == UserStatus.Active && u.Roles.Contains(role));
        }

        Assert.Equal([TenantAssociationCodes.NoRewardsRole], await FindingsAsync("u-kenji"));
        var refused = await new TenantAssociationService(_store, _clock).RequestAsync("u-kenji", ContosoRobotics, None);
        Assert.Equal("Marc Dubois, Tomás Herrera", refused.Refusal?.Fact("holders"));
    }

    [Fact]
    public async Task Offer_live_over_four_weeks_with_a_departed_owner_and_no_contact_leads_to_a_support_ticket()
    {
        var followUps = (await new OfferFollowUpService(_store, _clock).FindAsync("contoso", None)).Value!;

        var forecast = Assert.Single(followUps, f => f.Offer.Id == "of-contoso-forecast");
        Assert.Equal((OfferFollowUpService.SupportTicket, OfferFollowUpService.OwnerDeparted), (forecast.Code, forecast.Reason));
        Assert.Contains(followUps, f => f.Code == OfferFollowUpService.AskOwner && f.Owner?.Id == "u-ana");
    }

    [Fact]
    public async Task Trial_offer_without_an_owner_leads_to_a_support_ticket_and_the_company_with_a_contact_needs_nothing()
    {
        var service = new OfferFollowUpService(_store, _clock);

        var fabrikam = Assert.Single((await service.FindAsync("fabrikam", None)).Value!);
        var northwind = (await service.FindAsync("northwind", None)).Value!;

        Assert.Equal(("of-fabrikam-sentinel", OfferFollowUpService.OwnerUnknown), (fabrikam.Offer.Id, fabrikam.Reason));
        Assert.Empty(northwind);
    }

    [Fact]
    public async Task Tenant_already_associated_with_another_company_is_refused()
    {
        var outcome = await new TenantAssociationService(_store, _clock).RequestAsync("u-marc", WoodgroveShared, None);

        Assert.Equal(TenantAssociationCodes.AssociatedElsewhere, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Admin_of_the_not_yet_associated_tenant_confirms_and_its_user_then_sees_Rewards()
    {
        var tenants = new TenantAssociationService(_store, _clock);
        var request = await tenants.RequestAsync("u-marc", ContosoRobotics, None);

        var confirmed = await tenants.ConfirmAsync(request.Value!.Request.Id, new EmulatorIdentityClaim("demo-tomas"), None);

        Assert.True(confirmed.Succeeded, confirmed.Refusal?.Code);
        Assert.Equal("u-sara", (await new IdentityService(_store).ResolveAsync(new EmulatorIdentityClaim("demo-sara"), None)).Value?.User.Id);
        Assert.Equal([TenantAssociationCodes.Ok], await FindingsAsync("u-sara"));
    }

    private async Task<IEnumerable<string>> FindingsAsync(string userId)
        => (await new TenantAssociationService(_store, _clock).DiagnoseAsync(userId, None)).Value!.Select(f => f.Code);
}
