using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Tests.Tenants.Support;
using static RewardsBot.Rewards.Tests.Tenants.Support.TenantWorld;

namespace RewardsBot.Rewards.Tests.FollowUp;

public sealed class OfferFollowUpServiceTests
{
    [Fact]
    public async Task Offer_live_27_days_needs_nothing_yet_and_at_29_days_points_to_its_active_owner()
    {
        using var world = await CreateAsync();
        await AddOfferAsync(world, "of-new", daysLive: 27, owner: "u-partner");

        var early = await FindAsync(world);
        world.Clock.Advance(TimeSpan.FromDays(2));
        var later = await FindAsync(world);

        Assert.Empty(early);
        var followUp = Assert.Single(later);
        Assert.Equal(("of-new", 29, OfferFollowUpService.AskOwner), (followUp.Offer.Id, followUp.DaysLive, followUp.Code));
        Assert.Equal("Pat Partner", followUp.Owner?.Name);
        Assert.Null(followUp.Reason);
    }

    [Fact]
    public async Task Exactly_four_weeks_live_is_not_more_than_four_weeks()
    {
        using var world = await CreateAsync();
        await AddOfferAsync(world, "of-new", daysLive: 28, owner: "u-partner");

        var atFourWeeks = await FindAsync(world);
        world.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(atFourWeeks);
        Assert.Single(await FindAsync(world));
    }

    [Fact]
    public async Task Offer_of_a_departed_owner_leads_to_a_support_ticket()
    {
        using var world = await CreateAsync();
        await AddOfferAsync(world, "of-orphan", daysLive: 45, owner: "u-gone");

        var followUp = Assert.Single(await FindAsync(world));

        Assert.Equal(OfferFollowUpService.SupportTicket, followUp.Code);
        Assert.Equal(OfferFollowUpService.OwnerDeparted, followUp.Reason);
        Assert.Equal("u-gone", followUp.Owner?.Id);
        Assert.Equal("https://aka.ms/marketplacepublishersupport", OfferFollowUpService.PublisherSupportUrl.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("u-missing")]
    [InlineData("u-fab-admin")] // a user of another company is nobody this company can ask
    public async Task Offer_whose_owner_cannot_be_found_leads_to_a_support_ticket(string? owner)
    {
        using var world = await CreateAsync();
        await AddOfferAsync(world, "of-orphan", daysLive: 40, owner: owner);

        var followUp = Assert.Single(await FindAsync(world));

        Assert.Equal((OfferFollowUpService.SupportTicket, OfferFollowUpService.OwnerUnknown), (followUp.Code, followUp.Reason));
        Assert.Null(followUp.Owner);
    }

    [Fact]
    public async Task Company_with_a_marketing_contact_has_heard_from_Rewards()
    {
        using var world = await CreateAsync();
        await AddOfferAsync(world, "of-old", daysLive: 60, owner: "u-gone");
        var at = world.Clock.GetUtcNow();
        await world.SeedAsync(w => w.SetMarketingContactAsync(
            new MarketingContact("contoso", "u-dev", "dee@contoso.test", "+33199001234", "fr", at, "u-partner"),
            new MarketingContactChange("contoso", null, "u-dev", "u-partner", at),
            None));

        Assert.Empty(await FindAsync(world));
    }

    [Fact]
    public async Task Company_with_an_activation_has_heard_from_Rewards()
    {
        using var world = await CreateAsync();
        await AddOfferAsync(world, "of-old", daysLive: 60, owner: "u-gone");
        var at = world.Clock.GetUtcNow();
        await world.SeedAsync(w => w.AddActivationAsync(new Activation("act-1", "contoso", "b-listing", "u-partner", at, at.AddDays(7), null), None));

        Assert.Empty(await FindAsync(world));
    }

    [Fact]
    public async Task Offers_not_live_or_on_a_profile_not_linked_to_the_PGA_need_no_follow_up()
    {
        using var world = await CreateAsync();
        await world.SeedAsync(async w =>
        {
            await w.UpsertPublisherProfileAsync(new PublisherProfile("pp-side", "contoso", "Side project", LinkedToPga: false), None);
            await w.UpsertOfferAsync(LiveOffer("of-side", "pp-side", world.Clock.GetUtcNow().AddDays(-60), "u-partner"), None);
            await w.UpsertOfferAsync(LiveOffer("of-gone", "pp-contoso", world.Clock.GetUtcNow().AddDays(-60), "u-partner") with { State = OfferState.Delisted }, None);
        });

        Assert.Empty(await FindAsync(world));
    }

    [Fact]
    public async Task Follow_ups_list_the_longest_live_offer_first()
    {
        using var world = await CreateAsync();
        await AddOfferAsync(world, "of-b", daysLive: 35, owner: "u-partner");
        await AddOfferAsync(world, "of-a", daysLive: 90, owner: "u-gone");

        var followUps = await FindAsync(world);

        Assert.Equal(["of-a", "of-b"], followUps.Select(f => f.Offer.Id));
    }

    [Fact]
    public async Task Unknown_company_is_refused()
    {
        using var world = await CreateAsync();

        var outcome = await new OfferFollowUpService(world.Store, world.Clock).FindAsync("nobody", None);

        Assert.Equal(OfferFollowUpService.CompanyUnknown, outcome.Refusal?.Code);
    }

    private static Task AddOfferAsync(TenantWorld world, string id, int daysLive, string? owner)
        => world.SeedAsync(w => w.UpsertOfferAsync(LiveOffer(id, "pp-contoso", world.Clock.GetUtcNow().AddDays(-daysLive), owner), None));

    private static async Task<IReadOnlyList<OfferFollowUp>> FindAsync(TenantWorld world)
    {
        var outcome = await new OfferFollowUpService(world.Store, world.Clock).FindAsync("contoso", None);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
        return outcome.Value!;
    }
}
