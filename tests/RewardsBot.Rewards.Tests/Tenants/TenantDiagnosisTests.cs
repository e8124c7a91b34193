using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using static RewardsBot.Rewards.Tests.Tenants.Support.TenantWorld;

namespace RewardsBot.Rewards.Tests.Tenants;

public sealed class TenantDiagnosisTests
{
    [Fact]
    public async Task Partner_admin_of_an_eligible_company_in_the_home_tenant_is_ok()
    {
        using var world = await CreateAsync();

        var findings = await DiagnoseAsync(world, "u-partner");

        Assert.Equal([TenantAssociationCodes.Ok], findings.Select(f => f.Code));
    }

    [Fact]
    public async Task User_signed_in_from_an_unassociated_tenant_is_told_which_tenant_company_and_who_can_request()
    {
        using var world = await CreateAsync();

        var finding = Assert.Single(await DiagnoseAsync(world, "u-robot"));

        Assert.Equal(TenantAssociationCodes.TenantNotAssociated, finding.Code);
        Assert.Equal(RoboticsTenant, finding.Fact("tenantId"));
        Assert.Equal("Contoso Robotics", finding.Fact("tenantName"));
        Assert.Equal("contoso", finding.Fact("companyId"));
        Assert.Equal("Contoso", finding.Fact("companyName"));
        Assert.Equal("false", finding.Fact("associatedElsewhere"));
        Assert.Equal("Alex Admin, Rita Robotics", finding.Fact("requesters"));
        Assert.Null(finding.Fact("pendingRequestId"));
    }

    [Fact]
    public async Task Unassociated_tenant_finding_names_the_request_already_waiting()
    {
        using var world = await CreateAsync();
        var request = await world.Tenants().RequestAsync("u-admin", RoboticsTenant, None);

        var finding = (await DiagnoseAsync(world, "u-robot"))[0];

        Assert.Equal(request.Value!.Request.Id, finding.Fact("pendingRequestId"));
    }

    [Fact]
    public async Task Tenant_associated_with_another_company_is_not_associated_and_flagged_as_elsewhere()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(w => w.UpsertUserAsync(User("u-moved", "contoso", "Mo Moved", FabrikamEuTenant, PartnerRole.PartnerAdmin), None));

        var finding = Assert.Single(await DiagnoseAsync(world, "u-moved"));

        Assert.Equal(TenantAssociationCodes.TenantNotAssociated, finding.Code);
        Assert.Equal("true", finding.Fact("associatedElsewhere"));
    }

    [Fact]
    public async Task Tenant_missing_from_the_data_is_unknown()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(w => w.UpsertUserAsync(User("u-ghost", "contoso", "Gina Ghost", "t-ghost", PartnerRole.PartnerAdmin), None));

        var finding = Assert.Single(await DiagnoseAsync(world, "u-ghost"));

        Assert.Equal(TenantAssociationCodes.TenantUnknown, finding.Code);
        Assert.Equal("t-ghost", finding.Fact("tenantId"));
    }

    [Fact]
    public async Task Developer_lacks_a_Rewards_role_and_is_told_who_holds_one()
    {
        using var world = await CreateAsync();

        var finding = Assert.Single(await DiagnoseAsync(world, "u-dev"));

        Assert.Equal(TenantAssociationCodes.NoRewardsRole, finding.Code);
        Assert.Equal("PartnerAdmin,AdminAgent,GlobalAdmin", finding.Fact("roles"));
        Assert.Equal("Eve Europe, Pat Partner, Rita Robotics, Rob Robotics", finding.Fact("holders"));
    }

    [Fact]
    public async Task Company_without_a_partner_id_is_not_eligible_for_that_reason()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(w => w.UpsertCompanyAsync(new Company("contoso", "Contoso", null, "account@contoso.test", ContosoTenant), None));

        var finding = Assert.Single(await DiagnoseAsync(world, "u-partner"));

        Assert.Equal(TenantAssociationCodes.NotEligible, finding.Code);
        Assert.Equal("noPartnerId", finding.Fact("reasons"));
    }

    [Fact]
    public async Task Company_whose_only_offer_is_delisted_has_no_live_offer()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(w => w.UpsertOfferAsync(LiveOffer("of-contoso", "pp-contoso", world.Clock.GetUtcNow(), null) with { State = OfferState.Delisted }, None));

        var finding = Assert.Single(await DiagnoseAsync(world, "u-partner"));

        Assert.Equal(TenantAssociationCodes.NotEligible, finding.Code);
        Assert.Equal("noLiveOffer", finding.Fact("reasons"));
    }

    [Fact]
    public async Task Live_offer_on_a_profile_not_linked_to_the_PGA_does_not_count()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(w => w.UpsertPublisherProfileAsync(new PublisherProfile("pp-contoso", "contoso", "Contoso", LinkedToPga: false), None));

        var finding = Assert.Single(await DiagnoseAsync(world, "u-partner"));

        Assert.Equal("profileNotLinked", finding.Fact("reasons"));
    }

    [Fact]
    public async Task Findings_come_most_blocking_first_tenant_then_role_then_eligibility()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(w => w.UpsertCompanyAsync(new Company("contoso", "Contoso", null, "account@contoso.test", ContosoTenant), None));

        var findings = await DiagnoseAsync(world, "u-robot-dev");

        Assert.Equal(
            [TenantAssociationCodes.TenantNotAssociated, TenantAssociationCodes.NoRewardsRole, TenantAssociationCodes.NotEligible],
            findings.Select(f => f.Code));
    }

    [Fact]
    public async Task Departed_user_is_told_they_left_rather_than_that_they_lack_a_role()
    {
        using var world = await CreateAsync();

        var findings = await DiagnoseAsync(world, "u-gone");

        Assert.Equal([TenantAssociationCodes.UserDeparted], findings.Select(f => f.Code));
    }

    [Fact]
    public async Task Unknown_user_cannot_be_diagnosed()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().DiagnoseAsync("u-nobody", None);

        Assert.Equal(TenantAssociationCodes.UserUnknown, outcome.Refusal?.Code);
    }

    private static async Task<IReadOnlyList<DiagnosisFinding>> DiagnoseAsync(Support.TenantWorld world, string userId)
    {
        var outcome = await world.Tenants().DiagnoseAsync(userId, None);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
        return outcome.Value!;
    }
}
