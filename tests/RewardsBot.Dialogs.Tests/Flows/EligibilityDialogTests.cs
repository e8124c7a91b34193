using System.Globalization;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Rewards.Model;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

public sealed class EligibilityDialogTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Eligible_transact_publisher_sees_each_offer_its_tier_and_fraud_left_out(string locale)
    {
        using var bot = await StartAsync("demo-ana", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.eligibility");

        var card = EligibilityCard(bot, replies);
        var verdict = bot.Say("eligibility.verdict.eligible", ("company", "Contoso Analytics"));
        Assert.Equal(verdict, card.Text);
        var texts = CardQueries.Texts(card);
        Assert.Contains(verdict, texts);
        Assert.DoesNotContain(bot.Say("card.eligibility.reasonsHeading"), texts);

        // Every offer of every publisher profile, with its words.
        Assert.Contains("Contoso Insights for Retail", texts);
        Assert.Contains("Contoso DataGate", texts);
        Assert.Contains(bot.Say("marketplace.AzureMarketplace"), texts);
        Assert.Contains(bot.Say("marketplace.AppSource"), texts);
        Assert.Contains(bot.Say("listingType.Transact"), texts);
        Assert.Contains(bot.Say("listingType.Trial"), texts);
        Assert.Contains(bot.Say("offerState.Live"), texts);
        Assert.Contains(bot.Say("offerState.Draft"), texts);
        Assert.Contains(bot.Say("eligibility.counts.yes"), texts);
        Assert.Contains(bot.Say("eligibility.counts.notLive"), texts); // Contoso Pipeline Studio, a draft
        Assert.Contains(bot.Say("benefitGroup.SalesAndMarketing") + bot.Say("common.separator") + bot.Say("benefitGroup.Technical"), texts);

        // Tier 1 from 55,550 of counted sales; the 60,000 fraudulent sale would have made it tier 2.
        Assert.Contains(bot.Say("eligibility.tier.value", ("tier", 1)), texts);
        Assert.Contains(Usd(bot, 55_550m), texts);
        Assert.Contains(bot.Say("eligibility.nextTier.value", ("tier", 2), ("amount", Usd(bot, 100_000m))), texts);
        Assert.Contains(bot.Say("eligibility.fraudExcluded", ("amount", Usd(bot, 60_000m))), texts);

        // The live offer on the unlinked Contoso Robotics profile does not count, and the card says how to count it.
        Assert.Contains(bot.Say("eligibility.counts.profileNotLinked", ("profile", "Contoso Robotics")), texts);
        Assert.Contains(bot.Say("eligibility.unlinkedTip", ("offers", "Contoso Robotics Vision"), ("profiles", "Contoso Robotics")), texts);
        Assert.Contains(bot.Say("eligibility.fix.linkPublisherProfile", ("profiles", "Contoso Robotics")), texts);

        // Rule 8, and the way on.
        Assert.Contains(bot.Say("card.eligibility.basics"), texts);
        Assert.Equal([bot.Say("card.eligibility.viewBenefits")], CardQueries.ButtonTitles(card));
        AssertMenuAgain(bot, replies);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Company_without_a_live_offer_is_told_each_reason_and_its_next_step(string locale)
    {
        using var bot = await StartAsync("demo-claire", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.eligibility");

        var card = EligibilityCard(bot, replies);
        var texts = CardQueries.Texts(card);
        Assert.Contains(bot.Say("eligibility.verdict.notEligible", ("company", "Adatum Software")), texts);
        Assert.Contains(bot.Say("card.eligibility.reasonsHeading"), texts);
        Assert.Contains(bot.Say("eligibility.reason.offerNotLive", ("offers", "Adatum HR Suite")), texts);
        Assert.Contains(bot.Say("eligibility.fix.finishPublishing", ("offers", "Adatum HR Suite")), texts);
        Assert.Contains(bot.Say("offerState.InReview"), texts);
        Assert.Contains(bot.Say("offerState.Delisted"), texts);
        Assert.DoesNotContain(bot.Say("eligibility.counts.yes"), texts);
        Assert.Contains(bot.Say("eligibility.tier.none"), texts);
        Assert.Contains(bot.Say("card.eligibility.basics"), texts); // Rule 8: basics whether eligible or not.
        AssertMenuAgain(bot, replies);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Without_partner_id_and_with_live_offers_only_on_unlinked_profiles_each_fix_is_given(string locale)
    {
        using var bot = await StartAsync("demo-claire", locale);
        var now = bot.Clock.GetUtcNow();
        var adatum = (await bot.Store.GetCompanyAsync("adatum", CancellationToken.None))!;
        await bot.Store.WriteAsync(
            async (writer, ct) =>
            {
                await writer.UpsertCompanyAsync(adatum with { PartnerId = null }, ct);
                await writer.UpsertPublisherProfileAsync(new PublisherProfile("pp-adatum-labs", "adatum", "Adatum Labs", LinkedToPga: false), ct);
                await writer.UpsertOfferAsync(new Offer("of-adatum-scan", "pp-adatum-labs", "Adatum Scan", Marketplace.AppSource, ListingType.List, OfferState.Live, now.AddDays(-10), "u-claire"), ct);
            },
            CancellationToken.None);

        var replies = await bot.SayAsync("am I eligible?");

        var texts = CardQueries.Texts(EligibilityCard(bot, replies));
        Assert.Contains(bot.Say("eligibility.verdict.notEligible", ("company", "Adatum Software")), texts);
        Assert.Contains(bot.Say("eligibility.reason.noPartnerId"), texts);
        Assert.Contains(bot.Say("eligibility.fix.getPartnerId"), texts);
        Assert.Contains(bot.Say("eligibility.reason.profileNotLinked", ("offers", "Adatum Scan"), ("profiles", "Adatum Labs")), texts);
        Assert.Contains(bot.Say("eligibility.fix.linkPublisherProfile", ("profiles", "Adatum Labs")), texts);
        Assert.Contains(bot.Say("eligibility.reason.offerNotLive", ("offers", "Adatum HR Suite")), texts);
        Assert.Contains(bot.Say("eligibility.fix.finishPublishing", ("offers", "Adatum HR Suite")), texts);
        Assert.DoesNotContain(bot.Say("eligibility.unlinkedTip", ("offers", "Adatum Scan"), ("profiles", "Adatum Labs")), texts);
    }

    [Fact]
    public async Task Company_whose_offers_are_all_delisted_is_told_to_publish_one()
    {
        using var bot = await StartAsync("demo-claire", "en-US");
        var offers = await bot.Store.ListOffersAsync("adatum", CancellationToken.None);
        await bot.Store.WriteAsync(
            async (writer, ct) =>
            {
                foreach (var offer in offers)
                {
                    await writer.UpsertOfferAsync(offer with { State = OfferState.Delisted }, ct);
                }
            },
            CancellationToken.None);

        var replies = await ClickMenuAsync(bot, "card.menu.eligibility");

        var texts = CardQueries.Texts(EligibilityCard(bot, replies));
        Assert.DoesNotContain(bot.Say("eligibility.reason.offerNotLive", ("offers", "Adatum HR Suite")), texts);
        Assert.Contains(bot.Say("eligibility.reason.noLiveOffer"), texts);
        Assert.Contains(bot.Say("eligibility.fix.publishOffer"), texts);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task List_only_publisher_is_eligible_without_a_transact_tier(string locale)
    {
        using var bot = await StartAsync("demo-grace", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.eligibility");

        var texts = CardQueries.Texts(EligibilityCard(bot, replies));
        Assert.Contains(bot.Say("eligibility.verdict.eligible", ("company", "Northwind Apps")), texts);
        Assert.Contains(bot.Say("listingType.List"), texts);
        Assert.Contains(bot.Say("card.eligibility.noTransact"), texts);
        Assert.DoesNotContain(bot.Say("card.eligibility.tierHeading"), texts);
        Assert.Contains(bot.Say("card.eligibility.basics"), texts);
    }

    [Fact]
    public async Task View_benefits_on_the_eligibility_card_shows_the_benefits()
    {
        using var bot = await StartAsync("demo-ana", "en-US");
        var card = EligibilityCard(bot, await ClickMenuAsync(bot, "card.menu.eligibility"));

        var replies = await bot.ClickAsync(card, bot.Say("card.eligibility.viewBenefits"));

        Assert.Contains(replies, reply => reply.Text == bot.Say("benefits.heading", ("company", "Contoso Analytics")) && CardQueries.HasCard(reply));
        AssertMenuAgain(bot, replies);
    }

    [Fact]
    public async Task View_benefits_still_works_after_a_restart()
    {
        using var bot = await StartAsync("demo-ana", "fr-FR");
        var card = EligibilityCard(bot, await ClickMenuAsync(bot, "card.menu.eligibility"));
        bot.Restart();

        var replies = await bot.ClickAsync(card, bot.Say("card.eligibility.viewBenefits"));

        Assert.Contains(replies, reply => reply.Text == bot.Say("benefits.heading", ("company", "Contoso Analytics")) && CardQueries.HasCard(reply));
    }

    [Fact]
    public async Task In_Teams_the_user_is_known_by_tenant_and_object_id_and_sees_the_card()
    {
        using var bot = new BotTestClient(output, Channels.Msteams, "zh-TW", userId: "29:teams-grace");
        bot.UseTeamsIdentity("c3d2e4f5-0008-4c00-a000-00000000c0c8", "4a9c3e55-1f2b-4d6a-8e07-9e1d0a000010");
        await bot.InitializeAsync();

        var replies = await bot.SayAsync("eligible?");

        var texts = CardQueries.Texts(EligibilityCard(bot, replies));
        Assert.Contains(bot.Say("eligibility.verdict.eligible", ("company", "Northwind Apps")), texts);
        Assert.Contains("Northwind Field Service Connector", texts);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task User_signed_in_from_an_unassociated_tenant_is_told_why_and_gets_no_eligibility(string locale)
    {
        using var bot = await StartAsync("demo-sara", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.eligibility");

        Assert.Contains(replies, reply => reply.Text == bot.Say("refusal.identity.tenantNotAssociated"));
        Assert.DoesNotContain(replies, reply => CardQueries.Texts(reply).Contains(bot.Say("card.eligibility.title")));
    }

    internal static async Task<BotTestClient> StartAsync(ITestOutputHelper output, string userId, string locale)
    {
        var bot = new BotTestClient(output, locale: locale, userId: userId);
        await bot.InitializeAsync();
        return bot;
    }

    private Task<BotTestClient> StartAsync(string userId, string locale) => StartAsync(output, userId, locale);

    /// <summary>Joins, then clicks the menu button <paramref name="buttonKey"/>.</summary>
    internal static async Task<IReadOnlyList<Activity>> ClickMenuAsync(BotTestClient bot, string buttonKey)
    {
        var menu = CardQueries.WithCard(await bot.JoinAsync());
        return await bot.ClickAsync(menu, bot.Say(buttonKey));
    }

    /// <summary>After a read-only flow, the menu is offered again.</summary>
    internal static void AssertMenuAgain(BotTestClient bot, IReadOnlyList<Activity> replies)
    {
        var last = replies[^1];
        Assert.Equal(bot.Say("main.menu.again"), last.Text);
        Assert.Contains(bot.Say("card.menu.eligibility"), CardQueries.ButtonTitles(last));
    }

    /// <summary>An amount as the chat's language writes it.</summary>
    internal static string Usd(BotTestClient bot, decimal amount)
        => bot.Say("common.usd", ("amount", amount.ToString("#,0", CultureInfo.GetCultureInfo(BotLanguage.FromLocale(bot.Locale)))));

    private static Activity EligibilityCard(BotTestClient bot, IReadOnlyList<Activity> replies)
        => Assert.Single(replies, reply => CardQueries.Texts(reply).Contains(bot.Say("card.eligibility.title")));
}
