using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Dialogs.Content;
using RewardsBot.Rewards.Store;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>Many messages of one conversation at the same moment, over the wire with the real bot and SQLite.</summary>
public sealed class ConcurrentClicksTests : LoopbackBotTest
{
    private const int Clicks = 50;

    [Fact]
    public async Task Fifty_simultaneous_clicks_on_one_activate_button_activate_the_benefit_once_and_answer_every_click()
    {
        // Grace (Northwind) has a marketing contact, so "activate" leads to the choice, then the confirmation card.
        var session = new EmulatorConversation(Connector.ServiceUrl, userId: "demo-grace");
        await Host.Client.ExpectReplyActivitiesAsync(session.ConversationUpdate());
        var choose = await Host.Client.ExpectReplyActivitiesAsync(session.Message("activate"));
        var chooseCard = choose.Last(r => WireCards.Cards(r).Count > 0);
        var listingReview = WireCards.Submits(WireCards.SingleCard(chooseCard))
            .First(s => s["data"]?["answer"]?.GetValue<string>() == "listing-review");
        var confirm = await Host.Client.ExpectReplyActivitiesAsync(Click(session, chooseCard, listingReview));
        var confirmCard = confirm.Last(r => WireCards.Cards(r).Count > 0);
        var activate = WireCards.Button(WireCards.SingleCard(confirmCard), Say("card.activation-confirm.activate"));

        var clicks = await Task.WhenAll(Enumerable.Range(0, Clicks).Select(_ => Task.Run(async () =>
        {
            var activity = Click(session, confirmCard, activate);
            activity.DeliveryMode = DeliveryModes.ExpectReplies;
            using var response = await Host.Client.PostActivityAsync(activity);
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, Body: body);
        })));

        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        var store = Host.Services.GetRequiredService<IRewardsStore>();
        var activations = await store.ListActivationsAsync("northwind", CancellationToken.None);
        Assert.Single(activations, a => a.BenefitId == "listing-review");

        // Exactly one click activated; every other one was told the card is no longer active (or asked to resend
        // after a concurrent change) — none was lost without an answer.
        var stale = Say("runtime.cardNoLongerActive");
        var resend = Say("host.concurrentChange");
        Assert.Equal(1, clicks.Count(c => !c.Body.Contains(Json(stale), StringComparison.Ordinal) && !c.Body.Contains(Json(resend), StringComparison.Ordinal)));
        Assert.All(clicks, c => Assert.Contains("\"activities\":[{", c.Body, StringComparison.Ordinal));
    }

    private static string Say(string key) => BotTexts.Default.Get(key, "en-US");

    /// <summary>The text as it appears inside a JSON string of the response.</summary>
    private static string Json(string text) => JsonValue.Create(text).ToJsonString()[1..^1];

    private static Activity Click(EmulatorConversation session, Activity card, JsonObject action) => session.Stamp(new Activity
    {
        Type = ActivityTypes.Message,
        Value = (JsonObject)action["data"]!.DeepClone(),
        ChannelData = new JsonObject { ["postBack"] = true },
        ReplyToId = card.Id,
        From = session.User,
    });
}
