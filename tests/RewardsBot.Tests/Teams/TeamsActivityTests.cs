using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Dialogs.Content;
using RewardsBot.Rewards.Demo;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RewardsBot.Tests.Teams;

/// <summary>
/// The product's bot in the host, spoken to with Teams-shaped activities (protocol reference §7): who the user is,
/// mentions, install events, card clicks in Teams' shapes, and the update (PUT) that turns an answered form into its
/// read-only summary. Replies arrive at a Connector on loopback, as they would at Teams' service URL.
/// </summary>
public sealed class TeamsActivityTests(ITestOutputHelper output) : LoopbackBotTest
{
    private const string Locale = "en-US";
    private const string Description = "Review the deployment plan of our SaaS offer";

    private static string Say(string key, params (string Name, object? Value)[] values) => BotTexts.Default.Get(key, Locale, values);

    private async Task<PartnerUser> DemoUserAsync(string demoId)
        => (await Host.Services.GetRequiredService<IRewardsStore>().GetUserAsync(DemoData.Identities.Single(i => i.Id == demoId).UserId, default))!;

    /// <summary>A personal chat with the demo identity's Teams user (its Entra object id, in its tenant).</summary>
    private async Task<TeamsChat> ChatAsAsync(string demoId, string? teamsUserId = null)
    {
        var user = await DemoUserAsync(demoId);
        return new TeamsChat(Connector.ServiceUrl, user.EntraObjectId!, user.TenantId, userId: teamsUserId);
    }

    /// <summary>Posts <paramref name="activity"/> and returns what reached the Connector for it (new activities and updates).</summary>
    private async Task<IReadOnlyList<ReceivedActivity>> PostAsync(Activity activity, int expected)
    {
        var before = Connector.Received.Count;
        using var response = await Host.Client.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Connector.WaitForAsync(before + expected);
        var received = Connector.Received.Skip(before).ToList();
        foreach (var r in received)
        {
            output.WriteLine($"{r.Method} {r.RawPath} ← {activity.Type} '{activity.Text}': {Summary(r.Activity)}");
        }

        Assert.Equal(expected, received.Count);
        WireCards.AssertAllValid(received.Select(r => r.Activity));
        return received;
    }

    private static string Summary(Activity reply)
        => reply.Attachments is { Count: > 0 } ? "card «" + string.Join(" | ", WireCards.Texts(WireCards.Cards(reply)[0]).Take(2)) + "»" : reply.Text ?? "";

    private static string Heading(ReceivedActivity reply) => WireCards.Texts(WireCards.SingleCard(reply.Activity))[0];

    private static bool HasHeading(ReceivedActivity reply, string heading)
        => reply.Activity.Attachments is { Count: 1 } && WireCards.Texts(WireCards.SingleCard(reply.Activity)) is [var first, ..] && first == heading;

    /// <summary>Joins the chat (install) and returns the menu card the welcome ends with.</summary>
    private async Task<ReceivedActivity> JoinAsync(TeamsChat chat)
    {
        var joined = await PostAsync(chat.InstallationUpdate(), expected: 2);
        Assert.Equal(Say("main.menu.heading"), Heading(joined[1]));
        return joined[1];
    }

    /// <summary>
    /// Clicks "Technical help" on the menu card (a plain submit unless <paramref name="shape"/> says otherwise): the
    /// menu is replaced by its answered copy (PUT), then the form card arrives.
    /// </summary>
    private async Task<ReceivedActivity> OpenTechnicalHelpFormAsync(TeamsChat chat, ReceivedActivity menu, SubmitShape shape = SubmitShape.Plain)
    {
        var data = ButtonData(menu, Say("card.menu.techHelp"));
        var click = shape == SubmitShape.Plain ? chat.Submit(menu.AssignedId, data) : chat.MessageBack(menu.AssignedId, Say("card.menu.techHelp"), data);
        var replies = await PostAsync(click, expected: 2);
        Assert.Equal(("PUT", menu.AssignedId), (replies[0].Method, replies[0].AssignedId));
        Assert.Equal(Say("card.techhelp-form.title"), Heading(replies[1]));
        return replies[1];
    }

    private static JsonObject ButtonData(ReceivedActivity card, string title)
        => (JsonObject)WireCards.Button(WireCards.SingleCard(card.Activity), title)["data"]!.DeepClone();

