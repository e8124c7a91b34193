using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;
using Xunit.Abstractions;
using static RewardsBot.Runtime.Tests.Dialogs.DialogTestSupport;

namespace RewardsBot.Runtime.Tests.Dialogs;

/// <summary>Validators, maximum attempts, card submits (fresh, stale, repeated, Teams shapes) and form cards.</summary>
public class ValidationAndCardTests(ITestOutputHelper output)
{
    private static ComponentDialog TwoQuestions(Dialog first, PromptOptions firstOptions, Dialog second, PromptOptions secondOptions)
    {
        var root = new ComponentDialog("root");
        root.AddDialog(new WaterfallDialog("steps",
        [
            (step, ct) => step.PromptAsync(first.Id, firstOptions, ct),
            (step, ct) =>
            {
                step.Values["first"] = JsonValue.Create(step.Result?.ToString());
                return step.PromptAsync(second.Id, secondOptions, ct);
            },
            (step, ct) => step.EndDialogAsync(step.Values["first"] + "|" + step.Result, ct),
        ]));
        root.AddDialog(first);
        root.AddDialog(second);
        return root;
    }

    private static PromptOptions CardQuestion(string text) => new()
    {
        Prompt = Activity.CreateMessageActivity(text),
        Style = ListStyle.Card,
        Choices = [new Choice("alpha"), new Choice("beta")],
    };

    [Fact]
    public async Task A_refusing_validator_gives_exactly_one_reply_with_its_reason()
    {
        var prompt = new NumberPrompt<int>("age", (context, _) =>
        {
            context.RetryMessage = context.Recognized.Value < 18 ? "Must be 18 or more." : null;
            return Task.FromResult(context.Recognized.Value >= 18);
        });
        var client = Client(TwoQuestions(prompt, new PromptOptions { Prompt = Activity.CreateMessageActivity("Age?") }, new TextPrompt("t"), new PromptOptions { Prompt = Activity.CreateMessageActivity("Name?") }), output);
        await client.SendActivityAsync("start");

        var retry = await client.SendActivityAsync("12");

        Assert.Equal("Must be 18 or more.", retry!.Text);
        Assert.Null(client.GetNextReply());
        Assert.Equal("Name?", (await client.SendActivityAsync("30"))!.Text);
    }

    [Fact]
    public async Task The_validator_sees_the_attempt_count()
    {
        var attempts = new List<int>();
        var prompt = new TextPrompt("t", (context, _) =>
        {
            attempts.Add(context.AttemptCount);
            return Task.FromResult(context.AttemptCount == 3);
        });
        var client = Client(TwoQuestions(prompt, new PromptOptions { Prompt = Activity.CreateMessageActivity("Q1"), MaxAttempts = 5 }, new TextPrompt("t2"), new PromptOptions { Prompt = Activity.CreateMessageActivity("Q2") }), output);
        await client.SendActivityAsync("start");

        await client.SendActivityAsync("a");
        await client.SendActivityAsync("b");
        var next = await client.SendActivityAsync("c");

        Assert.Equal([1, 2, 3], attempts);
        Assert.Equal("Q2", next!.Text);
    }

    [Fact]
    public async Task After_the_maximum_attempts_the_prompt_gives_up_with_a_way_out()
    {
        var client = Client(TwoQuestions(new NumberPrompt<int>("n"), new PromptOptions { Prompt = Activity.CreateMessageActivity("How many?"), MaxAttempts = 3 }, new TextPrompt("t"), new PromptOptions()), output);
        await client.SendActivityAsync("start");

        Assert.Equal(Text(PromptText.NumberRetry), (await client.SendActivityAsync("lots"))!.Text);
        Assert.Equal(Text(PromptText.NumberRetry), (await client.SendActivityAsync("plenty"))!.Text);
        var last = await client.SendActivityAsync("a few");

        Assert.Equal(Text(PromptText.TooManyAttempts), last!.Text);
        Assert.Null(client.GetNextReply());
        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Same(DialogResults.Abandoned, client.DialogTurnResult.Result);
    }

