using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Tests.Support;
using static RewardsBot.Rewards.Tests.Support.CompanyBuilder;

namespace RewardsBot.Rewards.Tests.Services;

public sealed class MarketingContactServiceTests
{
    private const string Email = "mia.marketing@contoso.com";
    private const string Phone = "+33612345678";

    [Fact]
    public async Task An_admin_assigns_a_company_user_as_marketing_contact()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await AssignAsync(harness);
        var info = (await harness.Contacts.GetAsync(CompanyId, CancellationToken.None)).Value!;

        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
        Assert.Equal(new MarketingContact(CompanyId, Marketer, Email, Phone, "fr", harness.Clock.GetUtcNow(), Admin), info.Contact);
        Assert.Equal("Mia Marketer", info.ContactName);
        Assert.True(info.ContactActive);
    }

    [Fact]
    public async Task An_admin_agent_may_assign_too()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await AssignAsync(harness, actor: AdminAgent);

        Assert.True(outcome.Succeeded, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task Candidates_are_the_active_users_of_the_company_only()
    {
        var harness = await RewardsHarness.WithAsync(Eligible(), new CompanyBuilder("fabrikam").WithUser("fred", "Fred Other"));

        var candidates = (await harness.Contacts.ListCandidatesAsync(CompanyId, CancellationToken.None)).Value!;

        Assert.Equal([Admin, Developer, Marketer, AdminAgent], candidates.Select(u => u.Id));
    }

    [Theory]
    [InlineData(AccountEmail)]
    [InlineData("PartnerCenter@Contoso.COM")]
    [InlineData("  partnercenter@contoso.com ")]
    public async Task The_contact_email_must_differ_from_the_account_email_in_any_case(string email)
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await AssignAsync(harness, email: email);

        Assert.Equal(MarketingContactService.EmailSameAsAccount, outcome.Refusal?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mia")]
    [InlineData("mia@contoso")]
    [InlineData("mia@@contoso.com")]
    [InlineData("Mia <mia@contoso.com>")]
    [InlineData("mia..m@contoso.com")]
    public async Task The_contact_email_must_be_one_valid_address(string email)
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await AssignAsync(harness, email: email);

        Assert.Equal(MarketingContactService.InvalidEmail, outcome.Refusal?.Code);
    }

    [Theory]
    [InlineData("0612345678")]
    [InlineData("+0612345678")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("+12345")]
    [InlineData("+1234567890123456")]
    [InlineData("")]
    public async Task The_phone_must_be_E164(string phone)
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await AssignAsync(harness, phone: phone);

        Assert.Equal(MarketingContactService.InvalidPhone, outcome.Refusal?.Code);
    }

    [Fact]
    public async Task The_preferred_language_must_be_supported_and_the_refusal_lists_the_supported_ones()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await AssignAsync(harness, language: "tlh");

        Assert.Equal(MarketingContactService.UnsupportedLanguage, outcome.Refusal?.Code);
        Assert.Equal("tlh", outcome.Refusal?.Fact("language"));
        Assert.Equal(string.Join(",", harness.Catalogue.SupportedLanguages), outcome.Refusal?.Fact("supported"));
    }

    [Fact]
    public async Task The_preferred_language_is_stored_in_the_catalogue_spelling()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await AssignAsync(harness, language: "ZH-hant");

        Assert.Equal("zh-Hant", outcome.Value?.PreferredLanguage);
    }

    [Theory]
    [InlineData("stranger")]
    [InlineData("fred")]
    [InlineData(Departed)]
    public async Task The_contact_must_be_an_active_user_of_the_company_and_the_fix_is_to_add_them_in_account_settings(string contactUserId)
    {
        var harness = await RewardsHarness.WithAsync(Eligible(), new CompanyBuilder("fabrikam").WithUser("fred", "Fred Other"));

        var outcome = await AssignAsync(harness, contact: contactUserId);

        Assert.Equal(MarketingContactService.UserNotInCompany, outcome.Refusal?.Code);
        Assert.Equal(MarketingContactService.FixAddUserInAccountSettings, outcome.Refusal?.Fact("fix"));
        Assert.Equal(contactUserId, outcome.Refusal?.Fact("contactUserId"));
    }

    [Fact]
    public async Task A_user_without_the_role_is_refused_with_the_roles_needed_and_who_holds_them()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        var outcome = await AssignAsync(harness, actor: Developer);

        Assert.Equal(RewardsRefusalCodes.RoleRequired, outcome.Refusal?.Code);
        Assert.Equal("PartnerAdmin,AdminAgent,GlobalAdmin", outcome.Refusal?.Fact("roles"));
        Assert.Equal($"{AdminName}, {AdminAgentName}", outcome.Refusal?.Fact("holders"));
    }

    [Theory]
    [InlineData(Departed, RewardsRefusalCodes.UserDeparted)]
    [InlineData("ghost", RewardsRefusalCodes.UserUnknown)]
    [InlineData("fred", RewardsRefusalCodes.UserNotInCompany)]
    public async Task Departed_unknown_and_outside_actors_cannot_change_anything(string actor, string code)
    {
        var harness = await RewardsHarness.WithAsync(Eligible(), new CompanyBuilder("fabrikam").WithUser("fred", "Fred Other", PartnerRole.PartnerAdmin));

        var outcome = await AssignAsync(harness, actor: actor);

        Assert.Equal(code, outcome.Refusal?.Code);
        Assert.Null((await harness.Contacts.GetAsync(CompanyId, CancellationToken.None)).Value!.Contact);
    }

    [Fact]
    public async Task Assigning_again_replaces_the_contact_and_keeps_the_history()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await AssignAsync(harness);
        var firstAt = harness.Clock.GetUtcNow();
        harness.Clock.Advance(TimeSpan.FromDays(3));

        await AssignAsync(harness, actor: AdminAgent, contact: Developer, email: "dev.marketing@contoso.com", phone: "+14255550100", language: "en");
        var info = (await harness.Contacts.GetAsync(CompanyId, CancellationToken.None)).Value!;
        var history = (await harness.Contacts.ListHistoryAsync(CompanyId, CancellationToken.None)).Value!;

        Assert.Equal(Developer, info.Contact?.UserId);
        Assert.Equal(
            [
                new MarketingContactChange(CompanyId, null, Marketer, Admin, firstAt),
                new MarketingContactChange(CompanyId, Marketer, Developer, AdminAgent, firstAt.AddDays(3)),
            ],
            history);
    }

    [Fact]
    public async Task A_contact_who_has_left_is_reported_as_inactive()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await AssignAsync(harness);
        await Eligible().WithUser(Marketer, "Mia Marketer", UserStatus.Departed).SaveAsync(harness.Store);

        var info = (await harness.Contacts.GetAsync(CompanyId, CancellationToken.None)).Value!;

        Assert.Equal(Marketer, info.Contact?.UserId);
        Assert.False(info.ContactActive);
    }

    [Fact]
    public async Task Each_assignment_is_audited_before_and_after_without_any_email_or_phone_in_clear()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await AssignAsync(harness);
        await AssignAsync(harness, contact: Developer, email: "dev.marketing@contoso.com", phone: "+14255550100", language: "en");

        var audit = await harness.Store.ListAuditAsync(CompanyId, CancellationToken.None);

        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal((MarketingContactService.AuditAction, Admin), (a.Action, a.ActorUserId)));
        Assert.Null(audit[0].Before);
        Assert.Contains("m***@contoso.com", audit[1].Before, StringComparison.Ordinal);
        Assert.Contains("d***@contoso.com", audit[1].After, StringComparison.Ordinal);
        var everything = string.Join("\n", audit.Select(a => a.Before + "\n" + a.After));
        foreach (var secret in new[] { Email, Phone, "dev.marketing@contoso.com", "+14255550100", "612345678", "4255550100" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("mia+rewards@contoso.com", "+33612345678")]
    [InlineData("m@contoso.com", "+4930123456")]
    public async Task Emails_and_phones_with_plus_signs_or_short_parts_never_reach_the_audit_in_clear(string email, string phone)
    {
        var harness = await RewardsHarness.WithAsync(Eligible());
        await AssignAsync(harness, email: email, phone: phone);
        await AssignAsync(harness, contact: Developer, email: "dev.marketing@contoso.com");

        var audit = await harness.Store.ListAuditAsync(CompanyId, CancellationToken.None);
        var everything = string.Join("\n", audit.Select(a => a.Before + "\n" + a.After));

        Assert.Equal(2, audit.Count);
        Assert.DoesNotContain(email.Split('@')[0] + "@", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("rewards", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(phone[1..^2], everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_assignment_writes_nothing()
    {
        var harness = await RewardsHarness.WithAsync(Eligible());

        await AssignAsync(harness, phone: "nope");

        Assert.Empty(await harness.Store.ListAuditAsync(CompanyId, CancellationToken.None));
        Assert.Empty(await harness.Store.ListMarketingContactHistoryAsync(CompanyId, CancellationToken.None));
    }

    private static Task<Outcome<MarketingContact>> AssignAsync(
        RewardsHarness harness, string actor = Admin, string contact = Marketer, string email = Email, string phone = Phone, string language = "fr")
        => harness.Contacts.AssignAsync(actor, CompanyId, contact, email, phone, language, CancellationToken.None);
}
