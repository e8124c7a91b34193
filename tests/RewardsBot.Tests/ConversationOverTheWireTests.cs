using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RewardsBot.Dialogs.Content;
using RewardsBot.Rewards.Demo;
using RewardsBot.Rewards.Store;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>
/// The product's bot, as the host registers it, over real HTTP: Emulator- and Teams-shaped activities in, replies at a
/// Connector on loopback (or in the expectReplies body), bot state and Rewards data in the host's SQLite file. Every
/// card that comes back is checked against the Adaptive Card 1.5 schema and our card rules. Expected words come from
/// the same texts the bot uses (dialogs/), never from sentences written here.
/// </summary>
public sealed class ConversationOverTheWireTests : LoopbackBotTest
{
    private const string DefaultDemoIdentity = "demo-ana";
    private const string AnaName = "Ana Ribeiro";
    private const string AnaCompany = "Contoso Analytics";
    private static readonly string[] MenuTopics = ["eligibility", "benefits", "activate", "contact", "techHelp", "tenant", "followUp"];

    private static string Say(string key, string locale, params (string Name, object? Value)[] values) => BotTexts.Default.Get(key, locale, values);

    private static string SignedInAs(string name, string company, string locale = "en-US")
        => Say("main.welcome.signedInAs", locale, ("name", name), ("company", company));

    /// <summary>Posts <paramref name="activity"/> (normal delivery) and returns what reached the Connector in answer to it.</summary>
    private async Task<IReadOnlyList<ReceivedActivity>> PostAndReceiveAsync(Activity activity, int expectedReplies)
    {
        var before = Connector.Received.Count;
        using var response = await Host.Client.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Connector.WaitForAsync(before + expectedReplies);
        // The adapter delivers a turn's replies before it answers the request, so what has arrived is all there is.
        var replies = Connector.Received.Skip(before).ToList();
        Assert.Equal(expectedReplies, replies.Count);
        Assert.All(replies, r => Assert.Equal(activity.Id, r.Activity.ReplyToId));
        WireCards.AssertAllValid(replies.Select(r => r.Activity));
        return replies;
    }

    private static void AssertWelcomeCard(Activity reply, string signedInAs, string locale)
    {
        var texts = WireCards.Texts(WireCards.SingleCard(reply));
        Assert.Equal(Say("card.welcome.title", locale), texts[0]);
        Assert.Contains(signedInAs, texts);
    }

    private static void AssertMenuCard(Activity reply, string headingKey, string locale)
    {
        var card = WireCards.SingleCard(reply);
        Assert.Equal(Say(headingKey, locale), WireCards.Texts(card)[0]);
        Assert.Equal(MenuTopics.Select(topic => Say("card.menu." + topic, locale)), WireCards.ButtonTitles(card));
    }

    private static bool IsMenuCard(Activity reply, string headingKey, string locale)
        => reply.Attachments is { Count: 1 } && WireCards.Texts(WireCards.SingleCard(reply)) is [var heading, ..] && heading == Say(headingKey, locale);