    [Fact]
    public async Task A_click_on_the_current_card_answers_and_the_same_card_clicked_again_is_stale()
    {
        var client = Client(TwoQuestions(new ChoicePrompt("c1"), CardQuestion("First?"), new ChoicePrompt("c2"), CardQuestion("Second?")), output);
        var firstCard = (await client.SendActivityAsync("start"))!;
        var owner = CardOwner(firstCard);

        var second = await client.SendActivityAsync(Submit(client, new JsonObject { ["answer"] = "beta", [CardSubmission.DialogKey] = owner }));
        var stale = await client.SendActivityAsync(Submit(client, new JsonObject { ["answer"] = "alpha", [CardSubmission.DialogKey] = owner }));
        var reasked = client.GetNextReply();

        Assert.Equal("Second?", second!.Text);
        Assert.Equal(Text(PromptText.CardNoLongerActive), stale!.Text);
        Assert.Equal("Second?", reasked!.Text);
        Assert.NotEqual(owner, CardOwner(reasked));
        Assert.Equal(DialogTurnStatus.Waiting, client.DialogTurnResult!.Status);

        await client.SendActivityAsync(Submit(client, new JsonObject { ["answer"] = "alpha", [CardSubmission.DialogKey] = CardOwner(reasked) }));
        Assert.Equal("FoundChoice { Index = 1, Value = beta }|FoundChoice { Index = 0, Value = alpha }", client.DialogTurnResult!.Result);
    }

    [Fact]
    public async Task Typing_where_a_click_was_expected_works()
    {
        var client = Client(TwoQuestions(new ChoicePrompt("c1"), CardQuestion("First?"), new TextPrompt("t"), new PromptOptions { Prompt = Activity.CreateMessageActivity("Then?") }), output);
        await client.SendActivityAsync("start");

        Assert.Equal("Then?", (await client.SendActivityAsync("beta"))!.Text);
    }

