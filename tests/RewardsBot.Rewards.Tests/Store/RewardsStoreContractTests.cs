using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;
using static RewardsBot.Rewards.Tests.Store.StoreSamples;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>
/// What every <see cref="IRewardsStore"/> must do; each store runs these through a subclass. This part: entities
/// round-trip exactly and lists hold what they should, in order. The other part (.Writes.cs): logs, uniqueness, transactions.
/// </summary>
public abstract partial class RewardsStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract IRewardsStore Store { get; }

    [Fact]
    public async Task Companies_round_trip_with_every_field_and_are_listed_by_id()
    {
        await SeedAsync(Store);

        Assert.Equal(Contoso, await Store.GetCompanyAsync("contoso", None));
        Assert.Equal(Fabrikam, await Store.GetCompanyAsync("fabrikam", None));
        Assert.Equal([Contoso, Fabrikam], await Store.ListCompaniesAsync(None));
    }

    [Fact]
    public async Task Upserting_a_company_again_replaces_it()
    {
        await SeedAsync(Store);
        var renamed = Fabrikam with { Name = "Fabrikam Group", PartnerId = "9990001", AccountEmail = "hq@fabrikam.com", HomeTenantId = "tenant-new" };

        await WriteAsync(w => w.UpsertCompanyAsync(renamed, None));

        Assert.Equal(renamed, await Store.GetCompanyAsync("fabrikam", None));
        Assert.Equal(2, (await Store.ListCompaniesAsync(None)).Count);
    }

    [Fact]
    public async Task Tenants_round_trip_and_a_company_lists_only_its_own_tenants_by_id()
    {
        await SeedAsync(Store);

        Assert.Equal(Unassociated, await Store.GetTenantAsync("tenant-stray", None));
        Assert.Equal([ContosoHome, ContosoEurope], await Store.ListTenantsOfCompanyAsync("contoso", None));
        Assert.Empty(await Store.ListTenantsOfCompanyAsync("fabrikam", None));
    }

    [Fact]
    public async Task Associating_a_tenant_by_upserting_it_moves_it_to_the_company()
    {
        await SeedAsync(Store);

        await WriteAsync(w => w.UpsertTenantAsync(Unassociated with { CompanyId = "fabrikam", DisplayName = "Now Fabrikam's" }, None));

        Assert.Equal([Unassociated with { CompanyId = "fabrikam", DisplayName = "Now Fabrikam's" }], await Store.ListTenantsOfCompanyAsync("fabrikam", None));
    }

    [Fact]
    public async Task Users_round_trip_with_roles_in_order_status_and_a_missing_object_id()
    {
        await SeedAsync(Store);

        AssertSameUser(Alice, await Store.GetUserAsync("u-alice", None));
        AssertSameUser(Bob, await Store.GetUserAsync("u-bob", None));
        AssertSameUser(Femi, await Store.GetUserAsync("u-femi", None));
    }

    [Fact]
    public async Task Upserting_a_user_again_replaces_its_fields_and_roles()
    {
        await SeedAsync(Store);
        var changed = Alice with { Name = "Alice M.", Email = "am@contoso.com", Roles = [PartnerRole.BusinessContributor], Status = UserStatus.Departed, EntraObjectId = null };

        await WriteAsync(w => w.UpsertUserAsync(changed, None));

        AssertSameUser(changed, await Store.GetUserAsync("u-alice", None));
    }

    [Fact]
    public async Task A_user_is_found_by_tenant_and_object_id_ignoring_case_but_not_from_another_tenant()
    {
        await SeedAsync(Store);

        AssertSameUser(Alice, await Store.FindUserByObjectIdAsync("tenant-contoso", "9f1c2d3e-0000-4a5b-8c7d-112233445566", None));
        Assert.Null(await Store.FindUserByObjectIdAsync("tenant-contoso-eu", Alice.EntraObjectId!, None));
        Assert.Null(await Store.FindUserByObjectIdAsync("tenant-contoso", "obj-femi", None));
    }

    [Fact]
    public async Task A_company_lists_only_its_own_users_ordered_by_id()
    {
        await SeedAsync(Store);

        var users = await Store.ListUsersAsync("contoso", None);

        Assert.Equal(["u-alice", "u-bob"], users.Select(u => u.Id));
        AssertSameUser(Alice, users[0]);
        AssertSameUser(Bob, users[1]);
    }

    [Fact]
    public async Task Publisher_profiles_linked_or_not_round_trip_and_are_listed_per_company_by_id()
    {
        await SeedAsync(Store);

        Assert.Equal([ContosoLabs, ContosoMain], await Store.ListPublisherProfilesAsync("contoso", None));
        Assert.Equal([FabrikamMain], await Store.ListPublisherProfilesAsync("fabrikam", None));
    }

    [Fact]
    public async Task Offers_of_every_profile_of_the_company_are_listed_by_id_and_none_of_another_company()
    {
        await SeedAsync(Store);

        Assert.Equal([ContosoCrm, ContosoLabsTrial], await Store.ListOffersAsync("contoso", None));
        Assert.Equal([FabrikamList], await Store.ListOffersAsync("fabrikam", None));
        Assert.Empty(await Store.ListOffersAsync("nobody", None));
    }

    [Fact]
    public async Task Upserting_an_offer_again_replaces_it()
    {
        await SeedAsync(Store);
        var live = ContosoLabsTrial with { Name = "Labs", State = OfferState.Live, GoLiveDate = T0, OwnerUserId = "u-alice", ListingType = ListingType.Transact, Marketplace = Marketplace.AzureMarketplace };

        await WriteAsync(w => w.UpsertOfferAsync(live, None));

        Assert.Equal([ContosoCrm, live], await Store.ListOffersAsync("contoso", None));
    }

    [Fact]
    public async Task Sales_round_trip_exact_amounts_times_and_the_fraud_flag_in_the_order_added()
    {
        await SeedAsync(Store);
        BilledSale[] sales =
        [
            new("s-3", "offer-crm", 1234.56m, T0, false),
            new("s-1", "offer-crm", 79_228_162_514_264_337_593_543_950_335m, T0.ToOffset(TimeSpan.FromHours(-8)), true),
            new("s-2", "offer-labs", 0.0000001m, T0.AddTicks(1), false),
            new("s-4", "offer-crm", -12.500m, T0.AddYears(-3), true),
        ];

        await WriteAsync(async w => { foreach (var sale in sales) { await w.AddSaleAsync(sale, None); } });

        var listed = await Store.ListSalesAsync("contoso", None);
        Assert.Equal(sales, listed);
        Assert.Equal(["1234.56", "79228162514264337593543950335", "0.0000001", "-12.500"], listed.Select(s => s.AmountUsd.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_company_lists_only_the_sales_of_its_own_offers()
    {
        await SeedAsync(Store);
        var ours = new BilledSale("s-ours", "offer-crm", 10m, T0, false);
        var theirs = new BilledSale("s-theirs", "offer-fab", 20m, T0, false);

        await WriteAsync(async w =>
        {
            await w.AddSaleAsync(theirs, None);
            await w.AddSaleAsync(ours, None);
        });

        Assert.Equal([ours], await Store.ListSalesAsync("contoso", None));
        Assert.Equal([theirs], await Store.ListSalesAsync("fabrikam", None));
    }

    [Fact]
    public async Task Unknown_ids_read_as_nothing()
    {
        await SeedAsync(Store);

        Assert.Null(await Store.GetCompanyAsync("nobody", None));
        Assert.Null(await Store.GetTenantAsync("nobody", None));
        Assert.Null(await Store.GetUserAsync("nobody", None));
        Assert.Null(await Store.FindUserIdByChatIdentityAsync("directline", "nobody", None));
        Assert.Null(await Store.GetMarketingContactAsync("contoso", None));
        Assert.Null(await Store.GetTenantAssociationRequestAsync("nobody", None));
        Assert.Empty(await Store.ListUsersAsync("nobody", None));
        Assert.Empty(await Store.ListAuditAsync("contoso", None));
    }

    private Task WriteAsync(Func<IRewardsWriter, Task> changes) => Store.WriteAsync((w, _) => changes(w), None);
}
