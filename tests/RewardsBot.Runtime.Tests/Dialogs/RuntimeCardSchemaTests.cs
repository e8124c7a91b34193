using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing.Schemas;
using Xunit.Abstractions;
using static RewardsBot.Runtime.Tests.Dialogs.DialogTestSupport;

namespace RewardsBot.Runtime.Tests.Dialogs;

/// <summary>Cards the dialog runtime sends itself are valid Adaptive Cards 1.5, as sent (stamped with the prompt's id).</summary>
public class RuntimeCardSchemaTests(ITestOutputHelper output)
{
    private static readonly AdaptiveCardValidator Validator = new();

    [Theory]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public async Task The_choice_card_a_prompt_sends_passes_the_schema_and_the_card_checks(string locale)
    {
        var root = new RewardsBot.Runtime.Dialogs.ComponentDialog("root");
        root.AddDialog(new RewardsBot.Runtime.Dialogs.WaterfallDialog("ask", [(step, ct) => step.PromptAsync("choice", new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity("Which benefit?"),
            Style = ListStyle.Card,
            Choices = [new Choice("listing-review") { Title = "Listing review" }, new Choice("press-release") { Title = "Communiqué de presse" }, new Choice("azure") { Title = "Azure 贊助" }],
        }, ct)]));
        root.AddDialog(new ChoicePrompt("choice"));

        var sent = await Client(root, output, locale).SendActivityAsync("start");
        var card = Assert.Single(sent!.Attachments!).Content!;
        var result = Validator.Validate(card);

        Assert.True(result.IsValid, result.ToString());
    }
}
