using System.Globalization;
using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Flows;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

/// <summary>
/// The Activate-a-benefit flow through the whole bot. Northwind (demo-grace) is list-only with a marketing contact
/// (Olivier Lambert); Contoso (demo-ana, demo-kenji) is transact tier 1 without a contact; Adatum (demo-claire) is not
/// eligible.
/// </summary>
public sealed class ActivationDialogTests(ITestOutputHelper output)
{
    private const string ListingReview = "listing-review";
    private const string SocialAmplification = "social-amplification";

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Activation_by_click_records_it_and_the_receipt_gives_the_follow_up_date(string locale)
    {
        using var bot = await StartAsync("demo-grace", locale);

        var choose = CardQueries.WithCard(await OpenActivationAsync(bot));
        Assert.Equal(bot.Say("activation.choose.prompt"), choose.Text);
        Assert.Contains(ActivateButton(bot, ListingReview), CardQueries.ButtonTitles(choose));
        Assert.Contains(ActivateButton(bot, SocialAmplification), CardQueries.ButtonTitles(choose));
        Assert.DoesNotContain(ActivateButton(bot, "press-release-support"), CardQueries.ButtonTitles(choose)); // trial and transact only

        var confirm = CardQueries.WithCard(await bot.ClickAsync(choose, ActivateButton(bot, ListingReview)));
        Assert.Contains(bot.Say("card.activation-confirm.title"), CardQueries.Texts(confirm));
        Assert.Contains(Title(bot, ListingReview), CardQueries.Texts(confirm));
        Assert.Contains("Olivier Lambert", CardQueries.Texts(confirm));
        Assert.Empty(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));

        var replies = await bot.ClickAsync(confirm, bot.Say("card.activation-confirm.activate"));

