using RewardsBot.Rewards.Model;
using static RewardsBot.Rewards.Tests.Store.StoreSamples;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>
/// The reads a turn makes in one go instead of several (a sign-in, a user with their company, a company's marketing
/// contact, a company's rewards data), or by key instead of through a list that only grows (a technical help request by id, the pending tenant
/// requests): they must say what the separate reads said.
/// </summary>
public abstract partial class RewardsStoreContractTests
{
    [Fact]
    public async Task A_teams_sign_in_reads_the_user_with_roles_in_order_the_tenant_and_the_company_at_once()
    {
        await SeedAsync(Store);

        var signIn = await Store.FindTeamsSignInAsync("tenant-contoso", "9f1c2d3e-0000-4a5b-8c7d-112233445566", None);

        AssertSameUser(Alice, signIn.User);
        Assert.Equal(ContosoHome, signIn.Tenant);
        Assert.Equal(Contoso, signIn.Company);
    }

    [Fact]
    public async Task A_teams_sign_in_without_a_matching_user_still_reads_the_tenant_and_an_unknown_tenant_reads_as_null()
    {
        await SeedAsync(Store);

        Assert.Equal(new UserSignIn(null, Unassociated, null), await Store.FindTeamsSignInAsync("tenant-stray", "nobody", None));
        Assert.Equal(new UserSignIn(null, ContosoEurope, null), await Store.FindTeamsSignInAsync("tenant-contoso-eu", Alice.EntraObjectId!, None));
        Assert.Equal(new UserSignIn(null, null, null), await Store.FindTeamsSignInAsync("tenant-unknown", "obj-femi", None));
    }

    [Fact]
    public async Task A_teams_sign_in_from_an_unknown_tenant_still_finds_a_user_of_it()
    {
        await SeedAsync(Store);
        var stray = Femi with { Id = "u-stray", TenantId = "tenant-gone", EntraObjectId = "obj-stray", Roles = [] };
        await Store.WriteAsync((w, ct) => w.UpsertUserAsync(stray, ct), None);

        var signIn = await Store.FindTeamsSignInAsync("tenant-gone", "OBJ-STRAY", None);

        AssertSameUser(stray, signIn.User);
        Assert.Null(signIn.Tenant);
        Assert.Equal(Fabrikam, signIn.Company);
    }

    [Fact]
    public async Task A_chat_sign_in_reads_the_bound_user_their_own_tenant_and_company()
    {
        await SeedAsync(Store);
        await Store.WriteAsync(
            async (w, ct) =>
            {
                await w.AddChatIdentityAsync(new("directline", "dl-bob", "u-bob"), ct);
                await w.AddChatIdentityAsync(new("emulator", "demo-gone", "u-nobody"), ct);
            },
            None);

        var bob = await Store.FindChatSignInAsync("directline", "dl-bob", None);

        AssertSameUser(Bob, bob.User);
        Assert.Equal(ContosoEurope, bob.Tenant);
        Assert.Equal(Contoso, bob.Company);
        Assert.Equal(new UserSignIn(null, null, null), await Store.FindChatSignInAsync("emulator", "demo-gone", None));
        Assert.Equal(new UserSignIn(null, null, null), await Store.FindChatSignInAsync("emulator", "dl-bob", None));
    }

    [Fact]
    public async Task A_sign_in_of_a_user_whose_company_is_missing_reads_the_user_without_a_company()
    {
        await SeedAsync(Store);
        var orphan = Femi with { Id = "u-orphan", CompanyId = "gone", TenantId = "tenant-contoso", EntraObjectId = "obj-orphan" };
        await Store.WriteAsync(
            async (w, ct) =>
            {
                await w.UpsertUserAsync(orphan, ct);
                await w.AddChatIdentityAsync(new("directline", "dl-orphan", "u-orphan"), ct);
            },
            None);

        var teams = await Store.FindTeamsSignInAsync("tenant-contoso", "obj-orphan", None);
        var chat = await Store.FindChatSignInAsync("directline", "dl-orphan", None);

        AssertSameUser(orphan, teams.User);
        AssertSameUser(orphan, chat.User);
        Assert.Equal((ContosoHome, (Company?)null), (teams.Tenant, teams.Company));
        Assert.Equal((ContosoHome, (Company?)null), (chat.Tenant, chat.Company));
    }

