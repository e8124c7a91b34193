using System.Text;
using Microsoft.Data.Sqlite;
using RewardsBot.Dialogs.Flows;
using RewardsBot.Dialogs.Tests.Conversation;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

public sealed class MainDialogTests(ITestOutputHelper output)
{
    private const string AnaObjectId = "a1f0c2d3-0001-4a00-8000-00000000a0a1";
    private const string ContosoTenantId = "2b7e4c10-5a3d-4e8f-9c61-0c0a7a000001";

    private static readonly string[] AllLocales = ["en-US", "fr-FR", "zh-TW"];

    public static TheoryData<string> Locales { get; } = new(AllLocales);

    // ---- Welcome ----

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task Joining_shows_the_welcome_card_then_the_menu(string locale)
    {
        using var bot = await StartAsync(locale);

        var replies = await bot.JoinAsync();

        Assert.Equal(2, replies.Count);
        Assert.Contains(bot.Say("card.welcome.title"), CardQueries.Texts(replies[0]));
        Assert.Contains(bot.Say("main.welcome.signedInAs", ("name", "Ana Ribeiro"), ("company", "Contoso Analytics")), CardQueries.Texts(replies[0]));
        AssertMenu(bot, replies[1], "main.menu.heading");
    }

    [Fact]
    public async Task The_welcome_is_shown_once_per_conversation()
    {
        using var bot = await StartAsync();
        await bot.JoinAsync();

        var again = await bot.JoinAsync();
        var message = await bot.SayAsync("Am I eligible?");

        Assert.Empty(again);
        Assert.DoesNotContain(message, reply => CardQueries.Texts(reply).Contains(bot.Say("card.welcome.title")));
    }

    [Fact]
    public async Task A_first_message_without_a_join_gets_the_welcome_card_then_its_answer()
    {
        using var bot = await StartAsync();

        var replies = await bot.SayAsync("activate");

        Assert.Contains(bot.Say("card.welcome.title"), CardQueries.Texts(replies[0]));
        AssertFlowStarted(bot, replies.Skip(1).ToList(), Topics.Activate); // the message was routed: the activation asks which benefit
        Assert.Empty(await bot.JoinAsync());
    }

    [Fact]
    public async Task Teams_installation_welcomes_once_and_recognises_the_user_by_entra_object_id_and_tenant()
    {
        using var bot = await StartAsync(channelId: Channels.Msteams, userId: "29:1teams-user-id");
        bot.UseTeamsIdentity(AnaObjectId, ContosoTenantId);
        var installation = bot.Adapter.MakeActivity();
        installation.Type = ActivityTypes.InstallationUpdate;
        installation.Action = "add";

        var replies = await bot.SendAsync(installation);
        var join = await bot.JoinAsync(); // Teams also sends conversationUpdate

        Assert.Equal(2, replies.Count);
        Assert.Contains(bot.Say("main.welcome.signedInAs", ("name", "Ana Ribeiro"), ("company", "Contoso Analytics")), CardQueries.Texts(replies[0]));
        AssertMenu(bot, replies[1], "main.menu.heading");
        Assert.Empty(join);
    }

    [Fact]
    public async Task A_Teams_user_of_an_unknown_tenant_is_not_taken_for_a_known_user()
    {
        using var bot = await StartAsync(channelId: Channels.Msteams, userId: "29:1teams-user-id");
        bot.UseTeamsIdentity(AnaObjectId, "00000000-1111-2222-3333-444444444444");

        var replies = await bot.JoinAsync();

        Assert.Contains(bot.Say("refusal.identity.unknownTenant"), CardQueries.Texts(replies[0]));
        Assert.DoesNotContain("Ana Ribeiro", CardQueries.AllText(replies));
    }

    [Theory]
    [InlineData("<at>RewardsBot</at> activate", Topics.Activate)]
    [InlineData("<at>RewardsBot</at> the weather in Lisbon", null)]
    public async Task A_Teams_mention_is_removed_before_routing(string text, string? topic)
    {
        using var bot = await StartAsync(channelId: Channels.Msteams, userId: "29:1teams-user-id");
        bot.UseTeamsIdentity(AnaObjectId, ContosoTenantId);
        await bot.JoinAsync();

        var replies = await bot.SayAsync(text);

        AssertAnswer(bot, replies, topic);
    }

