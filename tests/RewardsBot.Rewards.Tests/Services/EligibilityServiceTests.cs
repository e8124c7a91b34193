using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Tests.Support;
using static RewardsBot.Rewards.Tests.Support.CompanyBuilder;

namespace RewardsBot.Rewards.Tests.Services;

public sealed class EligibilityServiceTests
{
    [Fact]
    public async Task Two_publisher_profiles_with_one_live_offer_make_the_company_eligible()
    {
        var harness = await RewardsHarness.WithAsync(Bare()
            .WithProfile("profile-a")
            .WithProfile("profile-b")
            .WithOffer("offer-a", "profile-a", ListingType.Trial, OfferState.Draft)
            .WithOffer("offer-b", "profile-b", ListingType.Transact, marketplace: Marketplace.AzureMarketplace));

        var report = await CheckAsync(harness);

        Assert.True(report.Eligible);
        Assert.Empty(report.Reasons);
        Assert.Equal([ListingType.Transact], report.LiveListingTypes);
        var counted = Assert.Single(report.Offers, o => o.Counts);
        Assert.Equal("offer-b", counted.OfferId);
        Assert.Equal(Marketplace.AzureMarketplace, counted.Marketplace);
        Assert.Equal([BenefitGroup.SalesAndMarketing, BenefitGroup.Technical], counted.UnlockedGroups);
        var draft = report.Offers.Single(o => o.OfferId == "offer-a");
        Assert.False(draft.Counts);
        Assert.Equal(OfferState.Draft, draft.State);
        Assert.Empty(draft.UnlockedGroups);
    }

    [Fact]
    public async Task A_live_offer_only_on_an_unlinked_profile_does_not_count_and_the_fix_is_to_link_it()
    {
        var harness = await RewardsHarness.WithAsync(Bare()
            .WithProfile("profile-linked")
            .WithProfile("profile-loose", linkedToPga: false)
            .WithOffer("offer-loose", "profile-loose", ListingType.List));

        var report = await CheckAsync(harness);

        Assert.False(report.Eligible);
        var offer = Assert.Single(report.Offers);
        Assert.False(offer.ProfileLinkedToPga);
        Assert.False(offer.Counts);
        var reason = Assert.Single(report.Reasons);
        Assert.Equal(EligibilityCodes.ProfileNotLinked, reason.Code);
        Assert.Equal(EligibilityCodes.FixLinkPublisherProfile, reason.FixCode);
        Assert.Equal(["profile-loose"], reason.PublisherProfileIds);
        Assert.Equal(["offer-loose"], reason.OfferIds);
    }

    [Fact]
    public async Task Without_a_partner_id_the_company_is_not_eligible_even_with_a_live_offer()
    {
        var harness = await RewardsHarness.WithAsync(Eligible().WithoutPartnerId());

        var report = await CheckAsync(harness);

        Assert.False(report.Eligible);
        var reason = Assert.Single(report.Reasons);
        Assert.Equal((EligibilityCodes.NoPartnerId, EligibilityCodes.FixGetPartnerId), (reason.Code, reason.FixCode));
        Assert.True(Assert.Single(report.Offers).Counts);
        Assert.Empty(report.Offers[0].UnlockedGroups);
    }

    [Fact]
    public async Task Offers_still_in_draft_or_review_are_named_with_the_fix_to_finish_publishing()
    {
        var harness = await RewardsHarness.WithAsync(Bare()
            .WithProfile(MainProfile)
            .WithOffer("offer-draft", MainProfile, ListingType.Transact, OfferState.Draft)
            .WithOffer("offer-review", MainProfile, ListingType.Trial, OfferState.InReview));

        var report = await CheckAsync(harness);

        Assert.False(report.Eligible);
        var reason = Assert.Single(report.Reasons);
        Assert.Equal((EligibilityCodes.OfferNotLive, EligibilityCodes.FixFinishPublishing), (reason.Code, reason.FixCode));
        Assert.Equal(["offer-draft", "offer-review"], reason.OfferIds);
    }

    [Fact]
    public async Task With_no_offer_at_all_the_fix_is_to_publish_one()
    {
        var harness = await RewardsHarness.WithAsync(Bare().WithProfile(MainProfile).WithOffer("offer-old", MainProfile, ListingType.List, OfferState.Delisted));

        var report = await CheckAsync(harness);

        Assert.False(report.Eligible);
        var reason = Assert.Single(report.Reasons);
        Assert.Equal((EligibilityCodes.NoLiveOffer, EligibilityCodes.FixPublishOffer), (reason.Code, reason.FixCode));
    }