        var now = bot.Clock.GetUtcNow();
        var activation = Assert.Single(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
        Assert.Equal(ListingReview, activation.BenefitId);
        Assert.Equal("u-grace", activation.ActivatedByUserId);
        Assert.Equal(now, activation.ActivatedAt);
        Assert.Equal(now.AddDays(7), activation.FollowUpDue);
        var receipt = Receipt(bot, replies);
        var followUpDue = FormatDate(bot, now.AddDays(7));
        Assert.Equal(bot.Say("activation.done", ("benefit", Title(bot, ListingReview)), ("contact", "Olivier Lambert"), ("followUpDue", followUpDue)), receipt.Text);
        Assert.Contains(bot.Say("card.activation-receipt.title"), CardQueries.Texts(receipt));
        Assert.Contains(FormatDate(bot, now), CardQueries.Texts(receipt));
        Assert.Contains(followUpDue, CardQueries.Texts(receipt));
        Assert.DoesNotContain(bot.Say("card.activation-receipt.endsOn"), CardQueries.Texts(receipt)); // listing review does not end
        Assert.Equal(bot.Say("main.menu.again"), replies[^1].Text);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Activating_an_active_benefit_again_says_since_when_and_requests_nothing(string locale)
    {
        using var bot = await StartAsync("demo-grace", locale);
        var activatedAt = bot.Clock.GetUtcNow();
        var menu = await ActivateByClickAsync(bot, CardQueries.WithCard(await OpenActivationAsync(bot)), ListingReview);
        bot.Clock.Advance(TimeSpan.FromDays(2));

        var choose = CardQueries.WithCard(await OpenActivationAsync(bot, menu));
        Assert.DoesNotContain(ActivateButton(bot, ListingReview), CardQueries.ButtonTitles(choose));
        Assert.Contains(bot.Say("card.activation-choose.activeHeading"), CardQueries.Texts(choose));
        Assert.Contains(bot.Say("activation.choose.activeSince", ("date", FormatDate(bot, activatedAt))), CardQueries.Texts(choose));

        var replies = await bot.SayAsync(Title(bot, ListingReview));

        var alreadyActive = bot.Say("activation.alreadyActive", ("benefit", Title(bot, ListingReview)), ("date", FormatDate(bot, activatedAt)));
        var retry = Assert.Single(replies);
        Assert.Equal(alreadyActive + "\n\n" + bot.Say("activation.choose.again"), retry.Text);
        Assert.Contains(bot.Say("card.activation-choose.title"), CardQueries.Texts(retry)); // choose again
        Assert.Single(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
    }

    [Fact]
    public async Task Activate_button_of_an_active_benefit_says_already_active_without_a_second_request()
    {
        using var bot = await StartAsync("demo-grace", "en-US");
        var activatedAt = bot.Clock.GetUtcNow();
        await ActivateByClickAsync(bot, CardQueries.WithCard(await OpenActivationAsync(bot)), ListingReview);

        var replies = await ClickBenefitsCardActivateAsync(bot, ListingReview);

        Assert.Equal(bot.Say("activation.alreadyActive", ("benefit", Title(bot, ListingReview)), ("date", FormatDate(bot, activatedAt))), replies[0].Text);
        Assert.Single(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
    }

    [Fact]
    public async Task Activate_button_on_the_benefits_card_skips_the_choice()
    {
        using var bot = await StartAsync("demo-grace", "en-US");
        await bot.JoinAsync();

        var replies = await ClickBenefitsCardActivateAsync(bot, SocialAmplification);

        var confirm = CardQueries.WithCard(replies);
        Assert.Contains(Title(bot, SocialAmplification), CardQueries.Texts(confirm));
        Assert.DoesNotContain(replies, r => CardQueries.Texts(r).Contains(bot.Say("card.activation-choose.title")));
    }

    [Fact]
    public async Task First_message_naming_the_benefit_goes_straight_to_the_confirmation()
    {
        using var bot = await StartAsync("demo-grace", "en-US");
        await bot.JoinAsync();

        var replies = await bot.SayAsync("Please activate the listing review");

        var confirm = Assert.Single(replies);
        Assert.Contains(bot.Say("card.activation-confirm.title"), CardQueries.Texts(confirm));
        Assert.Contains(Title(bot, ListingReview), CardQueries.Texts(confirm));
    }

    [Fact]
    public async Task A_second_conversation_activating_first_makes_the_pending_confirmation_say_already_active()
    {
        using var first = await StartAsync("demo-grace", "en-US");
        using var second = new BotTestClient(output, userId: "demo-grace", databasePath: first.DatabasePath, clock: first.Clock, conversationId: "conversation2");
        var confirm = CardQueries.WithCard(await first.ClickAsync(CardQueries.WithCard(await OpenActivationAsync(first)), ActivateButton(first, ListingReview)));
        var activatedAt = first.Clock.GetUtcNow();
        await ActivateByClickAsync(second, CardQueries.WithCard(await OpenActivationAsync(second)), ListingReview);
        first.Clock.Advance(TimeSpan.FromHours(1));

        var replies = await first.ClickAsync(confirm, first.Say("card.activation-confirm.activate"));

        Assert.Equal(first.Say("activation.alreadyActive", ("benefit", Title(first, ListingReview)), ("date", FormatDate(first, activatedAt))), replies[0].Text);
        Assert.Single(await first.Store.ListActivationsAsync("northwind", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Typed_benefit_title_is_understood_and_a_one_time_benefit_shows_when_it_ends(string locale)
    {
        using var bot = await StartAsync("demo-grace", locale);
        await OpenActivationAsync(bot);

        var confirm = CardQueries.WithCard(await bot.SayAsync(Title(bot, SocialAmplification)));
        Assert.Contains(Title(bot, SocialAmplification), CardQueries.Texts(confirm));
        Assert.Contains(bot.Say("activation.confirm.oneTime", ("days", 90)), CardQueries.Texts(confirm));

        var receipt = Receipt(bot, await bot.ClickAsync(confirm, bot.Say("card.activation-confirm.activate")));

        var now = bot.Clock.GetUtcNow();
        var activation = Assert.Single(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
        Assert.Equal(SocialAmplification, activation.BenefitId);
        Assert.Equal(now.AddDays(90), activation.ExpiresAt);
        Assert.Contains(bot.Say("card.activation-receipt.endsOn"), CardQueries.Texts(receipt));
        Assert.Contains(FormatDate(bot, now.AddDays(90)), CardQueries.Texts(receipt));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Without_a_Rewards_role_activation_is_refused_naming_the_role_and_its_holders(string locale)
    {
        using var bot = await StartAsync("demo-kenji", locale);

        var replies = await OpenActivationAsync(bot);

        var roles = bot.Say("role.PartnerAdmin") + bot.Say("common.separator") + bot.Say("role.AdminAgent") + bot.Say("common.or") + bot.Say("role.GlobalAdmin");
        var refusal = bot.Say("refusal.auth.roleRequired", ("roles", roles), ("holders", "Ana Ribeiro, Lena Hoffmann, Sara Lindqvist, Tomás Herrera"));
        Assert.Equal(refusal, replies[0].Text);
        Assert.DoesNotContain(replies, r => CardQueries.Texts(r).Contains(bot.Say("card.activation-choose.title")));
        Assert.Empty(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Activation_without_marketing_contact_offers_to_assign_one_and_no_changes_nothing(string locale)
    {
        using var bot = await StartAsync("demo-ana", locale);
        var choose = CardQueries.WithCard(await OpenActivationAsync(bot));

        var offer = await bot.ClickAsync(choose, ActivateButton(bot, ListingReview));

        Assert.Equal(2, offer.Count);
        Assert.Equal(bot.Say("refusal.activation.needsMarketingContact", ("benefitId", Title(bot, ListingReview))), offer[0].Text);
        Assert.Equal(bot.Say("activation.contact.offer", ("benefit", Title(bot, ListingReview))), offer[1].Text);

        var replies = await bot.SayAsync(bot.Say("runtime.no"));

        Assert.Equal(bot.Say("activation.contact.declined", ("benefit", Title(bot, ListingReview))), replies[0].Text);
        Assert.Empty(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
    }

    [Fact]
    public async Task Activation_when_the_contact_has_left_offers_to_assign_another()
    {
        using var bot = await StartAsync("demo-grace", "en-US");
        var olivier = (await bot.Store.GetUserAsync("u-olivier", CancellationToken.None))!;
        await bot.Store.WriteAsync((writer, ct) => writer.UpsertUserAsync(olivier with { Status = UserStatus.Departed }, ct), CancellationToken.None);

        var offer = await bot.ClickAsync(CardQueries.WithCard(await OpenActivationAsync(bot)), ActivateButton(bot, ListingReview));

        Assert.Equal(
            [
                bot.Say("refusal.activation.needsMarketingContact", ("benefitId", Title(bot, ListingReview))),
                bot.Say("activation.contact.inactive", ("name", "Olivier Lambert")),
                bot.Say("activation.contact.offer", ("benefit", Title(bot, ListingReview))),
            ],
            offer.Select(r => r.Text));
        Assert.Empty(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
    }

    /// <summary>
    /// The user agrees to assign a contact, goes through the real marketing contact flow (person, email, phone,
    /// language) and cancels on its summary: no contact is assigned, so the activation says one is needed, stores
    /// nothing, and the menu comes back.
    /// </summary>
    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Activation_when_no_contact_gets_assigned_says_one_is_needed(string locale)
    {
        using var bot = await StartAsync("demo-ana", locale);
        await bot.ClickAsync(CardQueries.WithCard(await OpenActivationAsync(bot)), ActivateButton(bot, ListingReview));
        var people = Assert.Single(await bot.SayAsync(bot.Say("runtime.yes")));
        Assert.Equal(bot.Say("contact.person.question"), people.Text);
        await bot.ClickAsync(people, "Lena Hoffmann");
        await bot.SayAsync("lena.hoffmann@contosolabs.example");
        var language = Assert.Single(await bot.SayAsync("+33 1 23 45 67 89"));
        var summary = Assert.Single(await bot.ClickAsync(language, bot.Say("card.contact-language.continue"), new Dictionary<string, string> { [CardSubmission.AnswerKey] = "de" }));
        Assert.Equal(bot.Say("contact.summary.question", ("name", "Lena Hoffmann")), summary.Text);

        var replies = await bot.ClickAsync(summary, bot.Say("card.contact-summary.cancel"));

        Assert.Equal(
            [bot.Say("contact.cancelled"), bot.Say("activation.contact.notAssigned", ("benefit", Title(bot, ListingReview))), bot.Say("main.menu.again")],
            replies.Select(r => r.Text));
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
        Assert.Empty(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));
    }

    /// <summary>
    /// Runs the real marketing contact flow (issue 5: person, email, phone, preferred language, summary card whose first
    /// button is "Assign user"), which then hands back to the activation's confirmation card.
    /// </summary>
    [Fact]
    public async Task Activation_without_marketing_contact_assigns_one_then_resumes()
    {
        using var bot = await StartAsync("demo-ana", "en-US");
        await bot.ClickAsync(CardQueries.WithCard(await OpenActivationAsync(bot)), ActivateButton(bot, ListingReview));

        await bot.SayAsync(bot.Say("runtime.yes"));
        await bot.SayAsync("Lena Hoffmann");
        await bot.SayAsync("lena.hoffmann@contosolabs.example");
        await bot.SayAsync("+33 1 23 45 67 89");
        var summary = CardQueries.WithCard(await bot.SayAsync("German"));
        var replies = await bot.ClickAsync(summary, CardQueries.ButtonTitles(summary)[0]);

        var contact = await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None);
        Assert.Equal("u-lena", contact?.UserId);
        var confirm = replies.Last(r => CardQueries.Texts(r).Contains(bot.Say("card.activation-confirm.title")));
        Assert.Contains("Lena Hoffmann", CardQueries.Texts(confirm));
        Assert.Empty(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));

        await bot.ClickAsync(confirm, bot.Say("card.activation-confirm.activate"));

        var activation = Assert.Single(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));
        Assert.Equal(ListingReview, activation.BenefitId);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Not_eligible_company_has_no_benefit_to_activate_and_hears_why(string locale)
    {
        using var bot = await StartAsync("demo-claire", locale);

        var replies = await OpenActivationAsync(bot);

        var why = bot.Say("activation.none.notEligible", ("reasons", bot.Say("reason.offerNotLive")), ("menuItem", bot.Say("card.menu.eligibility")));
        Assert.Equal(why, replies[0].Text);
        Assert.DoesNotContain(replies, r => CardQueries.Texts(r).Contains(bot.Say("card.activation-choose.title")));
        Assert.Empty(await bot.Store.ListActivationsAsync("adatum", CancellationToken.None));
    }

    [Fact]
    public async Task With_every_open_benefit_active_nothing_is_left_and_each_one_says_why()
    {
        using var bot = await StartAsync("demo-grace", "en-US");
        var menu = await ActivateByClickAsync(bot, CardQueries.WithCard(await OpenActivationAsync(bot)), ListingReview);
        menu = await ActivateByClickAsync(bot, CardQueries.WithCard(await OpenActivationAsync(bot, menu)), SocialAmplification);

        var replies = await OpenActivationAsync(bot, menu);

        var text = replies[0].Text!;
        Assert.StartsWith(bot.Say("activation.none.heading"), text, StringComparison.Ordinal);
        Assert.Contains(bot.Say("activation.none.activated", ("benefit", Title(bot, ListingReview)), ("date", FormatDate(bot, bot.Clock.GetUtcNow()))), text, StringComparison.Ordinal);
        Assert.Contains(Title(bot, "press-release-support"), text, StringComparison.Ordinal);
        Assert.Equal(2, (await bot.Store.ListActivationsAsync("northwind", CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Locked_benefit_typed_is_refused_with_the_tier_it_needs(string locale)
    {
        using var bot = await StartAsync("demo-ana", locale);
        await OpenActivationAsync(bot);

        var retry = Assert.Single(await bot.SayAsync(Title(bot, "co-marketing-campaign")));

        var tierTooLow = bot.Say(
            "refusal.benefit.tierTooLow",
            ("benefitId", Title(bot, "co-marketing-campaign")),
            ("neededTier", "2"),
            ("neededSalesUsd", Usd(bot, 100_000m)),
            ("currentTier", "1"),
            ("countedSalesUsd", Usd(bot, 55_550m)));
        Assert.Equal(tierTooLow + "\n\n" + bot.Say("activation.choose.again"), retry.Text);
        Assert.Contains(bot.Say("card.activation-choose.title"), CardQueries.Texts(retry));
        Assert.Empty(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));
    }

    [Fact]
    public async Task Technical_benefit_typed_points_to_technical_help()
    {
        using var bot = await StartAsync("demo-grace", "en-US");
        await OpenActivationAsync(bot);

        var retry = Assert.Single(await bot.SayAsync("Presales and design consultation"));

        Assert.StartsWith(bot.Say("refusal.activation.technicalBenefit", ("benefitId", Title(bot, "presales-consultation"))), retry.Text, StringComparison.Ordinal);
        Assert.Contains(bot.Say("activation.technical.next", ("menuItem", bot.Say("card.menu.techHelp"))), retry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_naming_no_benefit_gets_the_card_again()
    {
        using var bot = await StartAsync("demo-grace", "en-US");
        await OpenActivationAsync(bot);

        var retry = Assert.Single(await bot.SayAsync("a free lunch"));

        Assert.Equal(bot.Say("refusal.benefit.unknown") + "\n\n" + bot.Say("activation.choose.again"), retry.Text);
        Assert.Contains(ActivateButton(bot, ListingReview), CardQueries.ButtonTitles(retry));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Cancel_at_the_confirmation_changes_nothing(string locale)
    {
        using var bot = await StartAsync("demo-grace", locale);
        var confirm = CardQueries.WithCard(await bot.ClickAsync(CardQueries.WithCard(await OpenActivationAsync(bot)), ActivateButton(bot, ListingReview)));

        var replies = await bot.ClickAsync(confirm, bot.Say("card.activation-confirm.cancel"));

        Assert.Equal(bot.Say("activation.cancelled", ("benefit", Title(bot, ListingReview))), replies[0].Text);
        Assert.Empty(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Stale_click_on_the_confirmation_after_activating_is_not_used(string locale)
    {
        using var bot = await StartAsync("demo-grace", locale);
        var confirm = CardQueries.WithCard(await bot.ClickAsync(CardQueries.WithCard(await OpenActivationAsync(bot)), ActivateButton(bot, ListingReview)));
        await bot.ClickAsync(confirm, bot.Say("card.activation-confirm.activate"));

        var replies = await bot.ClickAsync(confirm, bot.Say("card.activation-confirm.activate"));

        Assert.Equal(bot.Say(PromptText.CardNoLongerActive), replies[0].Text);
        Assert.Single(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Restart_before_activating_continues_where_it_was(string locale)
    {
        using var bot = await StartAsync("demo-grace", locale);
        var confirm = CardQueries.WithCard(await bot.ClickAsync(CardQueries.WithCard(await OpenActivationAsync(bot)), ActivateButton(bot, ListingReview)));

        bot.Restart();
        var replies = await bot.ClickAsync(confirm, bot.Say("card.activation-confirm.activate"));

        Assert.Equal(bot.Say("card.activation-receipt.title"), CardQueries.Texts(Receipt(bot, replies))[0]);
        var activation = Assert.Single(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
        Assert.Equal(ListingReview, activation.BenefitId);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Help_while_choosing_says_how_to_choose_and_asks_again(string locale)
    {
        using var bot = await StartAsync("demo-grace", locale);
        await OpenActivationAsync(bot);

        var replies = await bot.SayAsync(bot.Say(PromptText.HelpCommands).Split('|')[0]);

        Assert.Equal(bot.Say("activation.choose.help", ("example", Title(bot, ListingReview))), replies[0].Text);
        Assert.Contains(ActivateButton(bot, ListingReview), CardQueries.ButtonTitles(replies[^1]));
    }

    [Fact]
    public async Task Typing_cancel_at_the_confirmation_asks_first_then_changes_nothing()
    {
        using var bot = await StartAsync("demo-grace", "en-US");
        await bot.ClickAsync(CardQueries.WithCard(await OpenActivationAsync(bot)), ActivateButton(bot, ListingReview));

        var question = await bot.SayAsync("cancel");
        var replies = await bot.SayAsync(bot.Say("runtime.yes"));

        Assert.Equal(bot.Say(PromptText.CancelConfirm), question[0].Text);
        Assert.Equal(bot.Say(PromptText.Cancelled), replies[0].Text);
        Assert.Empty(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
    }

    [Fact]
    public async Task In_Teams_the_activation_works_from_the_cards()
    {
        using var bot = new BotTestClient(output, channelId: Channels.Msteams, userId: "29:grace-teams");
        bot.UseTeamsIdentity("c3d2e4f5-0008-4c00-a000-00000000c0c8", "4a9c3e55-1f2b-4d6a-8e07-9e1d0a000010");
        await bot.InitializeAsync();

        await ActivateByClickAsync(bot, CardQueries.WithCard(await OpenActivationAsync(bot)), ListingReview);

        var activation = Assert.Single(await bot.Store.ListActivationsAsync("northwind", CancellationToken.None));
        Assert.Equal("u-grace", activation.ActivatedByUserId);
    }

    [Fact]
    public async Task A_user_who_left_the_company_is_not_recognised()
    {
        using var bot = await StartAsync("demo-priya", "en-US");

        var replies = await OpenActivationAsync(bot);

        Assert.Equal(bot.Say("refusal.identity.departed"), replies[0].Text);
        Assert.Equal(bot.Say("main.unrecognized.next"), replies[1].Text);
        Assert.Empty(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));
    }

    private async Task<BotTestClient> StartAsync(string userId, string locale)
    {
        var bot = new BotTestClient(output, locale: locale, userId: userId);
        await bot.InitializeAsync();
        return bot;
    }

    /// <summary>Chooses "Activate a benefit" on <paramref name="menu"/>, or on the menu shown when the user joins.</summary>
    private static async Task<IReadOnlyList<Activity>> OpenActivationAsync(BotTestClient bot, Activity? menu = null)
    {
        menu ??= (await bot.JoinAsync())[^1];
        return await bot.ClickAsync(menu, bot.Say("card.menu.activate"));
    }

    /// <summary>Activates the benefit from the choose card; returns the menu shown after the receipt.</summary>
    private static async Task<Activity> ActivateByClickAsync(BotTestClient bot, Activity chooseCard, string benefitId)
    {
        var confirm = CardQueries.WithCard(await bot.ClickAsync(chooseCard, ActivateButton(bot, benefitId)));
        var replies = await bot.ClickAsync(confirm, bot.Say("card.activation-confirm.activate"));
        return replies.Last(r => CardQueries.ButtonTitles(r).Contains(bot.Say("card.menu.activate")));
    }

    /// <summary>What the benefits card's Activate button sends (its card is the benefits flow's, so no prompt stamp here).</summary>
    private static Task<IReadOnlyList<Activity>> ClickBenefitsCardActivateAsync(BotTestClient bot, string benefitId)
    {
        var click = bot.Adapter.MakeActivity();
        click.Value = new JsonObject { [CardSubmission.AnswerKey] = "activate", [ActivationDialog.BenefitIdKey] = benefitId };
        return bot.SendAsync(click);
    }

    /// <summary>The reply carrying the receipt card (the menu comes after it).</summary>
    private static Activity Receipt(BotTestClient bot, IEnumerable<Activity> replies)
        => replies.Single(r => CardQueries.Texts(r).Contains(bot.Say("card.activation-receipt.title")));

    private static string Title(BotTestClient bot, string benefitId)
        => BenefitCatalogue.Default.Find(benefitId)!.TextFor(BotLanguage.FromLocale(bot.Locale)).Title;

    private static string ActivateButton(BotTestClient bot, string benefitId) => bot.Say("activation.choose.button", ("benefit", Title(bot, benefitId)));

    /// <summary>A date as the bot writes it in the chat language (TurnText.FormatDate).</summary>
    private static string FormatDate(BotTestClient bot, DateTimeOffset at)
        => at.UtcDateTime.ToString("D", CultureInfo.GetCultureInfo(BotLanguage.FromLocale(bot.Locale)));

    private static string Usd(BotTestClient bot, decimal amount)
        => bot.Say("common.usd", ("amount", amount.ToString("#,0", CultureInfo.GetCultureInfo(BotLanguage.FromLocale(bot.Locale)))));
}