    [Fact]
    public async Task A_Teams_mention_before_a_command_or_a_language_still_counts()
    {
        using var bot = await StartAsync(channelId: Channels.Msteams, userId: "29:1teams-user-id");
        bot.UseTeamsIdentity(AnaObjectId, ContosoTenantId);
        await bot.JoinAsync();

        var help = await bot.SayAsync("<at>RewardsBot</at> help");
        var french = await bot.SayAsync("<at>RewardsBot</at> français");

        Assert.Equal(bot.Say("main.help"), help[0].Text);
        Assert.Equal(Text("main.language.switched", BotLanguage.French), french[0].Text);
    }

    [Theory]
    [InlineData("demo-kenji", "Kenji Watanabe")]
    [InlineData("emulator-user-1", "Ana Ribeiro")] // not a demo identity id: the configured default
    public async Task The_Emulator_talks_as_a_demo_identity(string userId, string expectedName)
    {
        using var bot = await StartAsync(channelId: Channels.Emulator, userId: userId);

        var replies = await bot.JoinAsync();

        Assert.Contains(bot.Say("main.welcome.signedInAs", ("name", expectedName), ("company", "Contoso Analytics")), CardQueries.Texts(replies[0]));
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task An_unknown_Direct_Line_user_is_told_so_on_the_welcome_card(string locale)
    {
        using var bot = await StartAsync(locale, userId: "someone-not-in-partner-center");

        var replies = await bot.JoinAsync();

        Assert.Contains(bot.Say("refusal.identity.unknownUser"), CardQueries.Texts(replies[0]));
        Assert.DoesNotContain(bot.Say("main.welcome.signedInAs", ("name", "Ana Ribeiro"), ("company", "Contoso Analytics")), CardQueries.AllText(replies));
        AssertMenu(bot, replies[1], "main.menu.heading");
    }

    // ---- Menu and routing ----

    [Theory]
    [InlineData("en-US", "Am I eligible?", Topics.Eligibility)]
    [InlineData("en-US", "nobody contacted us after go-live", Topics.FollowUp)]
    [InlineData("fr-FR", "je voudrais activer un avantage", Topics.Activate)]
    [InlineData("fr-FR", "je ne vois pas Marketplace Rewards", Topics.Tenant)]
    [InlineData("zh-TW", "我看不到 Marketplace Rewards", Topics.Tenant)]
    [InlineData("zh-TW", "變更行銷連絡人", Topics.Contact)]
    public async Task Words_at_the_menu_run_a_flow_then_the_menu_comes_back(string locale, string text, string topic)
    {
        using var bot = await StartAsync(locale);
        await bot.JoinAsync();

        var replies = await bot.SayAsync(text);

        // A flow that only shows something is followed by the menu; one that asks something waits for the answer.
        AssertFlowStarted(bot, replies, topic);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task Every_menu_button_runs_its_flow_then_the_menu_comes_back(string locale)
    {
        using var bot = await StartAsync(locale);
        var menu = (await bot.JoinAsync())[1];

        foreach (var topic in Topics.All)
        {
            var replies = await bot.ClickAsync(menu, bot.Say("card.menu." + topic));
            AssertFlowStarted(bot, replies, topic);
            if (!EndsAtOnce.Contains(topic))
            {
                // A flow waiting for its first answer: nothing was answered yet, so cancel needs no confirmation
                // and brings the menu back.
                replies = await bot.SayAsync("cancel");
                Assert.Equal(2, replies.Count);
                Assert.Equal(bot.Say(PromptText.Cancelled), replies[0].Text);
            }

            menu = replies[^1];
            AssertMenu(bot, menu, "main.menu.again");
        }

        Assert.Null(await bot.Store.GetMarketingContactAsync("contoso", CancellationToken.None));
        Assert.Empty(await bot.Store.ListActivationsAsync("contoso", CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US", "the weather in Lisbon")]
    [InlineData("fr-FR", "quel temps fait-il à Lyon")]
    [InlineData("zh-TW", "今天天氣如何")]
    public async Task Unknown_text_gets_the_menu_again_and_the_menu_never_gives_up(string locale, string text)
    {
        using var bot = await StartAsync(locale);
        await bot.JoinAsync();

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var replies = await bot.SayAsync(text);
            AssertMenu(bot, Assert.Single(replies), "main.menu.notUnderstood");
        }

        AssertFlowStarted(bot, await bot.SayAsync(bot.Say("card.menu.benefits")), Topics.Benefits);
    }

    [Fact]
    public async Task Menu_buttons_are_short_in_every_language()
    {
        foreach (var locale in AllLocales)
        {
            using var bot = await StartAsync(locale);
            var menu = (await bot.JoinAsync())[1];

            Assert.Equal(Topics.All.Count, CardQueries.ButtonTitles(menu).Count);
            Assert.All(CardQueries.ButtonTitles(menu), title => Assert.InRange(title.Length, 1, 28));
        }
    }

    // ---- Help, cancel, start over, restart, stale cards ----

    [Theory]
    [InlineData("en-US", "help")]
    [InlineData("fr-FR", "aide")]
    [InlineData("zh-TW", "說明")]
    public async Task Help_at_the_menu_says_what_the_bot_does_then_shows_the_menu(string locale, string help)
    {
        using var bot = await StartAsync(locale);
        await bot.JoinAsync();

        var replies = await bot.SayAsync(help);

        Assert.Equal(2, replies.Count);
        Assert.Equal(bot.Say("main.help"), replies[0].Text);
        AssertMenu(bot, replies[1], "main.menu.heading");
    }

    [Theory]
    [InlineData("en-US", "cancel")]
    [InlineData("fr-FR", "annuler")]
    [InlineData("zh-TW", "取消")]
    public async Task Cancel_at_the_menu_says_so_and_shows_the_menu_again(string locale, string cancel)
    {
        using var bot = await StartAsync(locale);
        await bot.JoinAsync();

        var cancelled = await bot.SayAsync(cancel);

        Assert.Equal(2, cancelled.Count);
        Assert.Equal(bot.Say(PromptText.Cancelled), cancelled[0].Text);
        AssertMenu(bot, cancelled[1], "main.menu.again");

        var next = await bot.ClickAsync(cancelled[1], bot.Say("card.menu.eligibility"));
        Assert.DoesNotContain(next, r => r.Text == bot.Say(PromptText.CardNoLongerActive));
    }

    [Theory]
    [InlineData("en-US", "start over")]
    [InlineData("fr-FR", "recommencer")]
    [InlineData("zh-TW", "重新開始")]
    public async Task Start_over_at_the_menu_shows_the_first_menu_again(string locale, string startOver)
    {
        using var bot = await StartAsync(locale);
        await bot.JoinAsync();
        await bot.SayAsync(bot.Say("card.menu.benefits"));

        var replies = await bot.SayAsync(startOver);

        Assert.Equal(2, replies.Count);
        Assert.Equal(bot.Say(PromptText.StartingOver), replies[0].Text);
        AssertMenu(bot, replies[1], "main.menu.heading");
    }

    [Fact]
    public async Task A_restart_while_the_menu_waits_keeps_the_menu_working()
    {
        using var bot = await StartAsync();
        var menu = (await bot.JoinAsync())[1];

        bot.Restart();
        var replies = await bot.ClickAsync(menu, bot.Say("card.menu.activate"));

        AssertFlowStarted(bot, replies, Topics.Activate);
    }

    [Fact]
    public async Task A_click_on_an_older_menu_is_refused_as_no_longer_active_then_the_current_menu_is_shown()
    {
        using var bot = await StartAsync();
        var first = (await bot.JoinAsync())[1];
        var second = AssertFlowStarted(bot, await bot.ClickAsync(first, bot.Say("card.menu.benefits")), Topics.Benefits); // the menu after the benefits card

        var stale = await bot.ClickAsync(first, bot.Say("card.menu.activate"));
        var current = await bot.ClickAsync(second, bot.Say("card.menu.contact"));

        Assert.Equal(2, stale.Count);
        Assert.Equal(bot.Say(PromptText.CardNoLongerActive), stale[0].Text);
        AssertMenu(bot, stale[1], "main.menu.again");
        AssertFlowStarted(bot, current, Topics.Contact);
    }

    // ---- Language ----

    [Theory]
    [InlineData("fr-CA", BotLanguage.French)]
    [InlineData("zh-HK", BotLanguage.TraditionalChinese)]
    [InlineData("de-DE", BotLanguage.English)]
    public async Task The_activity_locale_picks_the_chat_language(string locale, string language)
    {
        using var bot = await StartAsync(locale);

        var replies = await bot.JoinAsync();
        var unknown = await bot.SayAsync("xyzzy plugh");

        Assert.Contains(Text("card.welcome.title", language), CardQueries.Texts(replies[0]));
        Assert.Contains(Text("card.menu.activate", language), CardQueries.ButtonTitles(replies[1]));
        Assert.Equal(Text("main.menu.notUnderstood", language), Assert.Single(unknown).Text);
    }

    [Fact]
    public async Task Typing_a_language_switches_the_chat_and_shows_the_menu_in_it()
    {
        using var bot = await StartAsync("en-US");
        await bot.JoinAsync();

        var replies = await bot.SayAsync("français");
        var next = await bot.SayAsync("xyzzy plugh");

        Assert.Equal(2, replies.Count);
        Assert.Equal(Text("main.language.switched", BotLanguage.French), replies[0].Text);
        Assert.Equal(Text("main.menu.heading", BotLanguage.French), replies[1].Text);
        Assert.Contains(Text("card.menu.activate", BotLanguage.French), CardQueries.ButtonTitles(replies[1]));
        Assert.Equal(Text("main.menu.notUnderstood", BotLanguage.French), Assert.Single(next).Text);
    }

    [Fact]
    public async Task A_language_as_the_first_message_welcomes_then_switches_and_shows_the_first_menu_in_it()
    {
        using var bot = await StartAsync("en-US");

        var replies = await bot.SayAsync("Français");

        Assert.Equal(3, replies.Count);
        Assert.Contains(Text("card.welcome.title", BotLanguage.English), CardQueries.Texts(replies[0]));
        Assert.Equal(Text("main.language.switched", BotLanguage.French), replies[1].Text);
        Assert.Equal(Text("main.menu.heading", BotLanguage.French), replies[2].Text);
        Assert.Contains(Text("card.menu.activate", BotLanguage.French), CardQueries.ButtonTitles(replies[2]));
    }

    [Fact]
    public async Task The_chosen_language_is_remembered_for_the_user_in_a_new_conversation_but_not_for_others()
    {
        using var first = await StartAsync("en-US");
        await first.JoinAsync();
        await first.SayAsync("中文");

        using (var sameUser = new BotTestClient(output, locale: "en-US", databasePath: first.DatabasePath, conversationId: "conversation2"))
        {
            var replies = await sameUser.JoinAsync();

            Assert.Contains(Text("card.welcome.title", BotLanguage.TraditionalChinese), CardQueries.Texts(replies[0]));
            Assert.Equal(Text("main.menu.heading", BotLanguage.TraditionalChinese), replies[1].Text);
        }

        using var otherUser = new BotTestClient(output, locale: "en-US", userId: "demo-kenji", databasePath: first.DatabasePath, conversationId: "conversation3");
        var other = await otherUser.JoinAsync();

        Assert.Contains(Text("card.welcome.title", BotLanguage.English), CardQueries.Texts(other[0]));
        Assert.Equal(Text("main.menu.heading", BotLanguage.English), other[1].Text);
    }

    [Fact]
    public async Task The_welcome_cards_language_buttons_switch_the_chat()
    {
        using var bot = await StartAsync("en-US");
        var welcome = (await bot.JoinAsync())[0];
        Assert.Equal(
            new[] { Text("main.language.name", BotLanguage.French), Text("main.language.name", BotLanguage.TraditionalChinese) },
            CardQueries.ButtonTitles(welcome));

        var chinese = await bot.ClickAsync(welcome, Text("main.language.name", BotLanguage.TraditionalChinese));
        var french = await bot.ClickAsync(welcome, Text("main.language.name", BotLanguage.French));

        Assert.Equal(Text("main.language.switched", BotLanguage.TraditionalChinese), chinese[0].Text);
        Assert.Equal(Text("main.menu.heading", BotLanguage.TraditionalChinese), chinese[1].Text);
        Assert.Equal(Text("main.language.switched", BotLanguage.French), french[0].Text);
        Assert.Contains(Text("card.menu.contact", BotLanguage.French), CardQueries.ButtonTitles(french[1]));

        // Remembered: a new conversation of the same user starts in French.
        using var later = new BotTestClient(output, locale: "en-US", databasePath: bot.DatabasePath, conversationId: "conversation2");
        Assert.Contains(Text("card.welcome.title", BotLanguage.French), CardQueries.Texts((await later.JoinAsync())[0]));
    }

    // ---- Secrets ----

    public static TheoryData<string, string> Secrets { get; } = new()
    {
        { "en-US", "my password is Hunter2!x" },
        { "fr-FR", "mot de passe : S3cret!!" },
        { "zh-TW", "密碼是 abc12345" },
        { "en-US", SecretDetectorTests.Jwt },
        { "fr-FR", SecretDetectorTests.EntraClientSecret },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public async Task A_secret_typed_at_the_menu_is_refused_and_never_stored(string locale, string secret)
    {
        using var bot = await StartAsync(locale);
        await bot.JoinAsync();

        var replies = await bot.SayAsync(secret);

        Assert.Equal(2, replies.Count);
        Assert.Equal(bot.Say("main.secretRefused"), replies[0].Text);
        AssertMenu(bot, replies[1], "main.menu.heading");
        Assert.DoesNotContain(SecretPart(secret), CardQueries.AllText(replies), StringComparison.Ordinal);
        AssertNotInDatabase(bot, SecretPart(secret));
    }

    [Fact]
    public async Task A_secret_as_the_first_message_is_refused_and_never_stored()
    {
        using var bot = await StartAsync();

        var replies = await bot.SayAsync("my password is Hunter2!x");

        Assert.Contains(bot.Say("card.welcome.title"), CardQueries.Texts(replies[0]));
        Assert.Equal(bot.Say("main.secretRefused"), replies[1].Text);
        AssertMenu(bot, replies[2], "main.menu.heading");
        AssertNotInDatabase(bot, "Hunter2!x");
    }

    [Theory]
    [InlineData("en-US", "our tenant id is 2b7e4c10-5a3d-4e8f-9c61-0c0a7a000001", Topics.Tenant)]
    [InlineData("en-US", "please use marketing@contoso-analytics.example as the contact", Topics.Contact)]
    [InlineData("fr-FR", "mon numéro de téléphone : +33 1 23 45 67 89", Topics.Contact)]
    [InlineData("en-US", "how do I reset my password?", null)]
    [InlineData("zh-TW", "忘記密碼怎麼辦", null)]
    public async Task Ordinary_text_is_not_refused_as_a_secret(string locale, string text, string? topic)
    {
        using var bot = await StartAsync(locale);
        await bot.JoinAsync();

        var replies = await bot.SayAsync(text);

        // Not refused: routed like any message, to the flow its words name, or to the menu when they name none.
        Assert.DoesNotContain(replies, reply => reply.Text == bot.Say("main.secretRefused"));
        AssertAnswer(bot, replies, topic);
    }

    // ---- Helpers ----

    private async Task<BotTestClient> StartAsync(string locale = "en-US", string channelId = Channels.DirectLine, string userId = "demo-ana")
    {
        var bot = new BotTestClient(output, channelId, locale, userId);
        await bot.InitializeAsync();
        return bot;
    }

    private static string Text(string key, string language) => BotTestClient.Texts.Get(key, language);

    /// <summary>A menu card in the chat's language, with <paramref name="headingKey"/> as its text and heading.</summary>
    private static void AssertMenu(BotTestClient bot, Activity reply, string headingKey)
    {
        Assert.Equal(bot.Say(headingKey), reply.Text);
        Assert.Contains(bot.Say(headingKey), CardQueries.Texts(reply));
        Assert.Equal(
            Topics.All.Select(topic => bot.Say("card.menu." + topic)),
            CardQueries.ButtonTitles(reply));
    }

    /// <summary>Flows that only show something, then end: the menu comes back right after them.</summary>
    private static readonly HashSet<string> EndsAtOnce = [Topics.Eligibility, Topics.Benefits, Topics.FollowUp, Topics.Tenant];

    /// <summary>
    /// What each flow says first to demo-ana (partner admin of Contoso Analytics: eligible, transact tier 1, no marketing
    /// contact, nothing hiding Rewards, three offers live for weeks without word): the reply's text, and a text on its card.
    /// </summary>
    private static (string Text, string CardText) FirstReplyOf(BotTestClient bot, string topic) => topic switch
    {
        Topics.Eligibility => (bot.Say("eligibility.verdict.eligible", ("company", "Contoso Analytics")), bot.Say("card.eligibility.title")),
        Topics.Benefits => (bot.Say("benefits.heading", ("company", "Contoso Analytics")), bot.Say("benefits.heading", ("company", "Contoso Analytics"))),
        Topics.Activate => (bot.Say("activation.choose.prompt"), bot.Say("card.activation-choose.title")),
        Topics.Contact => (bot.Say("contact.current.askAssign"), bot.Say("card.contact-current.none")),
        Topics.TechnicalHelp => (bot.Say("techHelp.form.text"), bot.Say("card.techhelp-form.title")),
        Topics.Tenant => (bot.Say("tenant.diagnosis.text"), bot.Say("tenant.finding.ok")),
        Topics.FollowUp => (bot.Say("followUp.summary", ("count", 3)), bot.Say("card.followup.title")),
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, null),
    };

    /// <summary>
    /// The flow of <paramref name="topic"/> ran: its first card, then the menu for a flow that ends at once (returned),
    /// or nothing more for a flow that waits for an answer (its question is returned).
    /// </summary>
    private static Activity AssertFlowStarted(BotTestClient bot, IReadOnlyList<Activity> replies, string topic)
    {
        var (text, cardText) = FirstReplyOf(bot, topic);
        Assert.Equal(EndsAtOnce.Contains(topic) ? 2 : 1, replies.Count);
        Assert.Equal(text, replies[0].Text);
        Assert.Contains(cardText, CardQueries.Texts(replies[0]));
        if (EndsAtOnce.Contains(topic))
        {
            AssertMenu(bot, replies[1], "main.menu.again");
        }
        else
        {
            Assert.NotEqual(Topics.All.Select(t => bot.Say("card.menu." + t)), CardQueries.ButtonTitles(replies[0]));
        }

        return replies[^1];
    }

    /// <summary>The flow of <paramref name="topic"/> started, or, for no topic, the menu came back as not understood.</summary>
    private static void AssertAnswer(BotTestClient bot, IReadOnlyList<Activity> replies, string? topic)
    {
        if (topic is null)
        {
            AssertMenu(bot, Assert.Single(replies), "main.menu.notUnderstood");
        }
        else
        {
            AssertFlowStarted(bot, replies, topic);
        }
    }

    /// <summary>The part of a typed secret that must not survive anywhere (the label around it is ordinary words).</summary>
    private static string SecretPart(string typed) => typed.Split(' ', '：').Last();

    /// <summary>Reads the SQLite file (and its write-ahead log) as bytes: the secret must be in neither, in UTF-8 or UTF-16.</summary>
    private static void AssertNotInDatabase(BotTestClient bot, string secret)
    {
        SqliteConnection.ClearAllPools();
        var files = new[] { bot.DatabasePath, bot.DatabasePath + "-wal", bot.DatabasePath + "-journal" }.Where(File.Exists).ToList();
        var all = files.SelectMany(ReadShared).ToArray();
        Assert.True(all.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Contoso Analytics")) >= 0, "The database files read do not hold the demo data: wrong files?");
        Assert.True(all.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, "The secret is in the database (UTF-8).");
        Assert.True(all.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, "The secret is in the database (UTF-16).");
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