    [Fact]
    public async Task Every_reason_is_given_when_several_apply()
    {
        var harness = await RewardsHarness.WithAsync(Bare()
            .WithoutPartnerId()
            .WithProfile("profile-loose", linkedToPga: false)
            .WithOffer("offer-loose", "profile-loose", ListingType.List)
            .WithOffer("offer-draft", "profile-loose", ListingType.Trial, OfferState.Draft));

        var report = await CheckAsync(harness);

        Assert.Equal(
            [EligibilityCodes.NoPartnerId, EligibilityCodes.ProfileNotLinked, EligibilityCodes.OfferNotLive],
            report.Reasons.Select(r => r.Code));
    }

    [Fact]
    public async Task Every_listing_gets_the_basics_eligible_or_not()
    {
        var eligible = await CheckAsync(await RewardsHarness.WithAsync(Eligible()));
        var notEligible = await CheckAsync(await RewardsHarness.WithAsync(Bare()));

        Assert.True(eligible.ReceivesBasics);
        Assert.True(notEligible.ReceivesBasics);
    }

    [Fact]
    public async Task The_tier_comes_from_cumulative_billed_sales_of_transact_offers()
    {
        var harness = await RewardsHarness.WithAsync(Eligible()
            .WithProfile("profile-b")
            .WithOffer("offer-b", "profile-b", ListingType.Transact, OfferState.Delisted)
            .WithSale(TransactOffer, 60_000m)
            .WithSale("offer-b", 40_000m));

        var report = await CheckAsync(harness);

        Assert.Equal(100_000m, report.CountedSalesUsd);
        Assert.Equal(2, report.TransactTier);
        Assert.Equal(harness.Catalogue.TierThresholdsUsd[2], report.NextTierThresholdUsd);
    }

    [Fact]
    public async Task A_fraudulent_sale_that_would_cross_a_threshold_does_not_raise_the_tier()
    {
        var threshold = BenefitCatalogue.Default.TierThresholdsUsd[0];
        var harness = await RewardsHarness.WithAsync(Eligible()
            .WithSale(TransactOffer, threshold - 1m)
            .WithSale(TransactOffer, 5_000m, fraudulent: true));

        var report = await CheckAsync(harness);

        Assert.Equal(0, report.TransactTier);
        Assert.Equal(threshold - 1m, report.CountedSalesUsd);
        Assert.Equal(5_000m, report.ExcludedFraudulentSalesUsd);
        Assert.Equal(threshold, report.NextTierThresholdUsd);
    }

    [Fact]
    public async Task Sales_on_profiles_not_linked_to_the_PGA_do_not_count_toward_the_tier()
    {
        var harness = await RewardsHarness.WithAsync(Eligible()
            .WithProfile("profile-loose", linkedToPga: false)
            .WithOffer("offer-loose", "profile-loose", ListingType.Transact)
            .WithSale("offer-loose", 2_000_000m));

        var report = await CheckAsync(harness);

        Assert.Equal(0m, report.CountedSalesUsd);
        Assert.Equal(0, report.TransactTier);
    }

    [Fact]
    public async Task Overridden_thresholds_change_the_tier_reached()
    {
        var company = Eligible().WithSale(TransactOffer, 1_500m);
        var standard = await CheckAsync(await RewardsHarness.WithAsync(company));
        var lowered = await CheckAsync(await RewardsHarness.WithAsync(
            BenefitCatalogue.Default.WithTierThresholds([1_000m, 2_000m, 3_000m, 4_000m]), company));

        Assert.Equal(0, standard.TransactTier);
        Assert.Equal(1, lowered.TransactTier);
        Assert.Equal(2_000m, lowered.NextTierThresholdUsd);
    }

    [Fact]
    public async Task An_unknown_company_is_refused()
    {
        var harness = await RewardsHarness.WithAsync();

        var outcome = await harness.Eligibility.CheckAsync("nobody", CancellationToken.None);

        Assert.Equal(RewardsRefusalCodes.CompanyUnknown, outcome.Refusal?.Code);
        Assert.Equal("nobody", outcome.Refusal?.Fact("companyId"));
    }

    private static async Task<EligibilityReport> CheckAsync(RewardsHarness harness)
    {
        var outcome = await harness.Eligibility.CheckAsync(CompanyId, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
        return outcome.Value!;
    }
}
