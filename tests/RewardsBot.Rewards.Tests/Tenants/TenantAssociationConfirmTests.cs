using System.Reflection;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using static RewardsBot.Rewards.Tests.Tenants.Support.TenantWorld;

namespace RewardsBot.Rewards.Tests.Tenants;

public sealed class TenantAssociationConfirmTests
{
    private static readonly TeamsIdentityClaim RoboticsAdmin = new("oid-robot-admin", RoboticsTenant);

    [Fact]
    public async Task Admin_of_the_tenant_confirming_associates_it_and_its_user_then_resolves()
    {
        using var world = await CreateAsync();
        var requestId = await RequestAsync(world);
        world.Clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = await world.Tenants().ConfirmAsync(requestId, RoboticsAdmin, None);

        Assert.Equal(TenantAssociationState.Confirmed, outcome.Value?.State);
        Assert.Equal("u-robot-admin", outcome.Value!.DecidedByUserId);
        Assert.Equal(world.Clock.GetUtcNow(), outcome.Value.DecidedAt);
        Assert.Equal("contoso", (await world.Store.GetTenantAsync(RoboticsTenant, None))!.CompanyId);
        Assert.Equal(outcome.Value, await world.Store.GetTenantAssociationRequestAsync(requestId, None));
        var resolved = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-robot", RoboticsTenant), None);
        Assert.Equal(("u-robot", "contoso"), (resolved.Value?.User.Id, resolved.Value?.Company.Id));
        Assert.Equal("u-robot", (await world.Identities().ResolveAsync(new DirectLineIdentityClaim("dl-robot"), None)).Value?.User.Id);
        Assert.Equal([TenantAssociationCodes.Ok], (await world.Tenants().DiagnoseAsync("u-robot", None)).Value!.Select(f => f.Code));
        var audit = (await world.Store.ListAuditAsync("contoso", None))[^1];
        Assert.Equal(("u-robot-admin", "tenant.associationConfirmed"), (audit.ActorUserId, audit.Action));
    }

    [Fact]
    public async Task Admin_of_the_tenant_may_confirm_through_Direct_Line()
    {
        using var world = await CreateAsync();
        var requestId = await RequestAsync(world);

        var outcome = await world.Tenants().ConfirmAsync(requestId, new DirectLineIdentityClaim("dl-robot-admin"), None);

        Assert.True(outcome.Succeeded);
        Assert.Equal("contoso", (await world.Store.GetTenantAsync(RoboticsTenant, None))!.CompanyId);
    }

    [Theory]
    [InlineData("oid-robot-dev", RoboticsTenant)] // a user of the tenant, not its admin
    [InlineData("oid-fab-admin", FabrikamTenant)] // an admin, of another tenant
    [InlineData("oid-admin", ContosoTenant)] // the requesting account admin
    [InlineData("oid-robot-admin", ContosoTenant)] // the admin's object id claimed from another tenant
    [InlineData("oid-stranger", RoboticsTenant)] // nobody the data knows
    public async Task Anyone_but_an_admin_of_the_tenant_signed_in_from_it_cannot_confirm(string objectId, string tenantId)
    {
        using var world = await CreateAsync();
        var requestId = await RequestAsync(world);

        var outcome = await world.Tenants().ConfirmAsync(requestId, new TeamsIdentityClaim(objectId, tenantId), None);

        Assert.Equal(TenantAssociationCodes.ConfirmerNotAdminOfTenant, outcome.Refusal?.Code);
        Assert.Equal(RoboticsTenant, outcome.Refusal!.Fact("tenantId"));
        Assert.Equal("GlobalAdmin", outcome.Refusal.Fact("role"));
        Assert.Null((await world.Store.GetTenantAsync(RoboticsTenant, None))!.CompanyId);
        Assert.Equal(TenantAssociationState.PendingConfirmation, (await world.Store.GetTenantAssociationRequestAsync(requestId, None))!.State);
    }