    [Fact]
    public async Task A_click_where_typing_was_expected_works_including_teams_message_back()
    {
        var card = new Activity
        {
            Text = "Company name?",
            Attachments = [new Attachment
            {
                ContentType = ContentTypes.AdaptiveCard,
                Content = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"answer","label":"Name"}],"actions":[{"type":"Action.Submit","title":"OK","data":{"msteams":{"type":"messageBack","value":{"step":"name"}}}}]}"""),
            }],
        };
        var client = Client(TwoQuestions(new TextPrompt("t1"), new PromptOptions { Prompt = card }, new TextPrompt("t2"), new PromptOptions { Prompt = Activity.CreateMessageActivity("Next?") }), output, channelId: Channels.Msteams);
        var sent = (await client.SendActivityAsync("start"))!;
        var stampedTeamsValue = sent.Attachments![0].Content!["actions"]![0]!["data"]!["msteams"]!["value"]!;

        // Teams messageBack: the bot gets the msteams value (with the stamp) and the inputs.
        var submit = client.Adapter.MakeActivity();
        submit.Value = new JsonObject { ["step"] = "name", [CardSubmission.DialogKey] = stampedTeamsValue[CardSubmission.DialogKey]!.GetValue<string>(), ["answer"] = "Help Desk Inc" };
        var next = await client.SendActivityAsync(submit);

        Assert.Equal("Next?", next!.Text);
        await client.SendActivityAsync("x");
        Assert.Equal("Help Desk Inc|x", client.DialogTurnResult!.Result);
    }

    private sealed record Contact(string Email, string Phone);

    private sealed class ContactFormCard : IFormDefinition<Contact>
    {
        public Activity Render(ITurnContext turnContext, JsonObject values, IReadOnlyDictionary<string, string> errors)
        {
            JsonObject Input(string id, string label) => new()
            {
                ["type"] = "Input.Text",
                ["id"] = id,
                ["label"] = label,
                ["value"] = values[id]?.GetValue<string>() ?? "",
                ["errorMessage"] = errors.TryGetValue(id, out var error) ? error : "Required",
                ["isRequired"] = true,
            };

            var card = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["version"] = "1.5",
                ["body"] = new JsonArray(Input("email", "Email"), Input("phone", "Phone")),
                ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Submit", ["title"] = "Save" }),
            };
            return new Activity { Text = "Contact details", Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = card }] };
        }

        public FormValidation<Contact> Validate(ITurnContext turnContext, JsonObject values)
        {
            var errors = new Dictionary<string, string>();
            var email = values["email"]?.GetValue<string>() ?? "";
            var phone = values["phone"]?.GetValue<string>() ?? "";
            if (!email.Contains('@', StringComparison.Ordinal))
            {
                errors["email"] = "Enter an email address.";
            }

            if (phone.Length < 6)
            {
                errors["phone"] = "Enter a phone number.";
            }

            return errors.Count == 0 ? new FormValidation<Contact> { Value = new Contact(email, phone) } : new FormValidation<Contact> { Errors = errors };
        }
    }

    [Fact]
    public async Task A_form_card_answers_a_step_in_one_go_and_comes_back_with_values_and_errors_when_wrong()
    {
        var form = new FormPrompt<Contact>("form", new ContactFormCard());
        var client = Client(TwoQuestions(form, new PromptOptions(), new TextPrompt("t"), new PromptOptions { Prompt = Activity.CreateMessageActivity("Done?") }), output);
        var card = (await client.SendActivityAsync("start"))!;

        var back = await client.SendActivityAsync(Submit(client, new JsonObject { ["email"] = "not-an-email", ["phone"] = "+33123456789", [CardSubmission.DialogKey] = CardOwner(card) }));

        Assert.Null(client.GetNextReply());
        Assert.Equal(Text(PromptText.FormHasErrors), back!.Text);
        var inputs = back.Attachments![0].Content!["body"]!.AsArray();
        Assert.Equal("not-an-email", inputs[0]!["value"]!.GetValue<string>());
        Assert.Equal("Enter an email address.", inputs[0]!["errorMessage"]!.GetValue<string>());
        Assert.Equal("+33123456789", inputs[1]!["value"]!.GetValue<string>());

        var typed = await client.SendActivityAsync("ana@contoso.com");
        Assert.Equal(Text(PromptText.FormUseTheCard), typed!.Text);

        var next = await client.SendActivityAsync(Submit(client, new JsonObject { ["email"] = "ana@contoso.com", ["phone"] = "+33123456789", [CardSubmission.DialogKey] = CardOwner(typed) }));
        Assert.Equal("Done?", next!.Text);
    }

    [Fact]
    public async Task A_stale_card_after_the_conversation_ended_is_answered_and_the_dialog_begins_again()
    {
        var client = Client(TwoQuestions(new ChoicePrompt("c1"), CardQuestion("First?"), new TextPrompt("t"), new PromptOptions { Prompt = Activity.CreateMessageActivity("Then?") }), output);
        var owner = CardOwner((await client.SendActivityAsync("start"))!);
        await client.SendActivityAsync("alpha");
        await client.SendActivityAsync("done");
        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);

        var stale = await client.SendActivityAsync(Submit(client, new JsonObject { ["answer"] = "beta", [CardSubmission.DialogKey] = owner }));

        Assert.Equal(Text(PromptText.CardNoLongerActive), stale!.Text);
        Assert.Equal("First?", client.GetNextReply()!.Text);
    }

    [Fact]
    public async Task In_teams_an_answered_form_card_is_replaced_by_a_read_only_copy_with_the_values()
    {
        var form = new FormPrompt<Contact>("form", new ContactFormCard());
        var client = Client(TwoQuestions(form, new PromptOptions(), new TextPrompt("t"), new PromptOptions { Prompt = Activity.CreateMessageActivity("Done?") }), output, channelId: Channels.Msteams);
        var card = (await client.SendActivityAsync("start"))!;
        var submit = client.Adapter.MakeActivity();
        submit.Value = new JsonObject { ["email"] = "ana@contoso.com", ["phone"] = "+33123456789", [CardSubmission.DialogKey] = CardOwner(card) };
        submit.ReplyToId = card.Id;

        var next = await client.SendActivityAsync(submit);

        Assert.Equal("Done?", next!.Text);
        var update = Assert.Single(client.Adapter.Updated);
        Assert.Equal(card.Id, update.Key);
        var replaced = update.Value.Attachments![0].Content!.AsObject();
        Assert.Null(replaced["actions"]);
        var json = replaced.ToJsonString();
        Assert.DoesNotContain("Input.", json, StringComparison.Ordinal);
        Assert.Contains("ana@contoso.com", json, StringComparison.Ordinal);
        Assert.Equal("\u2713 Save", replaced["body"]!.AsArray()[^1]!["text"]!.GetValue<string>());
        Assert.True(new RewardsBot.Runtime.Testing.Schemas.AdaptiveCardValidator().Validate(replaced).IsValid);
    }

    [Fact]
    public async Task Outside_teams_and_for_typed_answers_no_card_is_updated()
    {
        var form = new FormPrompt<Contact>("form", new ContactFormCard());
        var client = Client(TwoQuestions(form, new PromptOptions(), new TextPrompt("t"), new PromptOptions { Prompt = Activity.CreateMessageActivity("Done?") }), output, channelId: Channels.Webchat);
        var card = (await client.SendActivityAsync("start"))!;
        var submit = Submit(client, new JsonObject { ["email"] = "ana@contoso.com", ["phone"] = "+33123456789", [CardSubmission.DialogKey] = CardOwner(card) });
        submit.ReplyToId = card.Id;

        Assert.Equal("Done?", (await client.SendActivityAsync(submit))!.Text);
        Assert.Empty(client.Adapter.Updated);
    }
}