    [Fact]
    public async Task A_technical_help_request_is_read_by_id_inside_a_write_whichever_company_filed_it()
    {
        var ours = new TechnicalHelpRequest("h-1", "contoso", "u-alice", TechnicalStage.Design, "Review our design", RequestStatus.Submitted, T0);
        var theirs = ours with { Id = "h-2", CompanyId = "fabrikam" };
        await Store.WriteAsync(
            async (w, ct) =>
            {
                await w.AddTechnicalHelpRequestAsync(ours, ct);
                await w.AddTechnicalHelpRequestAsync(theirs, ct);
            },
            None);
        (TechnicalHelpRequest? Ours, TechnicalHelpRequest? Theirs, TechnicalHelpRequest? Added, TechnicalHelpRequest? Missing) read = default;

        await Store.WriteAsync(
            async (w, ct) =>
            {
                await w.AddTechnicalHelpRequestAsync(ours with { Id = "h-3" }, ct);
                read = (await w.GetTechnicalHelpRequestAsync("h-1", ct), await w.GetTechnicalHelpRequestAsync("h-2", ct), await w.GetTechnicalHelpRequestAsync("h-3", ct), await w.GetTechnicalHelpRequestAsync("h-none", ct));
            },
            None);

        Assert.Equal((ours, theirs, ours with { Id = "h-3" }, (TechnicalHelpRequest?)null), read);
    }

    [Fact]
    public async Task The_pending_requests_of_a_company_for_a_tenant_are_listed_by_request_time_without_the_decided_ones()
    {
        var first = new TenantAssociationRequest("r-1", "contoso", "tenant-stray", "u-alice", T0, TenantAssociationState.PendingConfirmation, null, null);
        var earlier = first with { Id = "r-0", RequestedAt = T0.AddHours(-1) };
        var declined = first with { Id = "r-declined", RequestedAt = T0.AddHours(-2), State = TenantAssociationState.Declined, DecidedByUserId = "u-x", DecidedAt = T0 };
        var otherTenant = first with { Id = "r-other", TenantId = "tenant-other" };
        var otherCompany = first with { Id = "r-fabrikam", CompanyId = "fabrikam" };
        await Store.WriteAsync(
            async (w, ct) =>
            {
                foreach (var request in new[] { first, declined, otherTenant, otherCompany, earlier })
                {
                    await w.SaveTenantAssociationRequestAsync(request, ct);
                }
            },
            None);

        Assert.Equal([earlier, first], await Store.ListPendingTenantAssociationRequestsAsync("contoso", "tenant-stray", None));
        Assert.Equal([otherCompany], await Store.ListPendingTenantAssociationRequestsAsync("fabrikam", "tenant-stray", None));
        Assert.Empty(await Store.ListPendingTenantAssociationRequestsAsync("contoso", "tenant-none", None));

        await Store.WriteAsync((w, ct) => w.SaveTenantAssociationRequestAsync(earlier with { State = TenantAssociationState.Confirmed }, ct), None);

        Assert.Equal([first], await Store.ListPendingTenantAssociationRequestsAsync("contoso", "tenant-stray", None));
    }

    [Fact]
    public async Task A_company_actor_reads_the_user_the_named_company_and_its_users_as_the_separate_reads_do()
    {
        await SeedAsync(Store);

        var alice = await Store.ReadCompanyActorAsync("u-alice", "contoso", None);
        var femiForContoso = await Store.ReadCompanyActorAsync("u-femi", "contoso", None);

        AssertSameUser(Alice, alice.User);
        Assert.Equal(Contoso, alice.Company);
        Assert.Equal(["u-alice", "u-bob"], alice.CompanyUsers.Select(u => u.Id));
        AssertSameUser(Bob, alice.CompanyUsers[1]);
        AssertSameUser(Femi, femiForContoso.User);
        Assert.Equal((Contoso, 2), (femiForContoso.Company, femiForContoso.CompanyUsers.Count));
    }

