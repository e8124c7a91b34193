using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using static RewardsBot.Rewards.Tests.Tenants.Support.TenantWorld;

namespace RewardsBot.Rewards.Tests.Tenants;

public sealed class TenantAssociationRequestTests
{
    [Fact]
    public async Task Account_admin_request_waits_for_confirmation_and_is_audited()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().RequestAsync("u-admin", RoboticsTenant, None);

        Assert.False(outcome.Value!.AlreadyPending);
        var request = outcome.Value.Request;
        Assert.Equal(("contoso", RoboticsTenant, "u-admin"), (request.CompanyId, request.TenantId, request.RequestedByUserId));
        Assert.Equal(TenantAssociationState.PendingConfirmation, request.State);
        Assert.Equal(world.Clock.GetUtcNow(), request.RequestedAt);
        Assert.Equal(request, await world.Store.GetTenantAssociationRequestAsync(request.Id, None));
        var audit = Assert.Single(await world.Store.ListAuditAsync("contoso", None));
        Assert.Equal(("u-admin", "tenant.associationRequested"), (audit.ActorUserId, audit.Action));
        Assert.Null((await world.Store.GetTenantAsync(RoboticsTenant, None))!.CompanyId);
    }

    [Fact]
    public async Task Request_without_the_account_admin_role_is_refused_naming_the_roles_and_holders()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().RequestAsync("u-partner", RoboticsTenant, None);

        Assert.Equal(TenantAssociationCodes.RoleRequired, outcome.Refusal?.Code);
        Assert.Equal("AccountAdmin,GlobalAdmin", outcome.Refusal!.Fact("roles"));
        Assert.Equal("Alex Admin, Rita Robotics", outcome.Refusal.Fact("holders"));
        Assert.Empty(await world.Store.ListTenantAssociationRequestsAsync("contoso", None));
        Assert.Empty(await world.Store.ListAuditAsync("contoso", None));
    }

    [Fact]
    public async Task Tenant_associated_with_another_company_is_refused_without_naming_that_company()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().RequestAsync("u-admin", FabrikamEuTenant, None);

        Assert.Equal(TenantAssociationCodes.AssociatedElsewhere, outcome.Refusal?.Code);
        Assert.Equal([("tenantId", FabrikamEuTenant)], outcome.Refusal!.Facts.Select(f => (f.Key, f.Value)));
        Assert.Empty(await world.Store.ListTenantAssociationRequestsAsync("contoso", None));
    }

    [Fact]
    public async Task Tenant_already_associated_with_this_company_is_refused()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().RequestAsync("u-admin", ContosoEuTenant, None);

        Assert.Equal(TenantAssociationCodes.AlreadyAssociated, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Company_home_tenant_is_refused()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().RequestAsync("u-admin", ContosoTenant, None);

        Assert.Equal(TenantAssociationCodes.IsHomeTenant, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Tenant_unknown_to_the_data_is_refused()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().RequestAsync("u-admin", "t-nowhere", None);

        Assert.Equal(TenantAssociationCodes.TenantUnknown, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Unknown_actor_is_refused()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().RequestAsync("u-nobody", RoboticsTenant, None);

        Assert.Equal(TenantAssociationCodes.UserUnknown, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Second_request_for_a_waiting_tenant_returns_the_pending_one_instead_of_a_duplicate()
    {
        using var world = await CreateAsync();
        var first = await world.Tenants().RequestAsync("u-admin", RoboticsTenant, None);
        world.Clock.Advance(TimeSpan.FromHours(2));

        var second = await world.Tenants().RequestAsync("u-robot-admin", RoboticsTenant, None);

        Assert.True(second.Value!.AlreadyPending);
        Assert.Equal(first.Value!.Request, second.Value.Request);
        Assert.Single(await world.Store.ListTenantAssociationRequestsAsync("contoso", None));
        Assert.Single(await world.Store.ListAuditAsync("contoso", None));
    }

    [Fact]
    public async Task Concurrent_requests_for_one_tenant_create_one_request()
    {
        using var world = await CreateAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => world.Tenants().RequestAsync("u-admin", RoboticsTenant, None))));

        Assert.Single(await world.Store.ListTenantAssociationRequestsAsync("contoso", None));
        Assert.Single(outcomes, o => !o.Value!.AlreadyPending);
    }

    [Fact]
    public async Task After_a_decline_a_new_request_is_created_and_the_declined_one_is_kept()
    {
        using var world = await CreateAsync();
        var first = await world.Tenants().RequestAsync("u-admin", RoboticsTenant, None);
        await world.Tenants().DeclineAsync(first.Value!.Request.Id, new TeamsIdentityClaim("oid-robot-admin", RoboticsTenant), None);
        world.Clock.Advance(TimeSpan.FromDays(1));

        var second = await world.Tenants().RequestAsync("u-admin", RoboticsTenant, None);

        Assert.False(second.Value!.AlreadyPending);
        Assert.NotEqual(first.Value.Request.Id, second.Value.Request.Id);
        Assert.Equal(
            [TenantAssociationState.Declined, TenantAssociationState.PendingConfirmation],
            (await world.Store.ListTenantAssociationRequestsAsync("contoso", None)).Select(r => r.State));
    }

    [Fact]
    public void Portal_steps_follow_rule_6_in_order()
    {
        Assert.Equal(
            [
                "portal.signInAsAccountAdmin", "portal.openSettings", "portal.openAccountSettings", "portal.openTenants",
                "portal.associateAnotherTenant", "portal.pickTenant", "portal.tenantAdminConfirms", "portal.signOutAndBackInWithAssociatedTenant",
            ],
            TenantAssociationService.PortalSteps);
    }
}
