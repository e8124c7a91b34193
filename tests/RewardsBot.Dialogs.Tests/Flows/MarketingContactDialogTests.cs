using System.Globalization;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Recognizers;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

/// <summary>The marketing contact flow, run through the whole bot: demo-ana (partner admin of Contoso, no contact yet) unless said.</summary>
public sealed class MarketingContactDialogTests(ITestOutputHelper output)
{
    private const string AccountEmail = "partnercenter@contoso-analytics.example";
    private const string LenaEmail = "lena.marketing@contoso-analytics.example";
    private const string LenaPhone = "+14255550100";

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Partner_admin_assigns_a_marketing_contact_by_clicking(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        var current = await OpenContactAsync(bot);
        Assert.Equal(bot.Say("contact.current.askAssign"), current.Text);
        Assert.Contains(bot.Say("card.contact-current.none"), CardQueries.Texts(current));

        var people = Single(await bot.ClickAsync(current, bot.Say("card.contact-current.assign")));
        Assert.Equal(bot.Say("contact.person.question"), people.Text);
        Assert.Contains("Lena Hoffmann", CardQueries.ButtonTitles(people));
        Assert.Contains("Tomás Herrera", CardQueries.ButtonTitles(people));
        Assert.DoesNotContain("Priya Sharma", CardQueries.ButtonTitles(people)); // departed

        var email = Single(await bot.ClickAsync(people, "Lena Hoffmann"));
        Assert.Equal(bot.Say("contact.email.question", ("name", "Lena Hoffmann"), ("accountEmail", AccountEmail)), email.Text);
        Assert.Equal("lena.hoffmann@contosolabs.example", Assert.Single(email.SuggestedActions!.Actions!).Title);

        var phone = Single(await bot.SayAsync(LenaEmail));
        Assert.Equal(bot.Say("contact.phone.question", ("name", "Lena Hoffmann")), phone.Text);

        var language = Single(await bot.SayAsync("+1 425 555 0100"));
        Assert.Equal(bot.Say("contact.language.question", ("name", "Lena Hoffmann")), language.Text);

        var summary = await ChooseLanguageAsync(bot, language, "ja");
        Assert.Equal(bot.Say("contact.summary.question", ("name", "Lena Hoffmann")), summary.Text);
        Assert.Contains(LenaEmail, CardQueries.Texts(summary));
        Assert.Contains(LenaPhone, CardQueries.Texts(summary));
        Assert.Contains(LanguageRecognizer.DisplayName("ja", locale), CardQueries.Texts(summary));
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));

        var replies = await bot.ClickAsync(summary, bot.Say("card.contact-summary.assign"));

        var receipt = CardTitled(bot, replies, "card.contact-receipt.title");
        Assert.Equal(bot.Say("contact.assigned", ("name", "Lena Hoffmann")), receipt.Text);
        Assert.Contains(FormatDate(bot, TestClock.DefaultStart), CardQueries.Texts(receipt));
        var contact = await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None);
        Assert.NotNull(contact);
        Assert.Equal(("u-lena", LenaEmail, LenaPhone, "ja", "u-ana"), (contact.UserId, contact.Email, contact.PhoneE164, contact.PreferredLanguage, contact.AssignedByUserId));
        var change = Assert.Single(await bot.Store.ListMarketingContactHistoryAsync("contoso", CancellationToken.None));
        Assert.Equal((null, "u-lena", "u-ana"), (change.PreviousUserId, change.NewUserId, change.ChangedByUserId));
        Assert.Contains(bot.Say("main.menu.again"), replies.Select(r => r.Text));
    }

    [Theory]
    [InlineData("en-US", "lena")]
    [InlineData("fr-FR", "LÉNA hoffmann")]
    [InlineData("zh-TW", "Lena Hoffmann")]
    public async Task A_typed_name_chooses_the_person(string locale, string typed)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenPeopleAsync(bot);

        var email = Single(await bot.SayAsync(typed));

        Assert.Equal(bot.Say("contact.email.question", ("name", "Lena Hoffmann"), ("accountEmail", AccountEmail)), email.Text);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_name_without_its_accent_finds_the_person(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenPeopleAsync(bot);

        var email = Single(await bot.SayAsync("tomas herrera"));

        Assert.Equal(bot.Say("contact.email.question", ("name", "Tomás Herrera"), ("accountEmail", AccountEmail)), email.Text);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_first_name_two_people_share_asks_which_one(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await bot.InitializeAsync();
        await bot.Store.WriteAsync(
            (writer, ct) => writer.UpsertUserAsync(new PartnerUser("u-ana2", "contoso", "Ana Costa", "ana.costa@contoso-analytics.example", "2b7e4c10-5a3d-4e8f-9c61-0c0a7a000001", null, [PartnerRole.Developer], UserStatus.Active), ct),
            CancellationToken.None);
        await OpenPeopleAsync(bot);

        var ambiguous = Single(await bot.SayAsync("Ana"));
        Assert.Equal(bot.Say("contact.person.ambiguous", ("names", "Ana Costa" + bot.Say("common.or") + "Ana Ribeiro")), ambiguous.Text);
        Assert.Contains("Ana Costa", CardQueries.ButtonTitles(ambiguous));

        var email = Single(await bot.SayAsync("ana ribeiro"));
        Assert.Equal(bot.Say("contact.email.question", ("name", "Ana Ribeiro"), ("accountEmail", AccountEmail)), email.Text);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task An_unknown_person_gets_the_account_settings_guidance(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenPeopleAsync(bot);

        var notFound = Single(await bot.SayAsync("Jordan Smith"));
        Assert.Equal(bot.Say("contact.person.notFound"), notFound.Text);
        Assert.Contains("Ana Ribeiro", CardQueries.ButtonTitles(notFound)); // the list again, to pick someone else

        var notListed = Single(await bot.ClickAsync(notFound, bot.Say("card.contact-people.notListed")));
        Assert.Equal(bot.Say("contact.person.notListed"), notListed.Text);

        var email = Single(await bot.ClickAsync(notListed, "Marc Dubois"));
        Assert.Equal(bot.Say("contact.email.question", ("name", "Marc Dubois"), ("accountEmail", AccountEmail)), email.Text);
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task The_company_account_email_is_refused_with_the_reason_and_asked_again(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenEmailAsync(bot);

        var refused = Single(await bot.SayAsync("PartnerCenter@Contoso-Analytics.example"));
        Assert.Equal(bot.Say("refusal.contact.emailSameAsAccount"), refused.Text);

        var phone = Single(await bot.SayAsync(LenaEmail));
        Assert.Equal(bot.Say("contact.phone.question", ("name", "Lena Hoffmann")), phone.Text);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task An_invalid_phone_is_asked_again(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenPhoneAsync(bot);

        var retry = Single(await bot.SayAsync("hello"));
        Assert.Equal(bot.Say("runtime.phone.notANumber"), retry.Text);
        var tooShort = Single(await bot.SayAsync("+33 12"));
        Assert.Equal(bot.Say("runtime.phone.tooShort"), tooShort.Text);

        var language = Single(await bot.SayAsync("+33 1 23 45 67 89"));
        Assert.Equal(bot.Say("contact.language.question", ("name", "Lena Hoffmann")), language.Text);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Help_at_a_step_explains_it_then_asks_the_same_question(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenPhoneAsync(bot);

        var replies = await bot.SayAsync("help");

        Assert.Equal([bot.Say("contact.phone.help"), bot.Say("contact.phone.question", ("name", "Lena Hoffmann"))], replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Three_invalid_phones_end_the_flow_without_a_contact()
    {
        using var bot = new BotTestClient(output);
        await OpenPhoneAsync(bot);
        await bot.SayAsync("hello");
        await bot.SayAsync("still no");

        var replies = await bot.SayAsync("nope");

        Assert.Equal(2, replies.Count);
        Assert.Equal(bot.Say("runtime.tooManyAttempts"), replies[0].Text);
        Assert.Equal(bot.Say("main.menu.again"), replies[1].Text); // back at the menu
        var after = Single(await bot.SayAsync("+1 425 555 0100")); // no longer an answer: the flow is over
        Assert.Equal(bot.Say("main.menu.notUnderstood"), after.Text);
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US", "change the phone")]
    [InlineData("fr-FR", "changer le téléphone")]
    [InlineData("zh-TW", "更改電話")]
    public async Task Changing_the_phone_from_the_summary_asks_only_the_phone(string locale, string typed)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenSummaryAsync(bot);

        var phone = Single(await bot.SayAsync(typed));
        Assert.Equal(bot.Say("contact.phone.question", ("name", "Lena Hoffmann")), phone.Text);

        var summary = Single(await bot.SayAsync("+33 6 12 34 56 78"));
        Assert.Equal(bot.Say("contact.summary.question", ("name", "Lena Hoffmann")), summary.Text);
        Assert.Contains("+33612345678", CardQueries.Texts(summary));
        Assert.Contains(LenaEmail, CardQueries.Texts(summary));

        await bot.ClickAsync(summary, bot.Say("card.contact-summary.assign"));
        var contact = await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None);
        Assert.Equal(("+33612345678", LenaEmail, "ja"), (contact!.PhoneE164, contact.Email, contact.PreferredLanguage));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task The_change_button_asks_which_detail_then_only_that_one(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        var summary = await OpenSummaryAsync(bot);

        var which = Single(await bot.ClickAsync(summary, bot.Say("card.contact-summary.change")));
        Assert.Equal(bot.Say("contact.change.question"), which.Text);

        var language = Single(await bot.ClickAsync(which, bot.Say("contact.field.language")));
        Assert.Equal(bot.Say("contact.language.question", ("name", "Lena Hoffmann")), language.Text);

        summary = await ChooseLanguageAsync(bot, language, "fr");
        Assert.Contains(LanguageRecognizer.DisplayName("fr", locale), CardQueries.Texts(summary));
        Assert.Contains(LenaPhone, CardQueries.Texts(summary));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Cancel_midway_after_confirming_stores_nothing(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenPhoneAsync(bot);

        var confirm = Single(await bot.SayAsync("cancel"));
        Assert.Equal(bot.Say("runtime.cancel.confirm"), confirm.Text);
        var replies = await bot.SayAsync(bot.Say("runtime.yes"));

        Assert.Equal(bot.Say("runtime.cancel.done"), replies[0].Text);
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
        Assert.Empty(await bot.Store.ListMarketingContactHistoryAsync("contoso", CancellationToken.None));
    }

    [Fact]
    public async Task The_summarys_cancel_button_keeps_things_as_they_were()
    {
        using var bot = new BotTestClient(output);
        var summary = await OpenSummaryAsync(bot);

        var replies = await bot.ClickAsync(summary, bot.Say("card.contact-summary.cancel"));

        Assert.Equal(bot.Say("contact.cancelled"), replies[0].Text);
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Clicking_the_people_card_again_after_answering_is_refused_as_stale(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        var people = await OpenPeopleAsync(bot);
        await bot.ClickAsync(people, "Lena Hoffmann");

        var replies = await bot.ClickAsync(people, "Marc Dubois");

        Assert.Equal(2, replies.Count);
        Assert.Equal(bot.Say("runtime.cardNoLongerActive"), replies[0].Text);
        Assert.Equal(bot.Say("contact.email.question", ("name", "Lena Hoffmann"), ("accountEmail", AccountEmail)), replies[1].Text);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_restart_midway_continues_at_the_same_step(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale);
        await OpenPhoneAsync(bot);

        bot.Restart();
        var language = Single(await bot.SayAsync("+1 425 555 0100"));
        Assert.Equal(bot.Say("contact.language.question", ("name", "Lena Hoffmann")), language.Text);

        bot.Restart();
        var summary = await ChooseLanguageAsync(bot, language, "en");
        bot.Restart();
        await bot.ClickAsync(summary, bot.Say("card.contact-summary.assign"));

        var contact = await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None);
        Assert.Equal(("u-lena", LenaEmail, LenaPhone, "en"), (contact!.UserId, contact.Email, contact.PhoneE164, contact.PreferredLanguage));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_developer_sees_the_contact_but_the_refusal_names_the_role_and_its_holders(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale, userId: "demo-kenji");
        await bot.InitializeAsync();
        var services = new MarketingContactService(bot.Store, BenefitCatalogue.Default, bot.Clock);
        Assert.True((await services.AssignAsync("u-ana", "contoso", "u-lena", LenaEmail, LenaPhone, "de", CancellationToken.None)).Succeeded);

        var replies = await OpenContactRepliesAsync(bot);

        var card = CardTitled(bot, replies, "card.contact-current.title");
        Assert.Equal(bot.Say("contact.current.assigned", ("name", "Lena Hoffmann")), card.Text);
        Assert.Contains("Lena Hoffmann", CardQueries.Texts(card));
        Assert.Contains(LanguageRecognizer.DisplayName("de", locale), CardQueries.Texts(card));
        Assert.Empty(CardQueries.ButtonTitles(card));
        var roles = bot.Say("role.PartnerAdmin") + bot.Say("common.separator") + bot.Say("role.AdminAgent") + bot.Say("common.or") + bot.Say("role.GlobalAdmin");
        var refusal = bot.Say("refusal.auth.roleRequired", ("roles", roles), ("holders", "Ana Ribeiro, Lena Hoffmann, Sara Lindqvist, Tomás Herrera"));
        Assert.Equal(refusal, replies[replies.ToList().IndexOf(card) + 1].Text);
        Assert.Single(await bot.Store.ListMarketingContactHistoryAsync("contoso", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Grace_sees_Olivier_Lambert_and_keeps_him(string locale)
    {
        using var bot = new BotTestClient(output, locale: locale, userId: "demo-grace");

        var current = await OpenContactAsync(bot);

        Assert.Equal(bot.Say("contact.current.askChange", ("name", "Olivier Lambert")), current.Text);
        var texts = CardQueries.Texts(current);
        Assert.Contains("Olivier Lambert", texts);
        Assert.Contains("olivier.lambert@northwind-apps.example", texts);
        Assert.Contains("+33199001234", texts);
        Assert.Contains(LanguageRecognizer.DisplayName("fr", locale), texts);
        Assert.Equal([bot.Say("card.contact-current.change"), bot.Say("card.contact-current.keep")], CardQueries.ButtonTitles(current));

        var replies = await bot.ClickAsync(current, bot.Say("card.contact-current.keep"));
        Assert.Equal(bot.Say("contact.kept"), replies[0].Text);
        Assert.Equal("u-olivier", (await bot.Store.GetMarketingContactAsync("northwind", CancellationToken.None))!.UserId);
    }

    [Fact]
    public async Task Replacing_a_contact_says_who_was_replaced_and_records_it()
    {
        using var bot = new BotTestClient(output, userId: "demo-grace");
        await OpenContactAsync(bot);
        var people = Single(await bot.SayAsync("change"));
        await bot.ClickAsync(people, "Hannah Berg");
        await bot.SayAsync("hannah.berg@northwind-apps.example");
        var language = Single(await bot.SayAsync("+47 22 12 34 56"));

        var summary = await ChooseLanguageAsync(bot, language, "nl");
        Assert.Contains(bot.Say("contact.summary.replaces", ("name", "Olivier Lambert")), CardQueries.Texts(summary));
        var receipt = CardTitled(bot, await bot.SayAsync("assign"), "card.contact-receipt.title");

        Assert.Contains(bot.Say("contact.receipt.replaced", ("name", "Olivier Lambert")), CardQueries.Texts(receipt));
        var history = await bot.Store.ListMarketingContactHistoryAsync("northwind", CancellationToken.None);
        Assert.Contains(history, c => c is { PreviousUserId: "u-olivier", NewUserId: "u-hannah", ChangedByUserId: "u-grace" });
        Assert.Equal("u-hannah", (await bot.Store.GetMarketingContactAsync("northwind", CancellationToken.None))!.UserId);
    }

    [Fact]
    public async Task A_person_the_service_refuses_at_assignment_is_chosen_again_with_their_details()
    {
        using var bot = new BotTestClient(output);
        var summary = await OpenSummaryAsync(bot);
        var lena = (await bot.Store.GetUserAsync("u-lena", CancellationToken.None))!;
        await bot.Store.WriteAsync((writer, ct) => writer.UpsertUserAsync(lena with { Status = UserStatus.Departed }, ct), CancellationToken.None);

        var replies = await bot.ClickAsync(summary, bot.Say("card.contact-summary.assign"));

        Assert.Equal(bot.Say("refusal.contact.userNotInCompany"), replies[0].Text);
        Assert.Equal(bot.Say("contact.person.question"), replies[1].Text);
        Assert.DoesNotContain("Lena Hoffmann", CardQueries.ButtonTitles(replies[1]));
        var email = Single(await bot.ClickAsync(replies[1], "Marc Dubois"));
        Assert.Equal(bot.Say("contact.email.question", ("name", "Marc Dubois"), ("accountEmail", AccountEmail)), email.Text); // Lena's email was hers
        await bot.SayAsync("marc.marketing@contoso-analytics.example");
        summary = Single(await bot.SayAsync("+1 425 555 0199"));
        Assert.Equal(bot.Say("contact.summary.question", ("name", "Marc Dubois")), summary.Text); // the language is kept
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
    }

    [Fact]
    public async Task In_Teams_the_contact_is_assigned_with_clicks()
    {
        using var bot = new BotTestClient(output, channelId: Channels.Msteams, userId: "29:teams-user-ana");
        bot.UseTeamsIdentity("a1f0c2d3-0001-4a00-8000-00000000a0a1", "2b7e4c10-5a3d-4e8f-9c61-0c0a7a000001");
        var current = await OpenContactAsync(bot);

        var people = Single(await bot.ClickAsync(current, bot.Say("card.contact-current.assign")));
        var email = Single(await bot.ClickAsync(people, "Sara Lindqvist"));
        Assert.Equal(bot.Say("contact.email.question", ("name", "Sara Lindqvist"), ("accountEmail", AccountEmail)), email.Text);
        await bot.SayAsync("sara.lindqvist@contosorobotics.example");
        var language = Single(await bot.SayAsync("+46 8 123 456 78"));
        var summary = await ChooseLanguageAsync(bot, language, "de");
        var replies = await bot.ClickAsync(summary, bot.Say("card.contact-summary.assign"));

        CardTitled(bot, replies, "card.contact-receipt.title");
        var contact = await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None);
        Assert.Equal(("u-sara", "+46812345678", "de", "u-ana"), (contact!.UserId, contact.PhoneE164, contact.PreferredLanguage, contact.AssignedByUserId));
    }

    [Fact]
    public async Task Not_now_leaves_the_company_without_a_contact()
    {
        using var bot = new BotTestClient(output);
        var current = await OpenContactAsync(bot);

        var replies = await bot.ClickAsync(current, bot.Say("card.contact-current.notNow"));

        Assert.Equal(bot.Say("contact.kept"), replies[0].Text);
        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
    }

    /// <summary>Joins and opens the flow from the menu: all the replies.</summary>
    private static async Task<IReadOnlyList<Activity>> OpenContactRepliesAsync(BotTestClient bot)
    {
        await bot.InitializeAsync();
        var menu = (await bot.JoinAsync())[^1];
        return await bot.ClickAsync(menu, bot.Say("card.menu.contact"));
    }

    /// <summary>The current contact card (a question, for a user who may change it).</summary>
    private static async Task<Activity> OpenContactAsync(BotTestClient bot) => Single(await OpenContactRepliesAsync(bot));

    private static async Task<Activity> OpenPeopleAsync(BotTestClient bot)
    {
        var current = await OpenContactAsync(bot);
        return Single(await bot.ClickAsync(current, bot.Say("card.contact-current.assign")));
    }

    /// <summary>Lena Hoffmann chosen; the email is asked.</summary>
    private static async Task<Activity> OpenEmailAsync(BotTestClient bot)
        => Single(await bot.ClickAsync(await OpenPeopleAsync(bot), "Lena Hoffmann"));

    /// <summary>Lena Hoffmann with her email; the phone is asked.</summary>
    private static async Task<Activity> OpenPhoneAsync(BotTestClient bot)
    {
        await OpenEmailAsync(bot);
        return Single(await bot.SayAsync(LenaEmail));
    }

    /// <summary>Lena Hoffmann, her email, +1 425 555 0100, Japanese: the summary.</summary>
    private static async Task<Activity> OpenSummaryAsync(BotTestClient bot)
    {
        await OpenPhoneAsync(bot);
        var language = Single(await bot.SayAsync("+1 425 555 0100"));
        return await ChooseLanguageAsync(bot, language, "ja");
    }

    private static async Task<Activity> ChooseLanguageAsync(BotTestClient bot, Activity languageCard, string cultureName)
        => Single(await bot.ClickAsync(languageCard, bot.Say("card.contact-language.continue"), new Dictionary<string, string> { [CardSubmission.AnswerKey] = cultureName }));

    private static Activity Single(IReadOnlyList<Activity> replies) => Assert.Single(replies);

    private static Activity CardTitled(BotTestClient bot, IEnumerable<Activity> replies, string titleKey)
        => Assert.Single(replies, r => CardQueries.Texts(r).Contains(bot.Say(titleKey)));

    private static string FormatDate(BotTestClient bot, DateTimeOffset at)
        => at.UtcDateTime.ToString("D", CultureInfo.GetCultureInfo(BotLanguage.FromLocale(bot.Locale)));
}