    [Fact]
    public async Task A_company_actor_without_a_company_named_is_read_with_the_users_own_company()
    {
        await SeedAsync(Store);

        var femi = await Store.ReadCompanyActorAsync("u-femi", null, None);
        var nobody = await Store.ReadCompanyActorAsync("u-nobody", null, None);
        var unknownCompany = await Store.ReadCompanyActorAsync("u-alice", "nobody", None);

        Assert.Equal(Fabrikam, femi.Company);
        AssertSameUser(Femi, Assert.Single(femi.CompanyUsers));
        Assert.Equal((null, null, 0), (nobody.User, nobody.Company, nobody.CompanyUsers.Count));
        AssertSameUser(Alice, unknownCompany.User);
        Assert.Equal(((Company?)null, 0), (unknownCompany.Company, unknownCompany.CompanyUsers.Count));
    }

    [Fact]
    public async Task A_company_actor_whose_company_is_missing_has_no_company_and_no_colleagues()
    {
        await SeedAsync(Store);
        var orphan = Femi with { Id = "u-orphan", CompanyId = "gone" };
        await Store.WriteAsync((w, ct) => w.UpsertUserAsync(orphan, ct), None);

        var read = await Store.ReadCompanyActorAsync("u-orphan", null, None);

        AssertSameUser(orphan, read.User);
        Assert.Equal(((Company?)null, 0), (read.Company, read.CompanyUsers.Count));
    }

    [Fact]
    public async Task A_company_rewards_read_holds_what_each_list_holds()
    {
        await SeedAsync(Store);
        var sale = new BilledSale("s-1", "offer-crm", 12.5m, T0, true);
        await Store.WriteAsync(
            async (w, ct) =>
            {
                await w.AddSaleAsync(sale, ct);
                await w.AddSaleAsync(new BilledSale("s-2", "offer-fab", 1m, T0, false), ct);
                await w.AddActivationAsync(Activation("a-1", "contoso", "benefit-social"), ct);
                await w.AddActivationAsync(Activation("a-2", "fabrikam", "benefit-social"), ct);
            },
            None);

        var contoso = await Store.ReadCompanyRewardsAsync("contoso", None);

        Assert.Equal(Contoso, contoso.Company);
        Assert.Equal(await Store.ListPublisherProfilesAsync("contoso", None), contoso.Profiles);
        Assert.Equal([ContosoCrm, ContosoLabsTrial], contoso.Offers);
        Assert.Equal([sale], contoso.Sales);
        Assert.Equal([Activation("a-1", "contoso", "benefit-social")], contoso.Activations);
    }

    [Fact]
    public async Task A_company_rewards_read_of_an_unknown_company_is_empty()
    {
        await SeedAsync(Store);
        await Store.WriteAsync((w, ct) => w.UpsertPublisherProfileAsync(ContosoMain with { Id = "pp-stray", CompanyId = "gone" }, ct), None);

        Assert.Equal(CompanyRewardsData.None, await Store.ReadCompanyRewardsAsync("gone", None));
    }

    [Fact]
    public async Task A_company_contact_reads_the_company_the_contact_and_the_contacts_user()
    {
        await SeedAsync(Store);
        var contact = Contact("u-alice", "alice.marketing@contoso.com", T0);
        Assert.Equal(new CompanyContact(Contoso, null, null), await Store.ReadCompanyContactAsync("contoso", None));

        await Store.WriteAsync((w, ct) => w.SetMarketingContactAsync(contact, new MarketingContactChange("contoso", null, "u-alice", "u-alice", T0), ct), None);
        var read = await Store.ReadCompanyContactAsync("contoso", None);

        Assert.Equal((Contoso, contact), (read.Company, read.Contact));
        AssertSameUser(Alice, read.ContactUser);
        Assert.Equal(new CompanyContact(null, null, null), await Store.ReadCompanyContactAsync("nobody", None));
    }

    [Fact]
    public async Task A_company_contact_whose_user_no_longer_exists_reads_without_the_user()
    {
        await SeedAsync(Store);
        var contact = Contact("u-gone", "gone@contoso.com", T0);
        await Store.WriteAsync((w, ct) => w.SetMarketingContactAsync(contact, new MarketingContactChange("contoso", null, "u-gone", "u-alice", T0), ct), None);

        Assert.Equal(new CompanyContact(Contoso, contact, null), await Store.ReadCompanyContactAsync("contoso", None));
    }
}
