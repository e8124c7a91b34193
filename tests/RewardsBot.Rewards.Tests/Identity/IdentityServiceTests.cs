using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;
using RewardsBot.Rewards.Tests.Tenants.Support;
using static RewardsBot.Rewards.Tests.Tenants.Support.TenantWorld;

namespace RewardsBot.Rewards.Tests.Identity;

public sealed class IdentityServiceTests
{
    [Fact]
    public async Task Teams_user_of_the_home_tenant_resolves_to_user_and_company()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-partner", ContosoTenant), None);

        Assert.True(outcome.Succeeded);
        Assert.Equal("u-partner", outcome.Value!.User.Id);
        Assert.Equal("contoso", outcome.Value.Company.Id);
    }

    [Fact]
    public async Task Teams_user_of_an_associated_tenant_resolves()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new TeamsIdentityClaim("OID-EU", ContosoEuTenant), None);

        Assert.Equal("u-eu", outcome.Value?.User.Id);
    }

    [Fact]
    public async Task Teams_tenant_unknown_to_the_data_is_an_unknown_tenant()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-partner", "t-nowhere"), None);

        Assert.Equal(IdentityCodes.UnknownTenant, outcome.Refusal?.Code);
        Assert.Equal("t-nowhere", outcome.Refusal!.Fact("tenantId"));
    }

    [Fact]
    public async Task Teams_user_signed_in_from_an_unassociated_tenant_is_told_so_with_user_and_company()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-robot", RoboticsTenant), None);

        Assert.Equal(IdentityCodes.TenantNotAssociated, outcome.Refusal?.Code);
        Assert.Equal(RoboticsTenant, outcome.Refusal!.Fact("tenantId"));
        Assert.Equal("u-robot", outcome.Refusal.Fact("userId"));
        Assert.Equal("contoso", outcome.Refusal.Fact("companyId"));
    }

    [Fact]
    public async Task Teams_stranger_from_a_known_unassociated_tenant_is_not_associated_without_a_user()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-stranger", RoboticsTenant), None);

        Assert.Equal(IdentityCodes.TenantNotAssociated, outcome.Refusal?.Code);
        Assert.Null(outcome.Refusal!.Fact("userId"));
    }

    [Fact]
    public async Task Teams_user_of_a_tenant_associated_with_another_company_is_not_associated()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(w => w.UpsertUserAsync(User("u-moved", "contoso", "Mo Moved", FabrikamEuTenant, PartnerRole.PartnerAdmin), None));

        var outcome = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-moved", FabrikamEuTenant), None);

        Assert.Equal(IdentityCodes.TenantNotAssociated, outcome.Refusal?.Code);
        Assert.Equal("contoso", outcome.Refusal!.Fact("companyId"));
    }

    [Fact]
    public async Task Teams_object_id_unknown_in_an_associated_tenant_is_an_unknown_user()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-partner", FabrikamTenant), None);

        Assert.Equal(IdentityCodes.UnknownUser, outcome.Refusal?.Code);
        Assert.Equal("msteams", outcome.Refusal!.Fact("channel"));
    }

    [Fact]
    public async Task Teams_departed_user_is_refused_as_departed()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new TeamsIdentityClaim("oid-gone", ContosoTenant), None);

        Assert.Equal(IdentityCodes.Departed, outcome.Refusal?.Code);
        Assert.Equal("u-gone", outcome.Refusal!.Fact("userId"));
    }

    [Fact]
    public async Task Direct_Line_user_id_bound_to_a_user_resolves()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new DirectLineIdentityClaim("dl-partner"), None);

        Assert.Equal("u-partner", outcome.Value?.User.Id);
        Assert.Equal("Contoso", outcome.Value?.Company.Name);
    }

    [Fact]
    public async Task Direct_Line_user_id_not_bound_is_an_unknown_user()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new DirectLineIdentityClaim("dl-stranger"), None);

        Assert.Equal(IdentityCodes.UnknownUser, outcome.Refusal?.Code);
        Assert.Equal(ChatIdentityChannels.DirectLine, outcome.Refusal!.Fact("channel"));
    }

    [Fact]
    public async Task Direct_Line_does_not_accept_an_Emulator_demo_id()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new DirectLineIdentityClaim("demo-partner"), None);

        Assert.Equal(IdentityCodes.UnknownUser, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Direct_Line_user_of_an_unassociated_tenant_is_not_associated()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new DirectLineIdentityClaim("dl-robot"), None);

        Assert.Equal(IdentityCodes.TenantNotAssociated, outcome.Refusal?.Code);
        Assert.Equal("u-robot", outcome.Refusal!.Fact("userId"));
    }

    [Fact]
    public async Task Direct_Line_id_bound_to_a_user_that_no_longer_exists_is_an_unknown_user()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(w => w.AddChatIdentityAsync(new ChatIdentity(ChatIdentityChannels.DirectLine, "dl-dangling", "u-missing"), None));

        var outcome = await world.Identities().ResolveAsync(new DirectLineIdentityClaim("dl-dangling"), None);

        Assert.Equal(IdentityCodes.UnknownUser, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Emulator_demo_identity_resolves()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new EmulatorIdentityClaim("demo-partner"), None);

        Assert.Equal("u-partner", outcome.Value?.User.Id);
    }

    [Fact]
    public async Task Emulator_demo_identity_of_a_departed_user_is_refused_as_departed()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new EmulatorIdentityClaim("demo-gone"), None);

        Assert.Equal(IdentityCodes.Departed, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Emulator_unknown_demo_identity_is_an_unknown_user()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new EmulatorIdentityClaim("dl-partner"), None);

        Assert.Equal(IdentityCodes.UnknownUser, outcome.Refusal?.Code);
        Assert.Equal(ChatIdentityChannels.Emulator, outcome.Refusal!.Fact("channel"));
    }

    [Fact]
    public async Task Resolving_an_identity_reads_the_store_once_whatever_the_channel()
    {
        using var world = await CreateAsync();
        var pool = ((SqliteRewardsStore)world.Store).Pool;
        ChatIdentityClaim[] claims =
        [
            new TeamsIdentityClaim("oid-partner", ContosoTenant), new TeamsIdentityClaim("oid-robot", RoboticsTenant), new TeamsIdentityClaim("oid-partner", "t-nowhere"),
            new DirectLineIdentityClaim("dl-partner"), new DirectLineIdentityClaim("dl-stranger"), new EmulatorIdentityClaim("demo-gone"),
        ];

        var reads = new List<long>();
        foreach (var claim in claims)
        {
            var before = pool.RentedCount;
            await world.Identities().ResolveAsync(claim, None);
            reads.Add(pool.RentedCount - before);
        }

        Assert.All(reads, count => Assert.Equal(1L, count));
    }

    [Fact]
    public async Task Emulator_demo_identity_of_an_unassociated_tenant_user_is_not_associated()
    {
        using var world = await CreateAsync();

        var outcome = await world.Identities().ResolveAsync(new EmulatorIdentityClaim("demo-robot"), None);

        Assert.Equal(IdentityCodes.TenantNotAssociated, outcome.Refusal?.Code);
    }
}
