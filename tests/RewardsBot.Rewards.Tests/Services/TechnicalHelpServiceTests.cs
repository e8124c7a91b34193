using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Tests.Support;
using static RewardsBot.Rewards.Tests.Support.CompanyBuilder;

namespace RewardsBot.Rewards.Tests.Services;

public sealed class TechnicalHelpServiceTests
{
    [Fact]
    public async Task A_request_is_submitted_with_its_description_trimmed()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await RequestAsync(harness, description: "  We need help sizing AKS for a customer pilot.\n ");

        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
        var request = outcome.Value!;
        Assert.Equal((CompanyId, Admin, TechnicalStage.Deployment, RequestStatus.Submitted), (request.CompanyId, request.RequestedByUserId, request.Stage, request.Status));
        Assert.Equal("We need help sizing AKS for a customer pilot.", request.Description);
        Assert.Equal(harness.Clock.GetUtcNow(), request.CreatedAt);
        Assert.Equal([request], (await harness.TechnicalHelp.ListAsync(CompanyId, CancellationToken.None)).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task A_description_is_required(string description)
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await RequestAsync(harness, description: description);

        Assert.Equal(TechnicalHelpService.DescriptionRequired, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task A_description_may_be_exactly_the_maximum_length_after_trimming()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await RequestAsync(harness, description: "  " + new string('x', TechnicalHelpService.MaxDescriptionLength) + "  ");

        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task A_description_over_the_maximum_is_refused_with_both_lengths()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await RequestAsync(harness, description: new string('x', TechnicalHelpService.MaxDescriptionLength + 1));

        Assert.Equal(TechnicalHelpService.DescriptionTooLong, outcome.Refusal?.Code);
        Assert.Equal(("2000", "2001"), (outcome.Refusal?.Fact("maxLength"), outcome.Refusal?.Fact("length")));
        Assert.Empty((await harness.TechnicalHelp.ListAsync(CompanyId, CancellationToken.None)).Value!);
    }

    [Fact]
    public async Task An_undefined_stage_is_refused()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await RequestAsync(harness, stage: (TechnicalStage)42);

        Assert.Equal(TechnicalHelpService.InvalidStage, outcome.Refusal?.Code);
    }

    [Theory]
    [InlineData(Developer, RewardsRefusalCodes.RoleRequired)]
    [InlineData(Departed, RewardsRefusalCodes.UserDeparted)]
    public async Task Only_active_users_with_the_role_may_request_help(string actor, string code)
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await RequestAsync(harness, actor: actor);

        Assert.Equal(code, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task A_company_that_is_not_eligible_cannot_request_help_and_is_told_why()
    {
        var harness = await RewardsHarness.WithAsync(Bare().WithProfile(MainProfile));

        var outcome = await RequestAsync(harness);

        Assert.Equal(RewardsRefusalCodes.BenefitNotEligible, outcome.Refusal?.Code);
        Assert.Equal(EligibilityCodes.NoLiveOffer, outcome.Refusal?.Fact("reasons"));
    }

    [Fact]
    public async Task A_request_is_audited_without_its_text()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        const string description = "Call me at +33612345678 or ops.lead@contoso.com about the design";

        var request = (await RequestAsync(harness, description: description)).Value!;
        var entry = Assert.Single(await harness.Store.ListAuditAsync(CompanyId, CancellationToken.None));

        Assert.Equal((TechnicalHelpService.AuditAction, Admin), (entry.Action, entry.ActorUserId));
        Assert.Contains(request.Id, entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("ops.lead", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("612345678", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("design", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_listed_newest_first()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await RequestAsync(harness, description: "first");
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await RequestAsync(harness, description: "second");

        var requests = (await harness.TechnicalHelp.ListAsync(CompanyId, CancellationToken.None)).Value!;

        Assert.Equal(["second", "first"], requests.Select(r => r.Description));
    }

    [Fact]
    public async Task Access_can_be_checked_before_the_form_without_storing_anything()
    {
        var eligible = await RewardsHarness.WithAsync(Eligible());
        var notEligible = await RewardsHarness.WithAsync(Bare().WithProfile(MainProfile));

        Assert.Null(await eligible.TechnicalHelp.CheckAccessAsync(Admin, CompanyId, CancellationToken.None));
        Assert.Equal(RewardsRefusalCodes.RoleRequired, (await eligible.TechnicalHelp.CheckAccessAsync(Developer, CompanyId, CancellationToken.None))?.Code);
        Assert.Equal(RewardsRefusalCodes.BenefitNotEligible, (await notEligible.TechnicalHelp.CheckAccessAsync(Admin, CompanyId, CancellationToken.None))?.Code);
        Assert.Empty((await eligible.TechnicalHelp.ListAsync(CompanyId, CancellationToken.None)).Value!);
    }

    [Fact]
    public async Task A_request_sent_again_under_its_id_is_filed_once_and_the_first_is_returned()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        var first = await harness.TechnicalHelp.RequestAsync(Admin, CompanyId, TechnicalStage.Design, "first", CancellationToken.None, "th-retry");
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var again = await harness.TechnicalHelp.RequestAsync(Admin, CompanyId, TechnicalStage.Deployment, "sent again", CancellationToken.None, "th-retry");

        Assert.Equal(first.Value, again.Value);
        Assert.Equal([first.Value!], (await harness.TechnicalHelp.ListAsync(CompanyId, CancellationToken.None)).Value);
        Assert.Single(await harness.Store.ListAuditAsync(CompanyId, CancellationToken.None));
    }

    [Fact]
    public async Task A_request_id_another_company_filed_under_is_refused_not_taken_over()
    {
        var other = new CompanyBuilder("fabrikam").WithUser("fay", "Fay Admin", PartnerRole.PartnerAdmin).WithProfile("profile-fab").WithOffer("offer-fab", "profile-fab", ListingType.Transact);
        var harness = await RewardsHarness.WithAsync(Eligible(), other);
        var theirs = await harness.TechnicalHelp.RequestAsync("fay", "fabrikam", TechnicalStage.Design, "theirs", CancellationToken.None, "th-shared");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => harness.TechnicalHelp.RequestAsync(Admin, CompanyId, TechnicalStage.Design, "ours", CancellationToken.None, "th-shared"));

        Assert.Empty((await harness.TechnicalHelp.ListAsync(CompanyId, CancellationToken.None)).Value!);
        Assert.Equal([theirs.Value!], (await harness.TechnicalHelp.ListAsync("fabrikam", CancellationToken.None)).Value);
    }

    private static Task<Outcome<TechnicalHelpRequest>> RequestAsync(
        RewardsHarness harness, string actor = Admin, TechnicalStage stage = TechnicalStage.Deployment, string description = "Help us plan the rollout.")
        => harness.TechnicalHelp.RequestAsync(actor, CompanyId, stage, description, CancellationToken.None);
}