    [Fact]
    public async Task Joining_from_the_emulator_gets_the_welcome_card_as_the_default_demo_user_then_the_menu_card()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);

        var replies = await PostAndReceiveAsync(session.ConversationUpdate(), expectedReplies: 2);

        Assert.All(replies, r =>
        {
            Assert.Equal(Channels.Emulator, r.Activity.ChannelId);
            Assert.Equal(session.User.Id, r.Activity.Recipient!.Id);
            Assert.Equal(session.Bot.Id, r.Activity.From!.Id);
            Assert.Equal(session.ConversationId, r.Activity.Conversation!.Id);
        });
        AssertWelcomeCard(replies[0].Activity, SignedInAs(AnaName, AnaCompany), "en-US");
        AssertMenuCard(replies[1].Activity, "main.menu.heading", "en-US");
    }

    [Fact]
    public async Task The_bot_joining_alone_gets_no_welcome_until_the_user_writes()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);
        var botOnly = session.Stamp(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [session.Bot] });

        var afterBotJoined = await PostAndReceiveAsync(botOnly, expectedReplies: 0);
        var replies = await PostAndReceiveAsync(session.Message("hello"), expectedReplies: 2);

        Assert.Empty(afterBotJoined);
        AssertWelcomeCard(replies[0].Activity, SignedInAs(AnaName, AnaCompany), "en-US");
        AssertMenuCard(replies[1].Activity, "main.menu.heading", "en-US");
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task The_welcome_and_menu_cards_speak_the_language_of_the_activity_locale(string locale)
    {
        var session = new EmulatorConversation(Connector.ServiceUrl, locale);

        var replies = await PostAndReceiveAsync(session.ConversationUpdate(), expectedReplies: 2);

        AssertWelcomeCard(replies[0].Activity, SignedInAs(AnaName, AnaCompany, locale), locale);
        AssertMenuCard(replies[1].Activity, "main.menu.heading", locale);
        Assert.All(replies, r => Assert.Equal(locale, r.Activity.Locale));

        // The welcome card offers the two other languages (by their data: their names are content).
        var offered = WireCards.Submits(WireCards.SingleCard(replies[0].Activity)).Select(a => a["data"]!["language"]!.GetValue<string>());
        Assert.Equal(BotLanguage.All.Where(language => language != BotLanguage.FromLocale(locale)), offered);
    }

    [Fact]
    public async Task Expect_replies_returns_the_answer_to_am_I_eligible_in_the_response_body()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);
        await PostAndReceiveAsync(session.ConversationUpdate(), expectedReplies: 2);
        var question = session.Message("am I eligible", DeliveryModes.ExpectReplies);

        using var response = await Host.Client.PostActivityAsync(question);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
        Assert.NotEmpty(replies);
        Assert.All(replies, r =>
        {
            Assert.Equal(question.Id, r.ReplyToId);
            Assert.Equal(session.User.Id, r.Recipient!.Id);
        });
        WireCards.AssertAllValid(replies);

        // The words were understood as the eligibility topic: its card first, then the menu again.
        Assert.Contains(Say("card.eligibility.title", "en-US"), replies[0].Attachments![0].Content!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(IsMenuCard(replies[^1], "main.menu.again", "en-US"));
        Assert.Equal(2, Connector.Received.Count);
    }

    [Fact]
    public async Task A_card_submit_from_the_menu_is_read_as_the_click_of_its_button()
    {
        var session = new EmulatorConversation(Connector.ServiceUrl);
        var joined = await PostAndReceiveAsync(session.ConversationUpdate(), expectedReplies: 2);
        var menu = joined[1];
        var button = WireCards.Button(WireCards.SingleCard(menu.Activity), Say("card.menu.eligibility", "en-US"));

        // Control: the same card's data with an answer that is no topic is not understood, so the check below can fail.
        var unknownData = (JsonObject)button["data"]!.DeepClone();
        unknownData["answer"] = "no-such-topic";
        var unknown = await Host.Client.ExpectReplyActivitiesAsync(Submit(session, menu, unknownData));
        var clicked = await Host.Client.ExpectReplyActivitiesAsync(Submit(session, menu, (JsonObject)button["data"]!.DeepClone()));

        Assert.Contains(unknown, r => IsMenuCard(r, "main.menu.notUnderstood", "en-US"));
        Assert.NotEmpty(clicked);
        WireCards.AssertAllValid(unknown.Concat(clicked));
        Assert.Contains(Say("card.eligibility.title", "en-US"), clicked[0].Attachments![0].Content!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(clicked, r => IsMenuCard(r, "main.menu.notUnderstood", "en-US"));
    }

    /// <summary>What the Emulator (Web Chat) posts for an Action.Submit: the data in <c>value</c>, no text, <c>channelData.postBack</c>.</summary>
    private static Activity Submit(EmulatorConversation session, ReceivedActivity card, JsonObject data) => session.Stamp(new Activity
    {
        Type = ActivityTypes.Message,
        Value = data,
        ChannelData = new JsonObject { ["postBack"] = true },
        ReplyToId = card.AssignedId,
        From = session.User,
    });

    [Fact]
    public async Task A_teams_message_mentioning_the_bot_is_answered_as_the_teams_user()
    {
        var ana = (await Host.Services.GetRequiredService<IRewardsStore>()
            .GetUserAsync(DemoData.Identities.Single(i => i.Id == DefaultDemoIdentity).UserId, default))!;
        var teams = new TeamsChat(Connector.ServiceUrl, ana.EntraObjectId!, ana.TenantId);

        var joined = await PostAndReceiveAsync(teams.ConversationUpdate(), expectedReplies: 2);
        var help = await PostAndReceiveAsync(teams.MessageMentioningTheBot("help"), expectedReplies: 2);

        Assert.All(joined.Concat(help), r =>
        {
            Assert.Equal(Channels.Msteams, r.Activity.ChannelId);
            Assert.Equal(teams.User.Id, r.Activity.Recipient!.Id);
            Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(teams.ConversationId)}/activities/{r.Activity.ReplyToId}", r.RawPath);
        });
        AssertWelcomeCard(joined[0].Activity, SignedInAs(AnaName, AnaCompany), "en-US");
        AssertMenuCard(joined[1].Activity, "main.menu.heading", "en-US");
        Assert.Equal(Say("main.help", "en-US"), help[0].Activity.Text);
        AssertMenuCard(help[1].Activity, "main.menu.heading", "en-US");
    }

    [Fact]
    public async Task A_typed_password_is_refused_and_kept_neither_in_the_database_nor_in_the_logs()
    {
        const string marker = "Hunter2-wire-5f0c";
        var session = new EmulatorConversation(Connector.ServiceUrl);
        await PostAndReceiveAsync(session.ConversationUpdate(), expectedReplies: 2);

        var replies = await PostAndReceiveAsync(session.Message("my password is " + marker), expectedReplies: 2);

        Assert.Equal(Say("main.secretRefused", "en-US"), replies[0].Activity.Text);
        AssertMenuCard(replies[1].Activity, "main.menu.heading", "en-US");
        Assert.DoesNotContain(replies, r => BotJson.Serialize(r.Activity).Contains(marker, StringComparison.Ordinal));

        SqliteConnection.ClearAllPools();
        var stored = StoredFiles.Read(Folder);
        Assert.True(StoredFiles.Hold(stored, session.ConversationId), "The conversation's state is not in the files searched."); // so the next check means something
        Assert.False(StoredFiles.Hold(stored, marker), "The password reached the SQLite files.");
        Assert.NotEmpty(Host.Logs.Lines);
        Assert.DoesNotContain(marker, Host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulators_user_id_setting_can_pick_another_demo_identity()
    {
        var marc = DemoData.Identities.Single(i => i.Id == "demo-marc");
        var session = new EmulatorConversation(Connector.ServiceUrl, userId: marc.Id);

        var replies = await PostAndReceiveAsync(session.ConversationUpdate(), expectedReplies: 2);

        AssertWelcomeCard(replies[0].Activity, SignedInAs(marc.DisplayName, marc.CompanyName), "en-US");
    }

    [Fact]
    public async Task The_configured_emulator_demo_identity_is_who_the_emulator_user_is()
    {
        var kenji = DemoData.Identities.Single(i => i.Id == "demo-kenji");
        using var folder = new TempFolder();
        await using var host = await BotHost.StartAsync(folder, new Dictionary<string, string?>
        {
            ["Bot:Conversation:EmulatorDemoIdentity"] = kenji.Id,
        });
        var session = new EmulatorConversation(Connector.ServiceUrl);

        var replies = await host.Client.ExpectReplyActivitiesAsync(session.ConversationUpdate());

        WireCards.AssertAllValid(replies);
        AssertWelcomeCard(replies[0], SignedInAs(kenji.DisplayName, kenji.CompanyName), "en-US");
    }

    [Fact]
    public async Task An_emulator_demo_identity_that_is_not_a_demo_identity_stops_the_host()
    {
        using var folder = new TempFolder();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(folder, new Dictionary<string, string?>
        {
            ["Bot:Conversation:EmulatorDemoIdentity"] = "demo-nobody",
        }));

        Assert.Contains("Bot:Conversation:EmulatorDemoIdentity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_authentication_on_the_emulator_gets_no_demo_identity()
    {
        const string appId = "6e0f4a9b-6a3c-4f8b-9a3e-2b7f1f7c0002";
        using var folder = new TempFolder();
        await using var issuer = await LoopbackTokenIssuer.StartAsync(Channels.Emulator);
        await using var host = await BotHost.StartAsync(folder, new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = "not-used-here",
            ["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl.ToString(),
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = issuer.MetadataUrl.ToString(),
        }, services => services.AddSingleton<IAccessTokenProvider, NoTokenProvider>());
        var session = new EmulatorConversation(Connector.ServiceUrl, userId: DefaultDemoIdentity);
        var join = session.ConversationUpdate();
        join.DeliveryMode = DeliveryModes.ExpectReplies;

        using var response = await host.Client.PostActivityAsync(join, issuer.ChannelToken(appId, join.ServiceUrl!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
        WireCards.AssertAllValid(replies);
        var welcome = WireCards.Texts(WireCards.SingleCard(replies[0]));
        Assert.Contains(Say("refusal.identity.unknownUser", "en-US"), welcome);
        Assert.DoesNotContain(welcome, text => text.Contains(AnaName, StringComparison.Ordinal));
    }

    private sealed class NoTokenProvider : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
