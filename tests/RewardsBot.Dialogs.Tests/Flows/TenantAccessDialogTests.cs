using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using RewardsBot.Dialogs.Tests.Support;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;

namespace RewardsBot.Dialogs.Tests.Flows;

public sealed class TenantAccessDialogTests(ITestOutputHelper output)
{
    private const string Contoso = "contoso";
    private const string RoboticsTenantId = "6f1d9a22-8c4b-4b17-a3e5-7b0b07000003";
    private const string RoboticsTenant = "Contoso Robotics (contosorobotics.onmicrosoft.com)";
    private const string WoodgroveTenantId = "4a9c3e55-1f2b-4d6a-8e07-9e1d0a000011";
    private const string Password = "Hunter2!x";

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Partner_admin_from_an_unassociated_tenant_learns_why_who_can_associate_it_and_the_portal_steps(string locale)
    {
        using var bot = await StartAsync(locale, "demo-sara");

        var replies = await OpenTenantTopicAsync(bot);

        var diagnosis = Card(bot, replies, "card.tenant-diagnosis.title");
        var texts = CardQueries.Texts(diagnosis);
        Assert.Contains(bot.Say("tenant.finding.tenant.notAssociated", ("tenantName", RoboticsTenant), ("companyName", "Contoso Analytics")), texts);
        Assert.Contains(bot.Say("tenant.finding.requesters", ("roles", AssociateRoles(bot)), ("requesters", "Marc Dubois, Tomás Herrera")), texts);
        Assert.DoesNotContain(bot.Say("tenant.action.startAssociation"), CardQueries.ButtonTitles(diagnosis));
        AssertPortalSteps(bot, Card(bot, replies, "card.tenant-steps.title"));
        Assert.Empty(await bot.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Account_admin_requests_the_association_and_asking_again_says_it_is_already_pending(string locale)
    {
        using var bot = await StartAsync(locale, "demo-marc");

        var replies = await RequestRoboticsAsync(bot, await OpenTenantTopicAsync(bot));

        Assert.Contains(bot.Say("tenant.request.sent", ("tenantName", RoboticsTenant), ("companyName", "Contoso Analytics")), Texts(replies));
        Assert.Contains(bot.Say("tenant.request.confirmers", ("names", "Tomás Herrera")), Texts(replies));
        var request = Assert.Single(await bot.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
        Assert.Equal((RoboticsTenantId, "u-marc", TenantAssociationState.PendingConfirmation), (request.TenantId, request.RequestedByUserId, request.State));

        bot.Clock.Advance(TimeSpan.FromDays(2));
        var again = await RequestRoboticsAsync(bot, await ClickAsync(bot, CardQueries.WithCard(replies), "card.menu.tenant"));

        Assert.Contains(
            bot.Say("tenant.request.alreadyPending", ("tenantName", RoboticsTenant), ("date", FormatDate(bot, request.RequestedAt)), ("requester", "Marc Dubois")),
            Texts(again));
        Assert.Single(await bot.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Tenant_admin_confirms_the_request_from_his_own_sign_in_and_the_tenants_users_are_recognised(string locale)
    {
        using var marc = await StartAsync(locale, "demo-marc");
        await RequestByTenantIdAsync(marc, RoboticsTenantId);
        using var tomas = await JoinAsync(marc, "demo-tomas", "conversation2");

        var replies = await OpenTenantTopicAsync(tomas);

        var diagnosis = Card(tomas, replies, "card.tenant-diagnosis.title");
        Assert.Contains(tomas.Say("tenant.pending.summary", ("companyName", "Contoso Analytics"), ("tenantName", RoboticsTenant)), CardQueries.Texts(diagnosis));
        Assert.Contains("Marc Dubois", CardQueries.Texts(diagnosis));
        Assert.DoesNotContain(tomas.Say("tenant.action.startAssociation"), CardQueries.ButtonTitles(diagnosis));

        var confirmed = await ClickAsync(tomas, diagnosis, "card.tenant-diagnosis.confirm");

        Assert.Contains(tomas.Say("tenant.confirm.done", ("tenantName", RoboticsTenant), ("companyName", "Contoso Analytics"), ("requester", "Marc Dubois")), Texts(confirmed));
        var request = Assert.Single(await marc.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
        Assert.Equal((TenantAssociationState.Confirmed, "u-tomas"), (request.State, request.DecidedByUserId));
        Assert.Equal(Contoso, (await marc.Store.GetTenantAsync(RoboticsTenantId, CancellationToken.None))!.CompanyId);

        using var sara = new BotTestClient(output, locale: locale, userId: "demo-sara", databasePath: marc.DatabasePath, clock: marc.Clock, conversationId: "conversation3");
        var welcome = await sara.JoinAsync();
        Assert.Contains(sara.Say("main.welcome.signedInAs", ("name", "Sara Lindqvist"), ("company", "Contoso Analytics")), CardQueries.Texts(welcome[0]));
    }

    [Fact]
    public async Task Tenant_admin_in_Teams_confirms_with_his_Teams_sign_in()
    {
        using var marc = await StartAsync("en-US", "demo-marc");
        await RequestByTenantIdAsync(marc, RoboticsTenantId);
        using var tomas = new BotTestClient(output, channelId: Channels.Msteams, databasePath: marc.DatabasePath, clock: marc.Clock, conversationId: "teams1");
        tomas.UseTeamsIdentity("b2e1d3c4-0007-4b00-9000-00000000b0b7", RoboticsTenantId);
        await tomas.JoinAsync();

        var confirmed = await ClickAsync(tomas, Card(tomas, await OpenTenantTopicAsync(tomas), "card.tenant-diagnosis.title"), "card.tenant-diagnosis.confirm");

        Assert.Contains(tomas.Say("tenant.confirm.done", ("tenantName", RoboticsTenant), ("companyName", "Contoso Analytics"), ("requester", "Marc Dubois")), Texts(confirmed));
        Assert.Equal(Contoso, (await marc.Store.GetTenantAsync(RoboticsTenantId, CancellationToken.None))!.CompanyId);
    }

    [Fact]
    public async Task A_user_of_the_tenant_who_is_not_its_administrator_sees_the_request_waiting_but_cannot_decide()
    {
        using var marc = await StartAsync("en-US", "demo-marc");
        await RequestByTenantIdAsync(marc, RoboticsTenantId);
        using var sara = await JoinAsync(marc, "demo-sara", "conversation2");

        var replies = await OpenTenantTopicAsync(sara);

        var diagnosis = Card(sara, replies, "card.tenant-diagnosis.title");
        Assert.Contains(sara.Say("tenant.finding.pending", ("tenantName", RoboticsTenant)), CardQueries.Texts(diagnosis));
        Assert.Empty(CardQueries.ButtonTitles(diagnosis));
        Assert.Equal(TenantAssociationState.PendingConfirmation, Assert.Single(await marc.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None)).State);
    }

    [Fact]
    public async Task Global_admin_signed_in_from_the_unassociated_tenant_starts_its_association_himself()
    {
        using var bot = await StartAsync("en-US", "demo-tomas");

        var diagnosis = Card(bot, await OpenTenantTopicAsync(bot), "card.tenant-diagnosis.title");
        Assert.DoesNotContain(bot.Say("tenant.action.associateAnother"), CardQueries.ButtonTitles(diagnosis));
        var replies = await ClickAsync(bot, diagnosis, "tenant.action.startAssociation");

        Assert.Contains(bot.Say("tenant.request.sent", ("tenantName", RoboticsTenant), ("companyName", "Contoso Analytics")), Texts(replies));
        var request = Assert.Single(await bot.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
        Assert.Equal((RoboticsTenantId, "u-tomas"), (request.TenantId, request.RequestedByUserId));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Tenant_admin_declines_the_request_and_nothing_is_associated(string locale)
    {
        using var marc = await StartAsync(locale, "demo-marc");
        await RequestByTenantIdAsync(marc, RoboticsTenantId);
        using var tomas = await JoinAsync(marc, "demo-tomas", "conversation2");

        var declined = await ClickAsync(tomas, Card(tomas, await OpenTenantTopicAsync(tomas), "card.tenant-diagnosis.title"), "card.tenant-diagnosis.decline");

        Assert.Contains(tomas.Say("tenant.decline.done", ("tenantName", RoboticsTenant), ("companyName", "Contoso Analytics"), ("requester", "Marc Dubois")), Texts(declined));
        var request = Assert.Single(await marc.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
        Assert.Equal((TenantAssociationState.Declined, "u-tomas"), (request.State, request.DecidedByUserId));
        Assert.Null((await marc.Store.GetTenantAsync(RoboticsTenantId, CancellationToken.None))!.CompanyId);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Teams_user_from_an_unknown_tenant_learns_that_no_account_uses_the_tenant_and_gets_the_steps(string locale)
    {
        using var bot = new BotTestClient(output, channelId: Channels.Msteams, locale: locale);
        var tenantId = Guid.NewGuid().ToString();
        bot.UseTeamsIdentity(Guid.NewGuid().ToString(), tenantId);
        await bot.InitializeAsync();
        await bot.JoinAsync();

        var replies = await OpenTenantTopicAsync(bot);

        Assert.Contains(bot.Say("tenant.finding.tenant.unknown", ("tenantId", tenantId)), CardQueries.Texts(Card(bot, replies, "card.tenant-diagnosis.title")));
        AssertPortalSteps(bot, Card(bot, replies, "card.tenant-steps.title"));
    }

    [Fact]
    public async Task Teams_user_unknown_in_an_unassociated_tenant_learns_the_tenant_is_not_associated()
    {
        using var bot = new BotTestClient(output, channelId: Channels.Msteams);
        bot.UseTeamsIdentity(Guid.NewGuid().ToString(), RoboticsTenantId);
        await bot.InitializeAsync();
        await bot.JoinAsync();

        var replies = await OpenTenantTopicAsync(bot);

        Assert.Contains(bot.Say("tenant.finding.tenant.notAssociatedNoUser", ("tenantName", RoboticsTenant)), CardQueries.Texts(Card(bot, replies, "card.tenant-diagnosis.title")));
        AssertPortalSteps(bot, Card(bot, replies, "card.tenant-steps.title"));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task A_password_typed_while_the_tenant_is_asked_is_refused_asked_again_and_never_stored(string locale)
    {
        using var bot = await StartAsync(locale, "demo-marc");
        await ClickAsync(bot, Card(bot, await OpenTenantTopicAsync(bot), "card.tenant-diagnosis.title"), "tenant.action.associateAnother");

        var typed = await bot.SayAsync("my password is " + Password);

        Assert.Equal(bot.Say("main.secretRefused"), typed[0].Text);
        Assert.Contains(bot.Say("card.tenant-pick.title"), CardQueries.Texts(typed[^1]));
        var boxed = await bot.ClickAsync(CardQueries.WithCard(typed), bot.Say("card.tenant-pick.useTenantId"), new Dictionary<string, string> { ["tenantId"] = "password: " + Password });
        Assert.Equal(bot.Say("main.secretRefused"), boxed[0].Text);
        Assert.Contains(bot.Say("card.tenant-pick.title"), CardQueries.Texts(CardQueries.WithCard(boxed)));

        var sent = await bot.ClickAsync(CardQueries.WithCard(boxed), RoboticsTenant);
        Assert.Contains(bot.Say("tenant.request.sent", ("tenantName", RoboticsTenant), ("companyName", "Contoso Analytics")), Texts(sent));
        var stored = DatabaseBytes(bot);
        Assert.True(Contains(stored, "tar:contoso:" + RoboticsTenantId), "The scan must see what the flow stored.");
        Assert.False(Contains(stored, Password), "The password reached the SQLite file.");
    }

    [Fact]
    public async Task A_tenant_associated_with_another_account_is_refused()
    {
        using var bot = await StartAsync("en-US", "demo-marc");

        var replies = await RequestByTenantIdAsync(bot, WoodgroveTenantId);

        Assert.Contains(bot.Say("refusal.tenant.associatedElsewhere"), Texts(replies));
        Assert.Empty(await bot.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task Account_admin_can_see_the_portal_steps_instead(string locale)
    {
        using var bot = await StartAsync(locale, "demo-marc");

        var replies = await ClickAsync(bot, Card(bot, await OpenTenantTopicAsync(bot), "card.tenant-diagnosis.title"), "tenant.action.showSteps");

        AssertPortalSteps(bot, Card(bot, replies, "card.tenant-steps.title"));
        Assert.Empty(await bot.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
    }

    [Fact]
    public async Task Typed_text_instead_of_a_click_asks_again_and_not_now_changes_nothing()
    {
        using var bot = await StartAsync("en-US", "demo-marc");
        await OpenTenantTopicAsync(bot);

        var retry = await bot.SayAsync("the weather in Lisbon");

        var card = Assert.Single(retry);
        Assert.Equal(bot.Say("runtime.choice.retry"), card.Text);
        Assert.Contains(bot.Say("card.tenant-diagnosis.title"), CardQueries.Texts(card));
        var done = await ClickAsync(bot, card, "tenant.action.notNow");
        Assert.Equal(bot.Say("tenant.notNow"), done[0].Text);
        Assert.Empty(await bot.Store.ListTenantAssociationRequestsAsync(Contoso, CancellationToken.None));
    }

    [Theory]
    [InlineData("demo-kenji")]
    [InlineData("demo-ana")]
    public async Task Users_of_the_home_tenant_get_the_diagnosis_without_tenant_steps(string identity)
    {
        using var bot = await StartAsync("en-US", identity);

        var replies = await OpenTenantTopicAsync(bot);

        var texts = CardQueries.Texts(Card(bot, replies, "card.tenant-diagnosis.title"));
        var expected = identity == "demo-ana"
            ? bot.Say("tenant.finding.ok")
            : bot.Say("tenant.finding.auth.noRewardsRole", ("roles", JoinOr(bot, "role.PartnerAdmin", "role.AdminAgent", "role.GlobalAdmin")), ("holders", "Ana Ribeiro, Lena Hoffmann, Sara Lindqvist, Tomás Herrera"));
        Assert.Contains(expected, texts);
        Assert.DoesNotContain(replies, r => CardQueries.Texts(r).Contains(bot.Say("card.tenant-steps.title")));
    }

    private async Task<BotTestClient> StartAsync(string locale, string identity)
    {
        var bot = new BotTestClient(output, locale: locale, userId: identity);
        await bot.InitializeAsync();
        await bot.JoinAsync();
        return bot;
    }

    /// <summary>Another demo user joins their own conversation on the same data.</summary>
    private async Task<BotTestClient> JoinAsync(BotTestClient first, string identity, string conversationId)
    {
        var bot = new BotTestClient(output, locale: first.Locale, userId: identity, databasePath: first.DatabasePath, clock: first.Clock, conversationId: conversationId);
        await bot.InitializeAsync();
        await bot.JoinAsync();
        return bot;
    }

    /// <summary>Clicks "Can't see Rewards" on the menu (the flow's way in for recognised and unrecognised users alike).</summary>
    private static async Task<IReadOnlyList<Activity>> OpenTenantTopicAsync(BotTestClient bot)
    {
        var menu = await bot.SayAsync("hello");
        return await ClickAsync(bot, CardQueries.WithCard(menu), "card.menu.tenant");
    }

    private static async Task<IReadOnlyList<Activity>> RequestRoboticsAsync(BotTestClient bot, IReadOnlyList<Activity> diagnosisReplies)
    {
        var pick = await ClickAsync(bot, Card(bot, diagnosisReplies, "card.tenant-diagnosis.title"), "tenant.action.associateAnother");
        return await bot.ClickAsync(Card(bot, pick, "card.tenant-pick.title"), RoboticsTenant);
    }

    private static async Task<IReadOnlyList<Activity>> RequestByTenantIdAsync(BotTestClient bot, string tenantId)
    {
        var pick = await ClickAsync(bot, Card(bot, await OpenTenantTopicAsync(bot), "card.tenant-diagnosis.title"), "tenant.action.associateAnother");
        return await bot.ClickAsync(Card(bot, pick, "card.tenant-pick.title"), bot.Say("card.tenant-pick.useTenantId"), new Dictionary<string, string> { ["tenantId"] = tenantId.ToUpperInvariant() });
    }

    private static Task<IReadOnlyList<Activity>> ClickAsync(BotTestClient bot, Activity card, string titleKey) => bot.ClickAsync(card, bot.Say(titleKey));

    /// <summary>The reply carrying the card whose title is the text <paramref name="titleKey"/>.</summary>
    private static Activity Card(BotTestClient bot, IEnumerable<Activity> replies, string titleKey)
        => replies.Single(r => CardQueries.Texts(r).Contains(bot.Say(titleKey)));

    private static void AssertPortalSteps(BotTestClient bot, Activity steps)
    {
        var texts = CardQueries.Texts(steps);
        for (var i = 0; i < TenantAssociationService.PortalSteps.Count; i++)
        {
            var at = texts.ToList().IndexOf(bot.Say("tenant." + TenantAssociationService.PortalSteps[i]));
            Assert.True(at > 0, $"Step {i + 1} is missing.");
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture) + ".", texts[at - 1]);
        }
    }

    private static string Texts(IEnumerable<Activity> replies) => CardQueries.AllText(replies);

    private static string AssociateRoles(BotTestClient bot) => JoinOr(bot, "role.AccountAdmin", "role.GlobalAdmin");

    private static string JoinOr(BotTestClient bot, params string[] roleKeys)
    {
        var names = roleKeys.Select(key => bot.Say(key)).ToList();
        return string.Join(bot.Say("common.separator"), names.Take(names.Count - 1)) + bot.Say("common.or") + names[^1];
    }

    private static string FormatDate(BotTestClient bot, DateTimeOffset at)
        => at.UtcDateTime.ToString("D", CultureInfo.GetCultureInfo(BotLanguage.FromLocale(bot.Locale)));

    /// <summary>The SQLite file and its write-ahead log as they are on disk once every connection is closed.</summary>
    private static byte[] DatabaseBytes(BotTestClient bot)
    {
        SqliteConnection.ClearAllPools();
        var wal = bot.DatabasePath + "-wal";
        return [.. File.ReadAllBytes(bot.DatabasePath), .. File.Exists(wal) ? File.ReadAllBytes(wal) : []];
    }

    private static bool Contains(byte[] stored, string text)
        => stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || stored.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
