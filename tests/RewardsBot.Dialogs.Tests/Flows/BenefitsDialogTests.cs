using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Flows;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;
using static RewardsBot.Dialogs.Tests.Flows.EligibilityDialogTests;

namespace RewardsBot.Dialogs.Tests.Flows;

public sealed class BenefitsDialogTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Partner_admin_sees_benefits_by_group_with_Activate_on_each_available_sales_and_marketing_benefit(string locale)
    {
        using var bot = await StartAsync(output, "demo-ana", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.benefits");

        var card = BenefitsCard(bot, replies, "Contoso Analytics");
        var texts = CardQueries.Texts(card);
        foreach (var group in BenefitCatalogue.Default.Groups)
        {
            Assert.Contains(group.TextFor(Language(bot)).Title, texts);
        }

        Assert.Contains(Title(bot, "listing-review"), texts);
        Assert.Contains(Description(bot, "listing-review"), texts);
        Assert.Contains(bot.Say("benefits.status.available"), texts);
        Assert.Contains(bot.Say("benefits.status.availableTechnical"), texts);
        Assert.Contains(bot.Say("benefits.status.lockedTier", ("tier", 2), ("amount", Usd(bot, 100_000m))), texts); // co-marketing at tier 1
        Assert.Equal(["listing-review", "social-amplification", "press-release-support", "customer-case-study"], ActivateButtons(card));
        Assert.Contains(bot.Say("benefits.activate", ("benefit", Title(bot, "customer-case-study"))), CardQueries.ButtonTitles(card));
        Assert.Single(CardQueries.Actions(card), action => Answer(action) == Topics.TechnicalHelp);
        Assert.DoesNotContain(CardQueries.Actions(card), action => Answer(action) == Topics.Eligibility);
        Assert.DoesNotContain(WhoCanAct(bot), texts);
        AssertMenuAgain(bot, replies);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Developer_sees_the_benefits_without_buttons_to_act_and_is_told_who_can(string locale)
    {
        using var bot = await StartAsync(output, "demo-kenji", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.benefits");

        var card = BenefitsCard(bot, replies, "Contoso Analytics");
        var texts = CardQueries.Texts(card);
        Assert.Contains(bot.Say("benefits.status.available"), texts);
        Assert.Empty(ActivateButtons(card));
        Assert.DoesNotContain(CardQueries.Actions(card), action => Answer(action) == Topics.TechnicalHelp);
        Assert.Contains(WhoCanAct(bot), texts);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task List_only_publisher_sees_benefits_for_other_listing_types_locked(string locale)
    {
        using var bot = await StartAsync(output, "demo-grace", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.benefits");

        var card = BenefitsCard(bot, replies, "Northwind Apps");
        var texts = CardQueries.Texts(card);
        var trialOrTransact = bot.Say("listingType.Trial") + bot.Say("common.or") + bot.Say("listingType.Transact");
        Assert.Contains(bot.Say("benefits.status.lockedListingType", ("listingTypes", trialOrTransact)), texts); // press release, deployment
        Assert.Contains(bot.Say("benefits.status.lockedListingType", ("listingTypes", bot.Say("listingType.Transact"))), texts);
        Assert.DoesNotContain(texts, text => text == bot.Say("benefits.status.lockedNotEligible"));
        Assert.Equal(["listing-review", "social-amplification"], ActivateButtons(card));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Company_that_is_not_eligible_sees_every_benefit_locked_and_can_check_why(string locale)
    {
        using var bot = await StartAsync(output, "demo-claire", locale);

        var card = BenefitsCard(bot, await ClickMenuAsync(bot, "card.menu.benefits"), "Adatum Software");

        var locked = bot.Say("benefits.status.lockedNotEligible");
        Assert.Equal(BenefitCatalogue.Default.Benefits.Count, CardQueries.Texts(card).Count(text => text == locked));
        Assert.Empty(ActivateButtons(card));
        Assert.DoesNotContain(CardQueries.Actions(card), action => Answer(action) == Topics.TechnicalHelp);

        var replies = await bot.ClickAsync(card, bot.Say("card.benefits.checkEligibility"));

        Assert.Contains(replies, reply => reply.Text == bot.Say("eligibility.verdict.notEligible", ("company", "Adatum Software")));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Activated_and_expired_benefits_say_when_and_have_no_Activate_button(string locale)
    {
        using var bot = await StartAsync(output, "demo-ana", locale);
        var now = bot.Clock.GetUtcNow();
        var activated = new Activation("act-1", "contoso", "listing-review", "u-ana", now.AddDays(-2), now.AddDays(5), null);
        var expired = new Activation("act-2", "contoso", "social-amplification", "u-lena", now.AddDays(-100), now.AddDays(-93), now.AddDays(-10));
        await bot.Store.WriteAsync(
            async (writer, ct) =>
            {
                await writer.AddActivationAsync(activated, ct);
                await writer.AddActivationAsync(expired, ct);
            },
            CancellationToken.None);

        var card = BenefitsCard(bot, await ClickMenuAsync(bot, "card.menu.benefits"), "Contoso Analytics");

        var texts = CardQueries.Texts(card);
        Assert.Contains(bot.Say("benefits.status.activated", ("date", Date(bot, activated.ActivatedAt)), ("due", Date(bot, activated.FollowUpDue))), texts);
        Assert.Contains(bot.Say("benefits.status.expired", ("date", Date(bot, expired.ExpiresAt!.Value))), texts);
        Assert.Equal(["press-release-support", "customer-case-study"], ActivateButtons(card));
    }

    [Fact]
    public async Task Activate_on_the_benefits_card_starts_the_activation_of_that_benefit()
    {
        using var bot = await StartAsync(output, "demo-ana", "en-US");
        var card = BenefitsCard(bot, await ClickMenuAsync(bot, "card.menu.benefits"), "Contoso Analytics");

        var replies = await bot.ClickAsync(card, bot.Say("benefits.activate", ("benefit", Title(bot, "listing-review"))));

        // The activation of that very benefit starts (no benefit to choose): Contoso has no marketing contact, so its
        // first question is whether to assign one; nothing is activated yet and the flow waits for the answer.
        Assert.Equal(
            [
                bot.Say("refusal.activation.needsMarketingContact", ("benefitId", Title(bot, "listing-review"))),
                bot.Say("activation.contact.offer", ("benefit", Title(bot, "listing-review"))),
            ],
            replies.Select(reply => reply.Text));
        Assert.Empty(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));
    }

    [Fact]
    public async Task User_signed_in_from_an_unassociated_tenant_sees_no_benefits()
    {
        using var bot = await StartAsync(output, "demo-sara", "en-US");

        var replies = await bot.SayAsync("show my benefits");

        Assert.Contains(replies, reply => reply.Text == bot.Say("refusal.identity.tenantNotAssociated"));
        Assert.DoesNotContain(replies, reply => reply.Text == bot.Say("benefits.heading", ("company", "Contoso Analytics")));
    }

    /// <summary>The line for Contoso users who may not act: the Rewards roles, and the active Contoso users who hold one.</summary>
    private static string WhoCanAct(BotTestClient bot)
    {
        var roles = bot.Say("role.PartnerAdmin") + bot.Say("common.separator") + bot.Say("role.AdminAgent") + bot.Say("common.or") + bot.Say("role.GlobalAdmin");
        return bot.Say("benefits.whoCanAct", ("roles", roles), ("holders", "Ana Ribeiro" + bot.Say("common.separator") + "Lena Hoffmann" + bot.Say("common.separator") + "Sara Lindqvist" + bot.Say("common.and") + "Tomás Herrera"));
    }

    private static Activity BenefitsCard(BotTestClient bot, IReadOnlyList<Activity> replies, string company)
    {
        var heading = bot.Say("benefits.heading", ("company", company));
        var card = Assert.Single(replies, reply => reply.Text == heading);
        Assert.Contains(heading, CardQueries.Texts(card));
        return card;
    }

    /// <summary>The benefit ids of the Activate buttons, in card order.</summary>
    private static List<string> ActivateButtons(Activity card)
        => [.. CardQueries.Actions(card)
            .Where(action => Answer(action) == Topics.Activate)
            .Select(action => action["data"]![ActivationDialog.BenefitIdKey]!.GetValue<string>())];

    private static string? Answer(JsonObject action) => action["data"]?[CardSubmission.AnswerKey]?.GetValue<string>();

    private static string Language(BotTestClient bot) => BotLanguage.FromLocale(bot.Locale);

    private static string Title(BotTestClient bot, string benefitId) => BenefitCatalogue.Default.Find(benefitId)!.TextFor(Language(bot)).Title;

    private static string Description(BotTestClient bot, string benefitId) => BenefitCatalogue.Default.Find(benefitId)!.TextFor(Language(bot)).Description;

    private static string Date(BotTestClient bot, DateTimeOffset at)
        => at.UtcDateTime.ToString("D", System.Globalization.CultureInfo.GetCultureInfo(Language(bot)));
}
