using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Dialogs.Flows;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Demo;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

/// <summary>
/// The contract the activation flow relies on: begun with <c>ForActivation</c>, the marketing contact flow skips the
/// current contact, goes straight to choosing, and ends with <c>true</c> once assigned (false or abandoned otherwise).
/// </summary>
public sealed class MarketingContactFromActivationTests(ITestOutputHelper output) : IDisposable
{
    private readonly MemoryRewardsStore _store = new();
    private readonly TestClock _clock = new();

    [Fact]
    public async Task From_an_activation_it_goes_straight_to_choosing_and_ends_with_true_once_assigned()
    {
        var client = await StartAsync("u-ana");

        var people = (await client.SendActivityAsync("activate"))!;
        Assert.Equal(BotTestClient.Texts.Get("contact.person.question", "en-US"), people.Text);
        Assert.Null(client.GetNextReply()); // no current contact card first

        await ClickAsync(client, people, "Lena Hoffmann");
        await client.SendActivityAsync("lena.marketing@contoso-analytics.example");
        var language = (await client.SendActivityAsync("+1 425 555 0100"))!;
        var summary = (await ClickAsync(client, language, BotTestClient.Texts.Get("card.contact-language.continue", "en-US"), ("answer", "en")))!;
        await ClickAsync(client, summary, BotTestClient.Texts.Get("card.contact-summary.assign", "en-US"));

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Equal(true, client.DialogTurnResult.Result);
        Assert.Equal("u-lena", (await _store.GetMarketingContactAsync("contoso", CancellationToken.None))!.UserId);
    }

    [Fact]
    public async Task From_an_activation_cancelling_on_the_summary_ends_with_false()
    {
        var client = await StartAsync("u-ana");
        var people = (await client.SendActivityAsync("activate"))!;
        await ClickAsync(client, people, "Lena Hoffmann");
        await client.SendActivityAsync("lena.marketing@contoso-analytics.example");
        var language = (await client.SendActivityAsync("+1 425 555 0100"))!;
        var summary = (await ClickAsync(client, language, BotTestClient.Texts.Get("card.contact-language.continue", "en-US"), ("answer", "en")))!;

        await ClickAsync(client, summary, BotTestClient.Texts.Get("card.contact-summary.cancel", "en-US"));

        Assert.Equal(false, client.DialogTurnResult!.Result);
        Assert.Null(await _store.GetMarketingContactAsync("contoso", CancellationToken.None));
    }

    [Fact]
    public async Task From_an_activation_a_user_without_the_role_is_refused_and_it_ends_with_false()
    {
        var client = await StartAsync("u-kenji");

        var refusal = (await client.SendActivityAsync("activate"))!;

        Assert.Contains("Ana Ribeiro", refusal.Text, StringComparison.Ordinal);
        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Equal(false, client.DialogTurnResult.Result);
    }

    [Fact]
    public async Task Three_answers_not_understood_end_the_flow_as_abandoned()
    {
        var client = await StartAsync("u-ana");
        var people = (await client.SendActivityAsync("activate"))!;
        await ClickAsync(client, people, "Lena Hoffmann");
        await client.SendActivityAsync("lena.marketing@contoso-analytics.example");
        await client.SendActivityAsync("hello");
        await client.SendActivityAsync("still no");

        await client.SendActivityAsync("nope");

        Assert.Same(DialogResults.Abandoned, client.DialogTurnResult!.Result);
    }

    public void Dispose() => _store.Dispose();

    private async Task<DialogTestClient> StartAsync(string userId)
    {
        await DemoData.LoadIfEmptyAsync(_store, _clock, CancellationToken.None);
        var services = new RewardsServices(_store, BenefitCatalogue.Default, _clock, BotTestClient.Cards);
        return new DialogTestClient(
            new MarketingContactDialog(services),
            BotTexts.Default,
            new MarketingContactDialog.Options { ForActivation = true },
            channelId: Channels.DirectLine,
            transcript: output.WriteLine,
            middlewares: [new SignedIn(_store, userId)]);
    }

    /// <summary>Submits the button <paramref name="title"/> of the card, as a channel would (data plus inputs).</summary>
    private static Task<Activity?> ClickAsync(DialogTestClient client, Activity card, string title, params (string Id, string Value)[] inputs)
    {
        var action = CardQueries.Actions(card).First(a => a["title"]?.GetValue<string>() == title);
        var value = (JsonObject)action["data"]!.DeepClone();
        foreach (var (id, text) in inputs)
        {
            value[id] = text;
        }

        var activity = client.Adapter.MakeActivity();
        activity.Value = value;
        return client.SendActivityAsync(activity);
    }

    /// <summary>What the bot does at the start of each turn: the session of a known Partner Center user.</summary>
    private sealed class SignedIn(IRewardsStore store, string userId) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            var user = (await store.GetUserAsync(userId, cancellationToken))!;
            var company = (await store.GetCompanyAsync(user.CompanyId, cancellationToken))!;
            var identity = Outcome.Success(new ResolvedIdentity(user, company));
            turnContext.TurnState.Set(new RewardsSession(BotLanguage.FromLocale(turnContext.Activity.Locale), null, identity));
            await next(cancellationToken);
        }
    }
}
