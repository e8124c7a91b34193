using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Dialogs;

/// <summary>A prompt's options as it keeps them in its state: written by hand exactly as the serializer writes them.</summary>
public sealed class PromptOptionsJsonTests
{
    [Fact]
    public void Options_with_every_property_set_are_written_as_the_serializer_writes_them()
    {
        var card = new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = JsonNode.Parse("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Tomás <b> 陳"}]}""") };
        var options = new PromptOptions
        {
            Prompt = new Activity { Type = ActivityTypes.Message, Text = "Who? <é> & 'x'", Attachments = [card], InputHint = InputHints.ExpectingInput },
            RetryPrompt = new Activity { Type = ActivityTypes.Message, Text = "Pick one \"again\"." },
            Choices = [new Choice("u-tomas") { Title = "Tomás Herrera", Synonyms = ["tomas", null!, "陳"] }, new Choice("plain"), null!, new Choice("no synonyms") { Synonyms = null! }],
            Style = ListStyle.Card,
            HelpText = "Pick a person </script>.",
            MaxAttempts = 7,
            Validations = new JsonObject { ["min"] = 2, ["list"] = new JsonArray(1, "é", null) },
        };

        // Every property of the options is set above, so one added without being written fails here.
        Assert.All(typeof(PromptOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance), property => Assert.NotNull(property.GetValue(options)));
        Assert.Equal(JsonSerializer.Serialize(options, BotJson.Options), Encoding.UTF8.GetString(options.ToJson()));
    }

    [Fact]
    public void Options_left_at_their_defaults_are_written_as_the_serializer_writes_them()
    {
        var options = new PromptOptions();

        Assert.Equal(JsonSerializer.Serialize(options, BotJson.Options), Encoding.UTF8.GetString(options.ToJson()));
    }

    [Fact]
    public void A_choice_writes_every_property_the_serializer_writes()
    {
        // The writer knows value, title, synonyms and displayText: a property added to Choice must be added to it too.
        var names = JsonNode.Parse(JsonSerializer.Serialize(new Choice("v") { Title = "t", Synonyms = ["s"] }, BotJson.Options))!.AsObject().Select(p => p.Key);

        Assert.Equal(["value", "title", "synonyms", "displayText"], names);
    }

    [Fact]
    public void Options_read_back_from_their_written_text_equal_the_options_written()
    {
        var options = new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity("Which one?"),
            Choices = [new Choice("a") { Title = "A", Synonyms = ["first"] }],
            Style = ListStyle.SuggestedAction,
            MaxAttempts = 2,
        };

        var read = JsonSerializer.Deserialize<PromptOptions>(options.ToJson(), BotJson.Options)!;

        Assert.Equal("Which one?", read.Prompt!.Text);
        var choice = Assert.Single(read.Choices!);
        Assert.Equal(("a", "A", "first"), (choice.Value, choice.Title, Assert.Single(choice.Synonyms)));
        Assert.Equal(ListStyle.SuggestedAction, read.Style);
        Assert.Equal(2, read.MaxAttempts);
    }
}
