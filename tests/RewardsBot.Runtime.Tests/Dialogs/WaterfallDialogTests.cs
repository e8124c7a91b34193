using RewardsBot.Runtime.Dialogs;
using Xunit.Abstractions;
using static RewardsBot.Runtime.Tests.Dialogs.DialogTestSupport;

namespace RewardsBot.Runtime.Tests.Dialogs;

public class WaterfallDialogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Steps_run_in_order_and_the_typed_state_survives_every_turn()
    {
        var client = Client(new ContactFormDialog(), output);

        Assert.Equal("Who is the contact?", (await client.SendActivityAsync("hi"))!.Text);
        Assert.Equal("Their email?", (await client.SendActivityAsync("Ana Lopez"))!.Text);
        Assert.Equal("Their phone?", (await client.SendActivityAsync("ana@contoso.com"))!.Text);
        Assert.Equal("Their preferred language?", (await client.SendActivityAsync("+1 (425) 555-0100"))!.Text);
        Assert.Equal("Assign Ana Lopez?", (await client.SendActivityAsync("French"))!.Text);
        await client.SendActivityAsync("yes");

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        var form = Assert.IsType<ContactForm>(client.DialogTurnResult.Result);
        Assert.Equal(("Ana Lopez", "ana@contoso.com", "+14255550100", "fr", true), (form.Name, form.Email, form.Phone, form.Language, form.Confirmed));
        Assert.Equal(["name", "email", "phone", "language"], form.History);
        Assert.Equal(5_000_000_000L, form.CorrelationNumber);
    }

    [Fact]
    public async Task Questions_whose_answers_are_known_are_skipped()
    {
        var known = new ContactForm { Name = "Ana Lopez", Email = "ana@contoso.com", Language = "fr" };
        var client = Client(new ContactFormDialog(), output, options: known);

        Assert.Equal("Their phone?", (await client.SendActivityAsync("hi"))!.Text);
        Assert.Equal("Assign Ana Lopez?", (await client.SendActivityAsync("+33 1 23 45 67 89"))!.Text);
    }

    [Fact]
    public async Task Calling_next_twice_in_one_step_is_refused_with_a_fix()
    {
        var dialog = new WaterfallDialog("w", [async (step, ct) =>
        {
            await step.NextAsync(null, ct);
            return await step.NextAsync(null, ct);
        }]);
        var client = Client(dialog, output);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendActivityAsync("go"));
        Assert.Contains("NextAsync twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beginning_an_unknown_dialog_says_to_add_it()
    {
        var dialog = new WaterfallDialog("w", [(step, ct) => step.BeginDialogAsync("nowhere", null, ct)]);
        var client = Client(dialog, output);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendActivityAsync("go"));
        Assert.Contains("AddDialog()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_two_dialogs_with_one_id_is_refused()
    {
        var set = new DialogSet();
        set.Add(new WaterfallDialog("same"));

        var error = Assert.Throws<ArgumentException>(() => set.Add(new WaterfallDialog("same")));
        Assert.Contains("distinct id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_ends_the_active_dialog_and_begins_another()
    {
        var dialog = new WaterfallDialog("first", [(step, ct) => step.ReplaceDialogAsync("second", null, ct)]);
        var second = new WaterfallDialog("second", [async (step, ct) =>
        {
            await step.Context.SendActivityAsync("second started", cancellationToken: ct);
            return await step.EndDialogAsync("done", ct);
        }]);
        var root = new RootWith(dialog, second);
        var client = Client(root, output);

        Assert.Equal("second started", (await client.SendActivityAsync("go"))!.Text);
        Assert.Equal(("done", DialogTurnStatus.Complete), (client.DialogTurnResult!.Result, client.DialogTurnResult.Status));
    }

    private sealed class RootWith : ComponentDialog
    {
        public RootWith(params Dialog[] dialogs)
            : base("root")
        {
            foreach (var dialog in dialogs)
            {
                AddDialog(dialog);
            }
        }
    }
}