    [Fact]
    public async Task The_user_is_the_one_the_entra_object_id_and_tenant_name_whatever_the_teams_user_id()
    {
        var ana = await DemoUserAsync("demo-ana");
        // "demo-kenji" would name Kenji over the Emulator; in Teams only from.aadObjectId + channelData.tenant.id count.
        var chat = await ChatAsAsync("demo-ana", teamsUserId: "demo-kenji");

        var joined = await PostAsync(chat.InstallationUpdate(), expected: 2);

        Assert.Contains(Say("main.welcome.signedInAs", ("name", ana.Name), ("company", "Contoso Analytics")), WireCards.Texts(WireCards.SingleCard(joined[0].Activity)));
        Assert.All(joined, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal(Channels.Msteams, r.Activity.ChannelId);
            Assert.Equal(chat.User.Id, r.Activity.Recipient!.Id);
            Assert.Equal(chat.ConversationId, r.Activity.Conversation!.Id);
        });
    }

    [Fact]
    public async Task The_same_object_id_in_an_unknown_tenant_is_not_that_user_and_is_led_to_the_tenant_diagnosis()
    {
        var ana = await DemoUserAsync("demo-ana");
        var unknownTenant = Guid.NewGuid().ToString();
        var chat = new TeamsChat(Connector.ServiceUrl, ana.EntraObjectId!, unknownTenant);

        var joined = await PostAsync(chat.InstallationUpdate(), expected: 2);
        var benefits = await PostAsync(chat.Message("benefits"), expected: 4); // why, the diagnosis, the portal steps, the menu

        var welcome = WireCards.Texts(WireCards.SingleCard(joined[0].Activity));
        Assert.Contains(Say("refusal.identity.unknownTenant"), welcome);
        Assert.DoesNotContain(welcome, text => text.Contains(ana.Name, StringComparison.Ordinal));
        Assert.Equal(Say("refusal.identity.unknownTenant"), benefits[0].Activity.Text);
        Assert.Contains(Say("tenant.finding.tenant.unknown", ("tenantId", unknownTenant)), WireCards.Texts(WireCards.SingleCard(benefits[1].Activity)));
        Assert.True(HasHeading(benefits[^1], Say("main.menu.again")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Install_and_conversation_update_welcome_once_whichever_comes_first(bool installationFirst)
    {
        var chat = await ChatAsAsync("demo-ana");
        Activity[] events = installationFirst ? [chat.InstallationUpdate(), chat.BotAndUserAdded()] : [chat.BotAndUserAdded(), chat.InstallationUpdate()];

        var first = await PostAsync(events[0], expected: 2);
        var second = await PostAsync(events[1], expected: 0);

        Assert.Equal(Say("card.welcome.title"), Heading(first[0]));
        Assert.Equal(Say("main.menu.heading"), Heading(first[1]));
        Assert.Empty(second);
        Assert.All(first, r => Assert.Equal(events[0].Id, r.Activity.ReplyToId));
    }

    [Fact]
    public async Task Removing_the_app_sends_nothing()
    {
        var chat = await ChatAsAsync("demo-ana");

        var removed = await PostAsync(chat.InstallationUpdate("remove"), expected: 0);
        var message = await PostAsync(chat.Message("help"), expected: 2);

        Assert.Empty(removed);
        Assert.Equal(Say("card.welcome.title"), Heading(message[0])); // the first message of the chat still gets the welcome
    }

    [Fact]
    public async Task A_mention_of_the_bot_is_stripped_so_an_exact_command_still_counts()
    {
        var chat = await ChatAsAsync("demo-ana");
        await JoinAsync(chat);

        // Only a message that is nothing but a language name switches language: the <at> tag must be gone.
        var switched = await PostAsync(chat.MessageMentioningTheBot("français"), expected: 2);

        Assert.Equal(BotTexts.Default.Get("main.language.switched", "fr"), switched[0].Activity.Text);
        Assert.Equal("fr", switched[0].Activity.Locale);
    }

    [Fact]
    public async Task A_mention_before_a_topic_runs_that_topic()
    {
        var chat = await ChatAsAsync("demo-ana");
        await JoinAsync(chat);

        var replies = await PostAsync(chat.MessageMentioningTheBot("am I eligible?"), expected: 2);

        Assert.Equal(Say("card.eligibility.title"), Heading(replies[0]));
    }

    public enum SubmitShape
    {
        Plain,
        MessageBack,
    }

    [Theory]
    [InlineData(SubmitShape.Plain)]
    [InlineData(SubmitShape.MessageBack)]
    public async Task The_technical_help_menu_button_and_form_submitted_in_teams_shapes_file_the_request(SubmitShape shape)
    {
        var chat = await ChatAsAsync("demo-ana");
        var menu = await JoinAsync(chat);
        var form = await OpenTechnicalHelpFormAsync(chat, menu, shape);
        var submitData = ButtonData(form, Say("card.techhelp-form.submit"));
        var inputs = new JsonObject { ["stage"] = "Deployment", ["description"] = Description };
        Activity submit;
        if (shape == SubmitShape.Plain)
        {
            foreach (var (key, value) in inputs)
            {
                submitData[key] = value!.DeepClone();
            }

            submit = chat.Submit(form.AssignedId, submitData);
        }
        else
        {
            submit = chat.MessageBack(form.AssignedId, Say("card.techhelp-form.submit"), submitData, inputs);
        }

        var answered = await PostAsync(submit, expected: 3); // the form's update, the receipt, the menu

        Assert.Equal(("PUT", form.AssignedId), (answered[0].Method, answered[0].AssignedId));
        Assert.Equal(Say("card.techhelp-receipt.title"), Heading(answered[1]));
        var requests = await Host.Services.GetRequiredService<IRewardsStore>().ListTechnicalHelpRequestsAsync("contoso", default);
        var request = Assert.Single(requests);
        Assert.Equal(Description, request.Description);
    }

    [Fact]
    public async Task An_im_back_click_is_read_as_the_words_it_sends()
    {
        var chat = await ChatAsAsync("demo-ana");
        var menu = await JoinAsync(chat);

        var replies = await PostAsync(chat.ImBack(menu.AssignedId, Say("card.menu.eligibility")), expected: 2);

        Assert.Equal(Say("card.eligibility.title"), Heading(replies[0]));
        Assert.True(HasHeading(replies[1], Say("main.menu.again")));
    }

    [Fact]
    public async Task A_submitted_technical_help_form_is_replaced_in_teams_by_its_read_only_summary()
    {
        var chat = await ChatAsAsync("demo-ana");
        var menu = await JoinAsync(chat);
        var form = await OpenTechnicalHelpFormAsync(chat, menu);
        var data = ButtonData(form, Say("card.techhelp-form.submit"));
        data["stage"] = "Deployment";
        data["description"] = Description;

        var answered = await PostAsync(chat.Submit(form.AssignedId, data), expected: 3); // the form's update, the receipt, the menu

        var update = Assert.Single(Connector.Updates, u => u.AssignedId == form.AssignedId);
        Assert.Same(answered[0], update);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(chat.ConversationId)}/activities/{form.AssignedId}", update.RawPath);
        Assert.Equal(form.AssignedId, update.Activity.Id);
        Assert.Equal(chat.ConversationId, update.Activity.Conversation!.Id);
        var summary = WireCards.SingleCard(update.Activity);
        var json = summary.ToJsonString();
        Assert.DoesNotContain("\"Input.", json, StringComparison.Ordinal);
        Assert.Empty(WireCards.Submits(summary));
        Assert.Equal(
            [(Say("card.techhelp-form.stageLabel"), Say("stage.Deployment")), (Say("card.techhelp-form.descriptionLabel"), Description)],
            WireCards.Facts(summary));
        Assert.Equal("\u2713 " + Say("card.techhelp-form.submit"), WireCards.Texts(summary)[^1]);
        Assert.Equal("POST", answered[1].Method);
        Assert.Equal(Say("card.techhelp-receipt.title"), Heading(answered[1]));
        Assert.True(HasHeading(answered[2], Say("main.menu.again")));

        // The menu clicked before it was replaced the same way, naming the button used.
        var menuUpdate = Assert.Single(Connector.Updates, u => u.AssignedId == menu.AssignedId);
        Assert.Empty(WireCards.Submits(WireCards.SingleCard(menuUpdate.Activity)));
        Assert.Contains("\u2713 " + Say("card.menu.techHelp"), WireCards.Texts(WireCards.SingleCard(menuUpdate.Activity)));
    }

    [Fact]
    public async Task A_second_click_on_the_replaced_form_files_nothing_more()
    {
        var chat = await ChatAsAsync("demo-ana");
        var menu = await JoinAsync(chat);
        var form = await OpenTechnicalHelpFormAsync(chat, menu);
        var data = ButtonData(form, Say("card.techhelp-form.submit"));
        data["stage"] = "Design";
        data["description"] = Description;
        await PostAsync(chat.Submit(form.AssignedId, data), expected: 3);

        // A client that still shows the old card (offline when the update came) clicks again.
        var again = await PostAsync(chat.Submit(form.AssignedId, (JsonObject)data.DeepClone()), expected: 2);

        Assert.Equal(Say("runtime.cardNoLongerActive"), again[0].Activity.Text);
        Assert.Single(await Host.Services.GetRequiredService<IRewardsStore>().ListTechnicalHelpRequestsAsync("contoso", default));
    }
}
