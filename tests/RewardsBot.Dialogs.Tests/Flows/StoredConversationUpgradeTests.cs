using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

/// <summary>
/// Conversations stored by the build before the dialog stack got its own JSON reader and writer continue after an
/// upgrade: the documents below are what that build stored in the middle of the marketing contact flow (demo-ana,
/// en-US), taken from its database as they were.
/// </summary>
public sealed class StoredConversationUpgradeTests(ITestOutputHelper output)
{
    private const string Key = "directline/conversations/conversation1";

    /// <summary>Waiting on the people card (its options hold the card, its choices and help).</summary>
    private const string AtThePeopleCard = """
        {"ConversationFlags":{"welcomed":true},"DialogState":{"dialogStack":[{"id":"MainDialog","instanceId":"9667003bafb1fe46","state":{},"innerState":{"dialogStack":[{"id":"MarketingContactDialog","instanceId":"6ea6cf02afa83b38","state":{},"innerState":{"dialogStack":[{"id":"MarketingContactDialog.Person","instanceId":"d8ad7c5d69ee33e7","state":{"options":{"prompt":{"type":"message","text":"Who should be your company\u0027s marketing contact? Pick a user of your Partner Center account, or type their name.","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.5","fallbackText":"Choose your company\u0027s marketing contact among the users of your Partner Center account, or type their name.","body":[{"type":"TextBlock","text":"Choose the marketing contact","style":"heading","wrap":true},{"type":"TextBlock","text":"These are the users of your company\u0027s Partner Center account (Account settings → Users).","wrap":true},{"type":"ActionSet","spacing":"Small","actions":[{"type":"Action.Submit","title":"Ana Ribeiro","data":{"answer":"u-ana"}}]},{"type":"ActionSet","spacing":"Small","actions":[{"type":"Action.Submit","title":"Kenji Watanabe","data":{"answer":"u-kenji"}}]},{"type":"ActionSet","spacing":"Small","actions":[{"type":"Action.Submit","title":"Lena Hoffmann","data":{"answer":"u-lena"}}]},{"type":"ActionSet","spacing":"Small","actions":[{"type":"Action.Submit","title":"Marc Dubois","data":{"answer":"u-marc"}}]},{"type":"ActionSet","spacing":"Small","actions":[{"type":"Action.Submit","title":"Sara Lindqvist","data":{"answer":"u-sara"}}]},{"type":"ActionSet","spacing":"Small","actions":[{"type":"Action.Submit","title":"Tomás Herrera","data":{"answer":"u-tomas"}}]},{"type":"TextBlock","text":"You can also type the person\u0027s name.","wrap":true,"isSubtle":true,"spacing":"Medium"},{"type":"ActionSet","actions":[{"type":"Action.Submit","title":"Not in the list","data":{"answer":"notListed"}}]}]}}]},"choices":[{"value":"u-ana","title":"Ana Ribeiro","synonyms":[],"displayText":"Ana Ribeiro"},{"value":"u-kenji","title":"Kenji Watanabe","synonyms":[],"displayText":"Kenji Watanabe"},{"value":"u-lena","title":"Lena Hoffmann","synonyms":[],"displayText":"Lena Hoffmann"},{"value":"u-marc","title":"Marc Dubois","synonyms":[],"displayText":"Marc Dubois"},{"value":"u-sara","title":"Sara Lindqvist","synonyms":[],"displayText":"Sara Lindqvist"},{"value":"u-tomas","title":"Tomás Herrera","synonyms":[],"displayText":"Tomás Herrera"}],"style":0,"helpText":"Select a person\u0027s name, or type it (first name or full name). Only users of your company\u0027s Partner Center account can be the marketing contact; others must first be added in Account settings → Users.","maxAttempts":3},"attempts":0}},{"id":"MarketingContactDialog.Waterfall","instanceId":"b221f6593522402f","state":{"options":null,"state":{"forActivation":false,"started":true},"stepIndex":2}}]}},{"id":"MainDialog.Waterfall","instanceId":"8ed6c7e7ef9d3051","state":{"options":null,"state":{"topic":"contact"},"stepIndex":1}}]}}]},"LastActivityId":"8","LastReplies":[]}
        """;

