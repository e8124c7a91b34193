using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.State;
using Xunit.Abstractions;
using static RewardsBot.Runtime.Tests.Dialogs.DialogTestSupport;

namespace RewardsBot.Runtime.Tests.Dialogs;

public class InterruptionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("help", "en-US")]
    [InlineData("aide", "fr-FR")]
    [InlineData("說明", "zh-TW")]
    [InlineData("HELP!", "fr-FR")]
    public async Task Help_gives_the_steps_help_then_asks_the_same_question(string command, string locale)
    {
        var client = Client(new ContactFormDialog(), output, locale);
        await client.SendActivityAsync("hi");

        var help = await client.SendActivityAsync(command);

        Assert.Equal(ContactFormDialog.NameHelp, help!.Text);
        Assert.Equal("Who is the contact?", client.GetNextReply()!.Text);
        Assert.Null(client.GetNextReply());
    }

    [Fact]
    public async Task A_name_containing_help_is_an_answer_not_a_command()
    {
        var client = Client(new ContactFormDialog(), output);
        await client.SendActivityAsync("hi");

        Assert.Equal("Their email?", (await client.SendActivityAsync("Help Desk Inc"))!.Text);
    }

    [Fact]
    public async Task Cancel_before_any_answer_ends_at_once()
    {
        var client = Client(new ContactFormDialog(), output);
        await client.SendActivityAsync("hi");

        var reply = await client.SendActivityAsync("cancel");

        Assert.Equal(Text(PromptText.Cancelled), reply!.Text);
        Assert.Equal(DialogTurnStatus.Cancelled, client.DialogTurnResult!.Status);
    }

    [Theory]
    [InlineData("yes", DialogTurnStatus.Cancelled)]
    [InlineData("no", DialogTurnStatus.Waiting)]
    public async Task Cancel_after_some_answers_asks_for_confirmation_first(string answer, DialogTurnStatus expected)
    {
        var client = Client(new ContactFormDialog(), output);
        await client.SendActivityAsync("hi");
        await client.SendActivityAsync("Ana Lopez");

        var confirm = await client.SendActivityAsync("cancel");
        var outcome = await client.SendActivityAsync(answer);

        Assert.Equal(Text(PromptText.CancelConfirm), confirm!.Text);
        Assert.Equal(expected, client.DialogTurnResult!.Status);
        if (expected == DialogTurnStatus.Waiting)
        {
            Assert.Equal(Text(PromptText.NotCancelled), outcome!.Text);
            Assert.Equal("Their email?", client.GetNextReply()!.Text);
            Assert.Equal("Their phone?", (await client.SendActivityAsync("ana@contoso.com"))!.Text);
        }
        else
        {
            Assert.Equal(Text(PromptText.Cancelled), outcome!.Text);
        }
    }

    [Fact]
    public async Task Start_over_goes_back_to_the_first_question()
    {
        var client = Client(new ContactFormDialog(), output, "fr-FR");
        await client.SendActivityAsync("salut");
        await client.SendActivityAsync("Ana Lopez");

        var reply = await client.SendActivityAsync("recommencer");

        Assert.Equal(Text(PromptText.StartingOver, "fr-FR"), reply!.Text);
        Assert.Equal("Who is the contact?", client.GetNextReply()!.Text);
    }

    [Fact]
    public async Task Command_buttons_work_like_typed_commands()
    {
        var client = Client(new ContactFormDialog(), output, "zh-TW");
        await client.SendActivityAsync("你好");

        var reply = await client.SendActivityAsync(Submit(client, new JsonObject { [CardSubmission.ActionKey] = "cancel" }));

        Assert.Equal(Text(PromptText.Cancelled, "zh-TW"), reply!.Text);
        Assert.Equal(DialogTurnStatus.Cancelled, client.DialogTurnResult!.Status);
    }

    [Fact]
    public async Task Inside_a_nested_component_commands_are_handled_once_by_the_outermost()
    {
        var client = Client(new MenuDialog(), output);
        await client.SendActivityAsync("hi");
        Assert.Equal("Who is the contact?", (await client.SendActivityAsync("1"))!.Text);
        await client.SendActivityAsync("Ana Lopez");

        var help = await client.SendActivityAsync("help");
        Assert.Equal(Text(PromptText.HelpDefault), help!.Text);
        Assert.Equal("Their email?", client.GetNextReply()!.Text);
        Assert.Null(client.GetNextReply());

        Assert.Equal(Text(PromptText.CancelConfirm), (await client.SendActivityAsync("annuler"))!.Text);
        await client.SendActivityAsync("oui");
        Assert.Equal(DialogTurnStatus.Cancelled, client.DialogTurnResult!.Status);
    }

    [Fact]
    public async Task The_stack_survives_a_restart_over_sqlite()
    {
        using var folder = new TempFolder();
        var connection = $"Data Source={folder.File("state.db")}";
        using (var storage = new SqliteStorage(connection))
        {
            var before = Client(new MenuDialog(), output, storage: storage);
            await before.SendActivityAsync("hi");
            await before.SendActivityAsync("Marketing contact");
            await before.SendActivityAsync("Ana Lopez");
        }

        using var reopened = new SqliteStorage(connection);
        var after = Client(new MenuDialog(), output, storage: reopened);

        Assert.Equal("Their phone?", (await after.SendActivityAsync("ana@contoso.com"))!.Text);
        await after.SendActivityAsync("+1 425 555 0100");
        await after.SendActivityAsync("English");
        Assert.Equal("menu done", (await after.SendActivityAsync("yes"))!.Text);
    }
}
