using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Tests.Support;
using static RewardsBot.Rewards.Tests.Support.CompanyBuilder;

namespace RewardsBot.Rewards.Tests.Services;

public sealed class BenefitServiceTests
{
    private static readonly decimal FirstThreshold = BenefitCatalogue.Default.TierThresholdsUsd[0];

    [Fact]
    public async Task Every_catalogue_benefit_is_listed_in_catalogue_order()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var statuses = await ListAsync(harness);

        Assert.Equal(harness.Catalogue.Benefits.Select(b => b.Id), statuses.Select(s => s.BenefitId));
    }

    [Fact]
    public async Task An_eligible_transact_publisher_at_tier_0_has_tier_0_benefits_available_and_tiered_ones_locked_with_the_tier_needed()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var statuses = (await ListAsync(harness)).ToDictionary(s => s.BenefitId);

        Assert.Equal(BenefitState.Available, statuses["listing-review"].State);
        Assert.Equal(BenefitState.Available, statuses["presales-consultation"].State);
        var caseStudy = statuses["customer-case-study"];
        Assert.Equal((BenefitState.Locked, BenefitLockReason.TierTooLow), (caseStudy.State, caseStudy.LockReason));
        Assert.Equal(1, caseStudy.NeededTier);
        Assert.Equal(FirstThreshold, caseStudy.NeededSalesUsd);
        Assert.Equal(2, statuses["azure-sponsorship"].NeededTier);
    }

    [Fact]
    public async Task Reaching_a_tier_unlocks_its_benefits()
    {
        var harness = await RewardsHarness.WithAsync(Eligible().WithSale(TransactOffer, FirstThreshold));

        var statuses = (await ListAsync(harness)).ToDictionary(s => s.BenefitId);

        Assert.Equal(BenefitState.Available, statuses["customer-case-study"].State);
        Assert.Equal(BenefitState.Available, statuses["app-development-help"].State);
        Assert.Equal(BenefitLockReason.TierTooLow, statuses["co-marketing-campaign"].LockReason);
    }

    [Fact]
    public async Task A_list_only_publisher_sees_benefits_for_other_listing_types_locked_by_listing_type()
    {
        var harness = await RewardsHarness.WithAsync(Bare().WithProfile(MainProfile).WithOffer("offer-list", MainProfile, ListingType.List));

        var statuses = (await ListAsync(harness)).ToDictionary(s => s.BenefitId);

        Assert.Equal(BenefitState.Available, statuses["social-amplification"].State);
        Assert.Equal(BenefitLockReason.ListingTypeNotLive, statuses["press-release-support"].LockReason);
        Assert.Equal(BenefitLockReason.ListingTypeNotLive, statuses["customer-case-study"].LockReason);
        Assert.Null(statuses["customer-case-study"].NeededTier);
    }

    [Fact]
    public async Task A_company_that_is_not_eligible_has_every_benefit_locked_as_not_eligible()
    {
        var harness = await RewardsHarness.WithAsync(Eligible().WithoutPartnerId());

        var statuses = await ListAsync(harness);

        Assert.All(statuses, s => Assert.Equal((BenefitState.Locked, BenefitLockReason.NotEligible), (s.State, s.LockReason)));
    }

    [Fact]
    public async Task An_activated_benefit_shows_when_it_was_activated_and_when_the_follow_up_is_due()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();
        await harness.Activations.ActivateAsync(Admin, CompanyId, "listing-review", CancellationToken.None);

        var status = (await harness.Benefits.GetAsync(CompanyId, "listing-review", CancellationToken.None)).Value!;

        Assert.Equal(BenefitState.Activated, status.State);
        Assert.Equal(harness.Clock.GetUtcNow(), status.Activation!.ActivatedAt);
        Assert.Equal(harness.Clock.GetUtcNow().AddDays(7), status.Activation.FollowUpDue);
        Assert.Null(status.Activation.ExpiresAt);
    }

    [Fact]
    public async Task A_one_time_benefit_expires_once_the_clock_passes_its_expiry()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();
        var days = harness.Catalogue.Find("social-amplification")!.ExpiresAfterDays!.Value;
        await harness.Activations.ActivateAsync(Admin, CompanyId, "social-amplification", CancellationToken.None);

        harness.Clock.Advance(TimeSpan.FromDays(days) - TimeSpan.FromSeconds(1));
        var justBefore = await StateAsync(harness, "social-amplification");
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await StateAsync(harness, "social-amplification");

        Assert.Equal(BenefitState.Activated, justBefore);
        Assert.Equal(BenefitState.Expired, atExpiry);
    }

    [Fact]
    public async Task An_activation_stays_visible_when_the_company_later_loses_eligibility()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();
        await harness.Activations.ActivateAsync(Admin, CompanyId, "listing-review", CancellationToken.None);
        await Eligible().WithoutPartnerId().SaveAsync(harness.Store);

        Assert.Equal(BenefitState.Activated, await StateAsync(harness, "listing-review"));
        Assert.Equal(BenefitState.Locked, await StateAsync(harness, "social-amplification"));
    }

    [Fact]
    public async Task Unknown_benefits_and_companies_are_refused()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var benefit = await harness.Benefits.GetAsync(CompanyId, "free-lunch", CancellationToken.None);
        var company = await harness.Benefits.ListAsync("nobody", CancellationToken.None);

        Assert.Equal(RewardsRefusalCodes.BenefitUnknown, benefit.Refusal?.Code);
        Assert.Equal("free-lunch", benefit.Refusal?.Fact("benefitId"));
        Assert.Equal(RewardsRefusalCodes.CompanyUnknown, company.Refusal?.Code);
    }

    private static async Task<IReadOnlyList<BenefitStatus>> ListAsync(RewardsHarness harness)
    {
        var outcome = await harness.Benefits.ListAsync(CompanyId, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
        return outcome.Value!;
    }

    private static async Task<BenefitState> StateAsync(RewardsHarness harness, string benefitId)
        => (await harness.Benefits.GetAsync(CompanyId, benefitId, CancellationToken.None)).Value!.State;
}
