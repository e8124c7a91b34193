using System.Globalization;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;
using static RewardsBot.Dialogs.Tests.Flows.EligibilityDialogTests;

namespace RewardsBot.Dialogs.Tests.Flows;

public sealed class OfferFollowUpDialogTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Offers_live_for_weeks_without_word_point_to_their_owner_or_to_a_support_ticket_when_the_owner_left(string locale)
    {
        using var bot = await StartAsync(output, "demo-ana", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.followUp");

        var card = FollowUpCard(bot, replies);
        Assert.Equal(bot.Say("followUp.summary", ("count", 3)), card.Text);
        var texts = CardQueries.Texts(card);

        // Contoso Insights for Retail, 210 days: Ana owns it herself.
        Assert.Contains("Contoso Insights for Retail", texts);
        Assert.Contains(bot.Say("followUp.liveSince", ("date", DaysAgo(bot, 210)), ("days", 210)), texts);
        Assert.Contains(bot.Say("followUp.owner.you", ("owner", "Ana Ribeiro")), texts);
        Assert.Contains(bot.Say("followUp.askOwner.you"), texts);

        // Contoso DataGate, 90 days: ask Kenji, the notification went to him.
        Assert.Contains("Contoso DataGate", texts);
        Assert.Contains(bot.Say("followUp.askOwner", ("owner", "Kenji Watanabe")), texts);

        // Contoso Demand Forecast, 45 days: Priya has left, so a publisher support ticket.
        Assert.Contains("Contoso Demand Forecast", texts);
        Assert.Contains(bot.Say("followUp.owner.departed", ("owner", "Priya Sharma")), texts);
        Assert.Contains(bot.Say("followUp.supportTicket.departed", ("owner", "Priya Sharma")), texts);
        AssertSupportTicketButton(bot, card);

        // The live offer of the unlinked Contoso Robotics profile does not count (rule 1), nor the draft.
        Assert.DoesNotContain("Contoso Robotics Vision", texts);
        Assert.DoesNotContain("Contoso Pipeline Studio", texts);
        AssertMenuAgain(bot, replies);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Offer_without_a_recorded_owner_leads_to_a_publisher_support_ticket(string locale)
    {
        using var bot = await StartAsync(output, "demo-meihua", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.followUp");

        var card = FollowUpCard(bot, replies);
        var texts = CardQueries.Texts(card);
        Assert.Contains("Fabrikam Sentinel", texts);
        Assert.Contains(bot.Say("followUp.owner.unknown"), texts);
        Assert.Contains(bot.Say("followUp.supportTicket.unknown"), texts);
        Assert.DoesNotContain("Fabrikam Ledger", texts); // live 12 days only
        AssertSupportTicketButton(bot, card);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Company_with_a_marketing_contact_has_no_offer_to_follow_up(string locale)
    {
        using var bot = await StartAsync(output, "demo-grace", locale);

        var replies = await ClickMenuAsync(bot, "card.menu.followUp");

        Assert.Equal(bot.Say("followUp.none"), replies[0].Text);
        Assert.False(CardQueries.HasCard(replies[0]));
        AssertMenuAgain(bot, replies);
    }

    [Fact]
    public async Task Once_a_benefit_is_activated_no_offer_needs_a_follow_up()
    {
        using var bot = await StartAsync(output, "demo-ana", "en-US");
        var now = bot.Clock.GetUtcNow();
        await bot.Store.WriteAsync(
            (writer, ct) => writer.AddActivationAsync(new Activation("act-1", "contoso", "listing-review", "u-ana", now, now.AddDays(7), null), ct),
            CancellationToken.None);

        var replies = await bot.SayAsync("we went live and heard nothing");

        Assert.Contains(replies, reply => reply.Text == bot.Say("followUp.none"));
        Assert.DoesNotContain(replies, reply => CardQueries.Texts(reply).Contains(bot.Say("card.followup.title")));
    }

    [Fact]
    public async Task Owner_is_asked_when_the_offer_owner_is_still_at_the_company()
    {
        using var bot = await StartAsync(output, "demo-meihua", "en-US");
        var sentinel = (await bot.Store.ListOffersAsync("fabrikam", CancellationToken.None)).Single(o => o.Id == "of-fabrikam-sentinel");
        await bot.Store.WriteAsync((writer, ct) => writer.UpsertOfferAsync(sentinel with { OwnerUserId = "u-meihua" }, ct), CancellationToken.None);

        var card = FollowUpCard(bot, await ClickMenuAsync(bot, "card.menu.followUp"));

        Assert.Contains(bot.Say("followUp.askOwner.you"), CardQueries.Texts(card));
        Assert.DoesNotContain(CardQueries.Actions(card), action => action["type"]?.GetValue<string>() == "Action.OpenUrl");
    }

    [Fact]
    public async Task User_signed_in_from_an_unassociated_tenant_sees_no_offers()
    {
        using var bot = await StartAsync(output, "demo-sara", "en-US");

        var replies = await ClickMenuAsync(bot, "card.menu.followUp");

        Assert.Contains(replies, reply => reply.Text == bot.Say("refusal.identity.tenantNotAssociated"));
        Assert.DoesNotContain(replies, reply => CardQueries.Texts(reply).Contains(bot.Say("card.followup.title")));
    }

    private static Activity FollowUpCard(BotTestClient bot, IReadOnlyList<Activity> replies)
        => Assert.Single(replies, reply => CardQueries.Texts(reply).Contains(bot.Say("card.followup.title")));

    private static void AssertSupportTicketButton(BotTestClient bot, Activity card)
    {
        var button = Assert.Single(CardQueries.Actions(card), action => action["type"]?.GetValue<string>() == "Action.OpenUrl");
        Assert.Equal(bot.Say("card.followup.openTicket"), button["title"]?.GetValue<string>());
        Assert.Equal(OfferFollowUpService.PublisherSupportUrl.AbsoluteUri, button["url"]?.GetValue<string>());
    }

    private static string DaysAgo(BotTestClient bot, int days)
        => bot.Clock.GetUtcNow().AddDays(-days).UtcDateTime.ToString("D", CultureInfo.GetCultureInfo(BotLanguage.FromLocale(bot.Locale)));
}
