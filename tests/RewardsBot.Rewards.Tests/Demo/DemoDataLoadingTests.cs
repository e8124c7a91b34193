using System.Text.Json.Nodes;
using RewardsBot.Rewards.Demo;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;
using RewardsBot.Rewards.Tests.Support;
using RewardsBot.Rewards.Tests.Tenants.Support;

namespace RewardsBot.Rewards.Tests.Demo;

public sealed class DemoDataLoadingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Loads_into_an_empty_store_once_and_the_second_call_changes_nothing()
    {
        var store = RewardsTestStore.Create();
        var clock = new ManualClock();

        var first = await DemoData.LoadIfEmptyAsync(store, clock, None);
        clock.Advance(TimeSpan.FromDays(3));
        var second = await DemoData.LoadIfEmptyAsync(store, clock, None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(["adatum", "contoso", "fabrikam", "northwind"], (await store.ListCompaniesAsync(None)).Select(c => c.Id));
        Assert.Equal(4, (await store.ListSalesAsync("contoso", None)).Count);
        Assert.Single(await store.ListMarketingContactHistoryAsync("northwind", None));
        var forecast = (await store.ListOffersAsync("contoso", None)).Single(o => o.Id == "of-contoso-forecast");
        Assert.Equal(clock.GetUtcNow().AddDays(-3 - 45), forecast.GoLiveDate);
    }

    [Fact]
    public async Task Concurrent_loads_into_one_empty_store_load_it_once()
    {
        var store = RewardsTestStore.Create();
        var clock = new ManualClock();

        var loads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => DemoData.LoadIfEmptyAsync(store, clock, None))));

        Assert.Single(loads, loaded => loaded);
        Assert.Equal(4, (await store.ListSalesAsync("contoso", None)).Count);
        Assert.Single(await store.ListMarketingContactHistoryAsync("northwind", None));
    }

    [Fact]
    public async Task Store_that_already_holds_a_company_is_left_alone()
    {
        var store = RewardsTestStore.Create();
        await store.WriteAsync((w, ct) => w.UpsertCompanyAsync(new Company("own", "Own data", "1", "a@own.test", "t-own"), ct), None);

        var loaded = await DemoData.LoadIfEmptyAsync(store, new ManualClock(), None);

        Assert.False(loaded);
        Assert.Equal(["own"], (await store.ListCompaniesAsync(None)).Select(c => c.Id));
    }

    [Fact]
    public void Embedded_data_passes_its_own_reference_validation()
    {
        Assert.Empty(DemoData.Validate(DemoData.ReadEmbeddedJson()));
    }

    [Theory]
    [InlineData("users", "u-kenji", "companyId", "gone-company", "user 'u-kenji' names company 'gone-company'")]
    [InlineData("users", "u-kenji", "tenantId", "t-gone", "user 'u-kenji' names tenant 't-gone'")]
    [InlineData("offers", "of-contoso-forecast", "publisherProfileId", "pp-gone", "offer 'of-contoso-forecast' names publisher profile 'pp-gone'")]
    [InlineData("offers", "of-contoso-forecast", "ownerUserId", "u-gone", "offer 'of-contoso-forecast' names owner 'u-gone'")]
    [InlineData("offers", "of-contoso-forecast", "ownerUserId", "u-grace", "owned by 'u-grace' of company 'northwind'")]
    [InlineData("sales", "sale-contoso-3", "offerId", "of-fabrikam-ledger", "only transact offers have billed sales")]
    [InlineData("publisherProfiles", "pp-adatum", "companyId", "gone-company", "publisher profile 'pp-adatum' names company 'gone-company'")]
    [InlineData("tenants", "6f1d9a22-8c4b-4b17-a3e5-7b0b07000003", "companyId", "gone-company", "names company 'gone-company'")]
    [InlineData("demoIdentities", "demo-ana", "userId", "u-gone", "demo identity 'demo-ana' names user 'u-gone'")]
    [InlineData("marketingContacts", "northwind", "email", "pc-account@northwind-apps.example", "rule 3 needs a different one")]
    [InlineData("users", "u-kenji", "id", "u-ana", "'users' holds the id 'u-ana' twice")]
    [InlineData("users", "u-kenji", "compnyId", "contoso", "compnyId")]
    public void Validation_names_what_is_wrong(string collection, string id, string property, string value, string expected)
    {
        var json = JsonNode.Parse(DemoData.ReadEmbeddedJson())!;
        var item = json[collection]!.AsArray().Single(n => (string?)n!["id"] == id || (string?)n!["companyId"] == id)!;
        item[property] = value;

        var problems = DemoData.Validate(json.ToJsonString());

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Live_offer_without_a_go_live_date_is_invalid()
    {
        var json = JsonNode.Parse(DemoData.ReadEmbeddedJson())!;
        json["offers"]!.AsArray().Single(n => (string?)n!["id"] == "of-contoso-insights")!["goLiveDaysAgo"] = null;

        var problems = DemoData.Validate(json.ToJsonString());

        Assert.Contains("offer 'of-contoso-insights' is Live: goLiveDaysAgo must be a number of days, 0 or more.", problems);
    }

    [Fact]
    public void Malformed_json_is_reported_rather_than_thrown()
    {
        var problem = Assert.Single(DemoData.Validate("{ \"tenants\": [ }"));

        Assert.StartsWith("not readable as demo data:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_demo_identity_is_bound_on_the_Emulator_and_Direct_Line_to_its_user()
    {
        var store = RewardsTestStore.Create();
        await DemoData.LoadIfEmptyAsync(store, new ManualClock(), None);

        Assert.Equal(10, DemoData.Identities.Count);
        foreach (var identity in DemoData.Identities)
        {
            Assert.Equal(identity.UserId, await store.FindUserIdByChatIdentityAsync(ChatIdentityChannels.Emulator, identity.Id, None));
            Assert.Equal(identity.UserId, await store.FindUserIdByChatIdentityAsync(ChatIdentityChannels.DirectLine, identity.Id, None));
            var user = await store.GetUserAsync(identity.UserId, None);
            Assert.Equal((user!.Name, user.CompanyId), (identity.DisplayName, identity.CompanyId));
            Assert.Equal((await store.GetCompanyAsync(identity.CompanyId, None))!.Name, identity.CompanyName);
            Assert.False(string.IsNullOrWhiteSpace(identity.Shows));
        }
    }
}