    /// <summary>Waiting on the summary card, every detail given.</summary>
    private const string AtTheSummary = """
        {"ConversationFlags":{"welcomed":true},"DialogState":{"dialogStack":[{"id":"MainDialog","instanceId":"9667003bafb1fe46","state":{},"innerState":{"dialogStack":[{"id":"MarketingContactDialog","instanceId":"6ea6cf02afa83b38","state":{},"innerState":{"dialogStack":[{"id":"MarketingContactDialog.Summary","instanceId":"4f0125ca9d15a27c","state":{"options":{"prompt":{"type":"message","text":"Please check these details. Select Assign user to make Lena Hoffmann your marketing contact.","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.5","fallbackText":"The marketing contact details to assign: name, email, phone and preferred language.","body":[{"type":"TextBlock","text":"Check the marketing contact","style":"heading","wrap":true},{"type":"FactSet","facts":[{"title":"Name","value":"Lena Hoffmann"},{"title":"Email","value":"lena.marketing@contoso-analytics.example"},{"title":"Phone","value":"\u002B14255550100"},{"title":"Preferred language","value":"Japanese"}]},{"type":"TextBlock","text":"To correct one detail, select Change or type, for example, \u0022change the phone\u0022.","wrap":true,"isSubtle":true,"size":"Small"}],"actions":[{"type":"Action.Submit","title":"Assign user","data":{"answer":"assign"}},{"type":"Action.Submit","title":"Change","data":{"answer":"change"}},{"type":"Action.Submit","title":"Cancel","data":{"answer":"cancel"}}]}}]},"style":0,"helpText":"Assign user saves these details. To correct one, select Change or type what to change, for example \u0022change the phone\u0022. Cancel leaves the current marketing contact as it is.","maxAttempts":3},"attempts":0}},{"id":"MarketingContactDialog.Waterfall","instanceId":"b221f6593522402f","state":{"options":null,"state":{"forActivation":false,"started":true,"personId":"u-lena","personName":"Lena Hoffmann","detailsPersonId":"u-lena","email":"lena.marketing@contoso-analytics.example","phone":"\u002B14255550100","language":"ja"},"stepIndex":6}}]}},{"id":"MainDialog.Waterfall","instanceId":"8ed6c7e7ef9d3051","state":{"options":null,"state":{"topic":"contact"},"stepIndex":1}}]}}]},"LastActivityId":"20","LastReplies":[]}
        """;

    [Fact]
    public async Task A_conversation_stored_at_the_people_card_continues_with_a_typed_name_then_the_email()
    {
        using var bot = await ContinueAsync(AtThePeopleCard);

        var email = Assert.Single(await bot.SayAsync("Lena Hoffmann"));
        Assert.Equal(bot.Say("contact.email.question", ("name", "Lena Hoffmann"), ("accountEmail", "partnercenter@contoso-analytics.example")), email.Text);

        var phone = Assert.Single(await bot.SayAsync("lena.marketing@contoso-analytics.example"));
        Assert.Equal(bot.Say("contact.phone.question", ("name", "Lena Hoffmann")), phone.Text);
    }

    [Fact]
    public async Task Help_at_a_stored_card_prompt_sends_its_help_and_the_stored_card_again_and_a_click_on_that_card_answers()
    {
        using var bot = await ContinueAsync(AtThePeopleCard);

        var replies = await bot.SayAsync("help");

        Assert.Equal(2, replies.Count);
        Assert.StartsWith("Select a person's name, or type it", replies[0].Text, StringComparison.Ordinal);
        Assert.Equal(bot.Say("contact.person.question"), replies[1].Text);
        Assert.Contains("Tomás Herrera", CardQueries.ButtonTitles(replies[1]));
        var email = Assert.Single(await bot.ClickAsync(replies[1], "Lena Hoffmann"));
        Assert.Equal(bot.Say("contact.email.question", ("name", "Lena Hoffmann"), ("accountEmail", "partnercenter@contoso-analytics.example")), email.Text);
    }

    [Fact]
    public async Task A_click_on_the_card_the_previous_build_sent_assigns_the_contact_it_collected()
    {
        using var bot = await ContinueAsync(AtTheSummary);

        // The summary card's "Assign user" as the previous build stamped it with its prompt's instance id.
        var click = bot.Adapter.MakeActivity();
        click.Value = new JsonObject { [CardSubmission.AnswerKey] = "assign", [CardSubmission.DialogKey] = "4f0125ca9d15a27c" };
        click.ChannelData = new JsonObject { ["postBack"] = true };
        var replies = await bot.SendAsync(click);

        Assert.Contains(replies, reply => reply.Text == bot.Say("contact.assigned", ("name", "Lena Hoffmann")));
        var contact = await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None);
        Assert.Equal(("u-lena", "lena.marketing@contoso-analytics.example", "+14255550100", "ja"), (contact!.UserId, contact.Email, contact.PhoneE164, contact.PreferredLanguage));
    }

    /// <summary>A bot over a database holding <paramref name="stored"/> as the conversation's state.</summary>
    private async Task<BotTestClient> ContinueAsync(string stored)
    {
        var bot = new BotTestClient(output, locale: "en-US");
        await bot.InitializeAsync();
        using (var storage = new SqliteStorage($"Data Source={bot.DatabasePath}"))
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = StoreItem.FromJson(stored, null, Key) }, CancellationToken.None);
        }

        bot.Restart();
        return bot;
    }
}
