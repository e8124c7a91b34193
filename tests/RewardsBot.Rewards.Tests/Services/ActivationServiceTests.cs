using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Tests.Support;
using static RewardsBot.Rewards.Tests.Support.CompanyBuilder;

namespace RewardsBot.Rewards.Tests.Services;

public sealed class ActivationServiceTests
{
    private const string Benefit = "listing-review";

    [Fact]
    public async Task Activation_records_the_time_and_a_follow_up_exactly_seven_days_later()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();
        harness.Clock.Advance(TimeSpan.FromHours(5));
        var now = harness.Clock.GetUtcNow();

        var outcome = await ActivateAsync(harness);

        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
        Assert.False(outcome.Value!.AlreadyActive);
        var activation = outcome.Value.Activation;
        Assert.Equal((CompanyId, Benefit, Admin, now), (activation.CompanyId, activation.BenefitId, activation.ActivatedByUserId, activation.ActivatedAt));
        Assert.Equal(now.AddDays(7), activation.FollowUpDue);
        Assert.Equal(activation.FollowUpDue, outcome.Value.FollowUpDue);
    }

    [Fact]
    public async Task A_one_time_benefit_gets_its_expiry_from_the_catalogue()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();
        var days = harness.Catalogue.Find("social-amplification")!.ExpiresAfterDays!.Value;

        var outcome = await ActivateAsync(harness, benefitId: "social-amplification");

        Assert.Equal(harness.Clock.GetUtcNow().AddDays(days), outcome.Value!.Activation.ExpiresAt);
    }

    [Fact]
    public async Task Activating_twice_returns_the_first_activation_and_writes_one_row()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();
        var first = await ActivateAsync(harness);
        harness.Clock.Advance(TimeSpan.FromDays(2));

        var second = await ActivateAsync(harness, actor: AdminAgent);

        Assert.True(second.Succeeded, second.Refusal?.Code);
        Assert.True(second.Value!.AlreadyActive);
        Assert.Equal(first.Value!.Activation, second.Value.Activation);
        Assert.Equal(first.Value.FollowUpDue, second.Value.FollowUpDue);
        Assert.Single(await harness.Store.ListActivationsAsync(CompanyId, CancellationToken.None));
        Assert.Single(await harness.Store.ListAuditAsync(CompanyId, CancellationToken.None), a => a.Action == ActivationService.AuditAction);
    }

    [Fact]
    public async Task Concurrent_activations_of_one_benefit_make_one_row()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ActivateAsync(harness))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Refusal?.Code));
        Assert.Single(outcomes, o => !o.Value!.AlreadyActive);
        Assert.Single(await harness.Store.ListActivationsAsync(CompanyId, CancellationToken.None));
    }

    [Fact]
    public async Task Activation_without_marketing_contact_is_refused_so_the_dialog_can_offer_to_assign_one()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var refused = await ActivateAsync(harness);
        await harness.AssignMarketerAsync();
        var resumed = await ActivateAsync(harness);

        Assert.Equal(ActivationService.NeedsMarketingContact, refused.Refusal?.Code);
        Assert.Equal((Benefit, "none"), (refused.Refusal?.Fact("benefitId"), refused.Refusal?.Fact("reason")));
        Assert.True(resumed.Succeeded, resumed.Refusal?.Code);
    }

    [Fact]
    public async Task A_marketing_contact_who_has_left_must_be_replaced_before_activating()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();
        await Eligible().WithUser(Marketer, "Mia Marketer", UserStatus.Departed).SaveAsync(harness.Store);

        var outcome = await ActivateAsync(harness);

        Assert.Equal(ActivationService.NeedsMarketingContact, outcome.Refusal?.Code);
        Assert.Equal("contactInactive", outcome.Refusal?.Fact("reason"));
    }

    [Fact]
    public async Task A_technical_benefit_is_not_activated_but_requested_through_technical_help()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();

        var outcome = await ActivateAsync(harness, benefitId: "presales-consultation");

        Assert.Equal(ActivationService.TechnicalBenefit, outcome.Refusal?.Code);
        Assert.Equal("technicalHelp", outcome.Refusal?.Fact("next"));
        Assert.Empty(await harness.Store.ListActivationsAsync(CompanyId, CancellationToken.None));
    }

    [Fact]
    public async Task A_company_that_is_not_eligible_is_refused_with_its_reasons()
    {
        var harness = await RewardsHarness.WithAsync(Eligible().WithoutPartnerId());
        await harness.AssignMarketerAsync();

        var outcome = await ActivateAsync(harness);

        Assert.Equal(RewardsRefusalCodes.BenefitNotEligible, outcome.Refusal?.Code);
        Assert.Equal(EligibilityCodes.NoPartnerId, outcome.Refusal?.Fact("reasons"));
    }

    [Fact]
    public async Task A_benefit_above_the_tier_is_refused_with_the_tier_needed()
    {
        var harness = await RewardsHarness.WithAsync(Eligible().WithSale(TransactOffer, 30_000m));
        await harness.AssignMarketerAsync();

        var outcome = await ActivateAsync(harness, benefitId: "co-marketing-campaign");

        Assert.Equal(RewardsRefusalCodes.BenefitTierTooLow, outcome.Refusal?.Code);
        Assert.Equal(("2", "1", "100000", "30000"), (
            outcome.Refusal?.Fact("neededTier"),
            outcome.Refusal?.Fact("currentTier"),
            outcome.Refusal?.Fact("neededSalesUsd"),
            outcome.Refusal?.Fact("countedSalesUsd")));
    }

    [Fact]
    public async Task A_benefit_for_a_listing_type_that_is_not_live_is_refused()
    {
        var harness = await RewardsHarness.WithAsync(Bare().WithProfile(MainProfile).WithOffer("offer-list", MainProfile, ListingType.List));
        await harness.AssignMarketerAsync();

        var outcome = await ActivateAsync(harness, benefitId: "press-release-support");

        Assert.Equal(RewardsRefusalCodes.BenefitListingTypeNotLive, outcome.Refusal?.Code);
        Assert.Equal(("Trial,Transact", "List"), (outcome.Refusal?.Fact("listingTypes"), outcome.Refusal?.Fact("liveListingTypes")));
    }

    [Fact]
    public async Task An_expired_one_time_benefit_cannot_be_activated_again()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();
        await ActivateAsync(harness, benefitId: "social-amplification");
        harness.Clock.Advance(TimeSpan.FromDays(365));

        var outcome = await ActivateAsync(harness, benefitId: "social-amplification");

        Assert.Equal(ActivationService.Expired, outcome.Refusal?.Code);
        Assert.Single(await harness.Store.ListActivationsAsync(CompanyId, CancellationToken.None));
    }

    [Theory]
    [InlineData(Developer, RewardsRefusalCodes.RoleRequired)]
    [InlineData(Departed, RewardsRefusalCodes.UserDeparted)]
    [InlineData("ghost", RewardsRefusalCodes.UserUnknown)]
    public async Task Only_active_users_with_the_role_may_activate(string actor, string code)
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();

        var outcome = await ActivateAsync(harness, actor: actor);

        Assert.Equal(code, outcome.Refusal?.Code);
        Assert.Empty(await harness.Store.ListActivationsAsync(CompanyId, CancellationToken.None));
    }

    [Fact]
    public async Task The_role_refusal_names_the_role_and_its_holders()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await ActivateAsync(harness, actor: Developer);

        Assert.Equal("PartnerAdmin,AdminAgent,GlobalAdmin", outcome.Refusal?.Fact("roles"));
        Assert.Equal($"{AdminName}, {AdminAgentName}", outcome.Refusal?.Fact("holders"));
    }

    [Fact]
    public async Task An_unknown_benefit_is_refused()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await ActivateAsync(harness, benefitId: "free-lunch");

        Assert.Equal(RewardsRefusalCodes.BenefitUnknown, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task The_status_says_available_then_activated_with_the_follow_up_date()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();

        var before = (await harness.Activations.GetStatusAsync(CompanyId, Benefit, CancellationToken.None)).Value!;
        var activated = (await ActivateAsync(harness)).Value!;
        var after = (await harness.Activations.GetStatusAsync(CompanyId, Benefit, CancellationToken.None)).Value!;

        Assert.Equal(BenefitState.Available, before.State);
        Assert.Equal(BenefitState.Activated, after.State);
        Assert.Equal(activated.FollowUpDue, after.Activation?.FollowUpDue);
    }

    [Fact]
    public async Task An_activation_is_audited_in_the_same_transaction()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await harness.AssignMarketerAsync();

        var activation = (await ActivateAsync(harness)).Value!.Activation;
        var entry = (await harness.Store.ListAuditAsync(CompanyId, CancellationToken.None)).Single(a => a.Action == ActivationService.AuditAction);

        Assert.Equal((Admin, CompanyId, harness.Clock.GetUtcNow()), (entry.ActorUserId, entry.CompanyId, entry.At));
        Assert.Null(entry.Before);
        Assert.Contains(activation.Id, entry.After, StringComparison.Ordinal);
    }

    private static Task<Outcome<ActivationResult>> ActivateAsync(RewardsHarness harness, string actor = Admin, string benefitId = Benefit)
        => harness.Activations.ActivateAsync(actor, CompanyId, benefitId, CancellationToken.None);
}