    [Fact]
    public async Task Departed_admin_of_the_tenant_cannot_confirm()
    {
        using var world = await CreateAsync();
        var requestId = await RequestAsync(world);
        await world.SeedAsync(w => w.UpsertUserAsync(User("u-robot-admin", "contoso", "Rita Robotics", RoboticsTenant, PartnerRole.GlobalAdmin) with { Status = UserStatus.Departed }, None));

        var outcome = await world.Tenants().ConfirmAsync(requestId, RoboticsAdmin, None);

        Assert.Equal(TenantAssociationCodes.ConfirmerNotAdminOfTenant, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Confirming_twice_is_refused_as_no_longer_pending()
    {
        using var world = await CreateAsync();
        var requestId = await RequestAsync(world);
        await world.Tenants().ConfirmAsync(requestId, RoboticsAdmin, None);

        var again = await world.Tenants().ConfirmAsync(requestId, RoboticsAdmin, None);

        Assert.Equal(TenantAssociationCodes.RequestNotPending, again.Refusal?.Code);
        Assert.Equal("Confirmed", again.Refusal!.Fact("state"));
    }

    [Fact]
    public async Task Unknown_request_is_refused()
    {
        using var world = await CreateAsync();

        var outcome = await world.Tenants().ConfirmAsync("tar:contoso:t-robotics:9", RoboticsAdmin, None);

        Assert.Equal(TenantAssociationCodes.RequestNotFound, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Tenant_taken_by_another_account_before_confirmation_is_not_associated()
    {
        using var world = await CreateAsync();
        var requestId = await RequestAsync(world);
        await world.SeedAsync(w => w.UpsertTenantAsync(new EntraTenant(RoboticsTenant, "Contoso Robotics", "fabrikam"), None));

        var outcome = await world.Tenants().ConfirmAsync(requestId, RoboticsAdmin, None);

        Assert.Equal(TenantAssociationCodes.AssociatedElsewhere, outcome.Refusal?.Code);
        Assert.Equal("fabrikam", (await world.Store.GetTenantAsync(RoboticsTenant, None))!.CompanyId);
    }

    [Fact]
    public async Task Admin_of_the_tenant_declining_leaves_it_unassociated_and_the_user_still_unresolved()
    {
        using var world = await CreateAsync();
        var requestId = await RequestAsync(world);

        var outcome = await world.Tenants().DeclineAsync(requestId, RoboticsAdmin, None);

        Assert.Equal(TenantAssociationState.Declined, outcome.Value?.State);
        Assert.Equal("u-robot-admin", outcome.Value!.DecidedByUserId);
        Assert.Null((await world.Store.GetTenantAsync(RoboticsTenant, None))!.CompanyId);
        var resolved = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-robot", RoboticsTenant), None);
        Assert.Equal(IdentityCodes.TenantNotAssociated, resolved.Refusal?.Code);
        Assert.Equal("tenant.associationDeclined", (await world.Store.ListAuditAsync("contoso", None))[^1].Action);
        Assert.Equal(TenantAssociationCodes.RequestNotPending, (await world.Tenants().ConfirmAsync(requestId, RoboticsAdmin, None)).Refusal?.Code);
    }

    [Fact]
    public async Task Decline_by_someone_other_than_the_tenant_admin_is_refused()
    {
        using var world = await CreateAsync();
        var requestId = await RequestAsync(world);

        var outcome = await world.Tenants().DeclineAsync(requestId, new TeamsIdentityClaim("oid-admin", ContosoTenant), None);

        Assert.Equal(TenantAssociationCodes.ConfirmerNotAdminOfTenant, outcome.Refusal?.Code);
        Assert.Equal(TenantAssociationState.PendingConfirmation, (await world.Store.GetTenantAssociationRequestAsync(requestId, None))!.State);
    }

    [Fact]
    public void No_public_method_of_the_tenant_and_identity_services_takes_credentials()
    {
        string[] forbidden = ["password", "secret", "credential", "token"];
        var parameters = new[] { typeof(TenantAssociationService), typeof(IdentityService), typeof(OfferFollowUpService) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters())
            .Where(p => p.ParameterType != typeof(CancellationToken))
            .Select(p => p.Name!)
            .ToList();

        Assert.NotEmpty(parameters);
        Assert.DoesNotContain(parameters, p => forbidden.Any(f => p.Contains(f, StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<string> RequestAsync(Support.TenantWorld world)
    {
        var outcome = await world.Tenants().RequestAsync("u-admin", RoboticsTenant, None);
        return outcome.Value!.Request.Id;
    }
}
