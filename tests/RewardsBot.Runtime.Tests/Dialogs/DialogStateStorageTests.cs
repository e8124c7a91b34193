using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Dialogs;

/// <summary>
/// The dialog stack as stored between turns: the JSON the reflection serializer wrote for the classes of the earlier
/// builds, read and written both ways, so a conversation continues across an upgrade (and a downgrade).
/// </summary>
public sealed class DialogStateStorageTests
{
    /// <summary>A component with a prompt (a card in its options) on a waterfall, as a contact flow leaves it.</summary>
    private const string Stored = """
        {"dialogStack":[{"id":"Main","instanceId":"8e73798bcaa19ed0","state":{},"innerState":{"dialogStack":[
          {"id":"Main.Person","instanceId":"1830987365a73526","state":{"options":{"prompt":{"type":"message","text":"Who should be your company's contact? <b>",
            "attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.5",
              "body":[{"type":"TextBlock","text":"Account settings \u2192 Users: Tomás, 陳","wrap":true}],
              "actions":[{"type":"Action.Submit","title":"Tomás Herrera","data":{"answer":"u-tomas"}}]}}]},
            "retryPrompt":{"type":"message","text":"Pick one of them."},
            "choices":[{"value":"u-tomas","title":"Tomás Herrera","synonyms":["tomas"],"displayText":"Tomás Herrera"}],
            "style":1,"helpText":"Pick a person.","maxAttempts":2,"validations":{"min":2}},"attempts":1}},
          {"id":"Main.Waterfall","instanceId":"3e08fd441392c993","state":{"options":null,"state":{"personId":"u-lena","count":5000000000},"stepIndex":2}}]}}]}
        """;

    /// <summary>The text the earlier build stored for <see cref="Stored"/> (the writer's own escaping, no spaces).</summary>
    private static readonly string StoredByPreviousBuild = JsonSerializer.Serialize(JsonSerializer.Deserialize<PreviousDialogState>(Stored, BotJson.Options), BotJson.Options);

    [Fact]
    public void A_stack_nobody_touched_is_written_back_exactly_as_the_previous_build_stored_it()
    {
        var state = Read(StoredByPreviousBuild);

        Assert.Equal(StoredByPreviousBuild, BotJson.Serialize(state));
    }

    [Fact]
    public void A_stack_whose_every_state_was_built_is_written_as_the_previous_build_wrote_it()
    {
        var state = Read(StoredByPreviousBuild);
        foreach (var instance in AllInstances(state))
        {
            _ = instance.State;
        }

        Assert.Equal(StoredByPreviousBuild, BotJson.Serialize(state));
    }

    [Fact]
    public void A_new_stack_is_written_as_the_previous_build_wrote_the_same_stack()
    {
        var prompt = new JsonObject { ["attempts"] = 0, ["note"] = "Tomás <b> & 'x'" };
        var current = new DialogState
        {
            DialogStack =
            [
                new DialogInstance { Id = "Main", InstanceId = "0011223344556677", State = (JsonObject)prompt.DeepClone() },
                new DialogInstance { Id = "Outer", InstanceId = "8899aabbccddeeff", InnerState = new DialogState() },
            ],
        };
        var previous = new PreviousDialogState
        {
            DialogStack =
            [
                new PreviousDialogInstance { Id = "Main", InstanceId = "0011223344556677", State = (JsonObject)prompt.DeepClone() },
                new PreviousDialogInstance { Id = "Outer", InstanceId = "8899aabbccddeeff", InnerState = new PreviousDialogState() },
            ],
        };

        Assert.Equal(JsonSerializer.Serialize(previous, BotJson.Options), BotJson.Serialize(current));
    }

    [Fact]
    public void A_stack_changed_and_written_now_reads_back_in_the_previous_build()
    {
        var state = Read(StoredByPreviousBuild);
        var prompt = state.DialogStack[0].InnerState!.DialogStack[0];
        prompt.State[DialogInstanceExtensions.AttemptsKey] = 2;
        prompt.SetPromptOptions(new PromptOptions { Prompt = Activity.CreateMessageActivity("Again: who?"), HelpText = "Tomás", MaxAttempts = 4 });
        var waterfall = state.DialogStack[0].InnerState!.DialogStack[1];
        waterfall.State[DialogInstanceExtensions.StepIndexKey] = 3;

        var previous = JsonSerializer.Deserialize<PreviousDialogState>(BotJson.Serialize(state), BotJson.Options)!;

        var inner = previous.DialogStack[0].InnerState!.DialogStack;
        Assert.Equal(["Main.Person", "Main.Waterfall"], inner.Select(i => i.Id));
        Assert.Equal(2, inner[0].State["attempts"]!.GetValue<int>());
        var options = inner[0].State["options"].Deserialize<PromptOptions>(BotJson.Options)!;
        Assert.Equal(("Again: who?", "Tomás", 4), (options.Prompt!.Text, options.HelpText, options.MaxAttempts));
        Assert.Equal(3, inner[1].State["stepIndex"]!.GetValue<int>());
        Assert.Equal(5_000_000_000L, inner[1].State["state"]!["count"]!.GetValue<long>());
    }

    [Fact]
    public void A_state_nobody_asked_for_keeps_its_stored_text_even_its_spacing()
    {
        const string Spaced = """{"dialogStack":[{"id":"a","instanceId":"b","state":{ "x" : [1, 2],  "y":"\u00e9" }}]}""";

        var untouched = BotJson.Serialize(Read(Spaced));
        var touched = Read(Spaced);
        _ = touched.DialogStack[0].State;

        Assert.Contains("""{ "x" : [1, 2],  "y":"\u00e9" }""", untouched, StringComparison.Ordinal);
        Assert.Contains("""{"x":[1,2],"y":"é"}""", BotJson.Serialize(touched), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_in_another_case_and_unknown_properties_read_as_the_serializer_read_them()
    {
        var state = Read("""{"DialogStack":[{"ID":"a","InstanceId":"b","STATE":{"Attempts":0,"StepIndex":4},"innerstate":null,"extra":[1]}],"other":true}""");

        var instance = Assert.Single(state.DialogStack);
        Assert.Equal(("a", "b", null), (instance.Id, instance.InstanceId, instance.InnerState));
        Assert.True(instance.IsPrompt());
        Assert.Equal(4, instance.GetWaterfallStepIndex());
        Assert.Equal(0, instance.State["attempts"]!.GetValue<int>());
    }

    [Fact]
    public void Asking_whether_an_instance_is_a_prompt_reads_the_same_before_and_after_its_state_is_built()
    {
        var state = Read(StoredByPreviousBuild);
        var prompt = state.DialogStack[0].InnerState!.DialogStack[0];
        var waterfall = state.DialogStack[0].InnerState!.DialogStack[1];

        var before = (prompt.IsPrompt(), waterfall.IsPrompt(), waterfall.GetWaterfallStepIndex(), prompt.GetWaterfallStepIndex());
        _ = prompt.State;
        _ = waterfall.State;

        Assert.Equal((true, false, 2, 0), before);
        Assert.Equal(before, (prompt.IsPrompt(), waterfall.IsPrompt(), waterfall.GetWaterfallStepIndex(), prompt.GetWaterfallStepIndex()));
        Assert.Equal(StoredByPreviousBuild, BotJson.Serialize(state));
    }

    [Theory]
    [InlineData("""{"dialogStack":[{"instanceId":"b","state":{}}]}""")]
    [InlineData("""{"dialogStack":[{"id":"a","state":{}}]}""")]
    [InlineData("""{"dialogStack":[{"id":1,"instanceId":"b"}]}""")]
    [InlineData("""{"dialogStack":[{"id":"a","instanceId":"b","state":[]}]}""")]
    [InlineData("""{"dialogStack":{}}""")]
    [InlineData("""[]""")]
    public void A_stack_that_does_not_fit_is_refused_as_the_serializer_refused_it(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<PreviousDialogState>(json, BotJson.Options));
        Assert.ThrowsAny<JsonException>(() => Read(json));
    }

    [Fact]
    public void A_null_stack_reads_as_null()
        => Assert.Null(JsonSerializer.Deserialize<DialogState>("null", BotJson.Options));

    [Fact]
    public void Prompt_options_read_from_a_stored_stack_equal_the_options_the_serializer_reads()
    {
        var prompt = Read(StoredByPreviousBuild).DialogStack[0].InnerState!.DialogStack[0];
        var expected = JsonSerializer.Deserialize<PreviousDialogState>(StoredByPreviousBuild, BotJson.Options)!
            .DialogStack[0].InnerState!.DialogStack[0].State["options"].Deserialize<PromptOptions>(BotJson.Options)!;

        var options = prompt.GetPromptOptions();

        Assert.Equal(BotJson.Serialize(expected), BotJson.Serialize(options));
        Assert.Equal(BotJson.Serialize(expected.Prompt), BotJson.Serialize(options.Prompt));
        Assert.Equal("Pick one of them.", options.RetryPrompt!.Text);
        var choice = Assert.Single(options.Choices!);
        Assert.Equal(("u-tomas", "Tomás Herrera", "tomas"), (choice.Value, choice.Title, Assert.Single(choice.Synonyms)));
        Assert.Equal((ListStyle.None, "Pick a person.", 2, 2), (options.Style, options.HelpText, options.MaxAttempts, options.Validations!["min"]!.GetValue<int>()));
    }

    [Fact]
    public void A_prompt_set_on_options_read_from_storage_replaces_the_stored_one()
    {
        var options = Read(StoredByPreviousBuild).DialogStack[0].InnerState!.DialogStack[0].GetPromptOptions();

        options.Prompt = Activity.CreateMessageActivity("new question");
        options.RetryPrompt = null;

        Assert.Equal("new question", options.Prompt.Text);
        Assert.Null(options.RetryPrompt);
        Assert.DoesNotContain("attachments", BotJson.Serialize(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Prompt_options_with_names_in_another_case_or_a_null_prompt_read_as_the_serializer_read_them()
    {
        const string Options = """{"Prompt":null,"RETRYPROMPT":{"text":"again"},"MaxAttempts":5,"Style":2,"unknown":{"a":1}}""";
        var instance = Read($$$"""{"dialogStack":[{"id":"p","instanceId":"i","state":{"options":{{{Options}}},"attempts":0}}]}""").DialogStack[0];
        var expected = JsonSerializer.Deserialize<PromptOptions>(Options, BotJson.Options)!;

        var options = instance.GetPromptOptions();

        Assert.Null(options.Prompt);
        Assert.Equal("again", options.RetryPrompt!.Text);
        Assert.Equal((ListStyle.SuggestedAction, 5), (options.Style, options.MaxAttempts));
        Assert.Equal(BotJson.Serialize(expected), BotJson.Serialize(options));
    }

    [Fact]
    public void Options_stored_by_a_prompt_begun_this_turn_read_back_the_same()
    {
        var instance = DialogInstance.Create("p");
        var options = new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity("Pick one"),
            Choices = [new Choice("a") { Title = "Ä" }],
            Style = ListStyle.List,
            Validations = new JsonObject { ["max"] = 3 },
        };

        instance.SetPromptOptions(options);
        var read = instance.GetPromptOptions();

        Assert.NotSame(options, read);
        Assert.Equal(BotJson.Serialize(options), BotJson.Serialize(read));
        var node = instance.State[DialogInstanceExtensions.PromptOptionsKey]!;
        Assert.Equal(BotJson.Serialize(options), node.ToJsonString(BotJson.Options));
        Assert.Equal(JsonValueKind.Object, node.GetValueKind());
        Assert.Equal("Pick one", Assert.IsType<JsonObject>(node.DeepClone())["prompt"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Instance_ids_are_16_hex_digits_and_never_repeat_across_threads()
    {
        var ids = new ConcurrentBag<string>();

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ids.Add(DialogInstance.Create("d").InstanceId);
            }
        });

        Assert.Equal(40_000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{16}$", id));
    }

    private static DialogState Read(string json) => JsonSerializer.Deserialize<DialogState>(json, BotJson.Options)!;

    private static IEnumerable<DialogInstance> AllInstances(DialogState state)
    {
        foreach (var instance in state.DialogStack)
        {
            yield return instance;
            if (instance.InnerState is { } inner)
            {
                foreach (var innerInstance in AllInstances(inner))
                {
                    yield return innerInstance;
                }
            }
        }
    }

    /// <summary>The dialog stack's classes as the previous build declared them, read and written by reflection.</summary>
    public sealed class PreviousDialogState
    {
        public List<PreviousDialogInstance> DialogStack { get; set; } = [];
    }

    /// <summary>One instance as the previous build declared it.</summary>
    public sealed class PreviousDialogInstance
    {
        public required string Id { get; set; }

        public required string InstanceId { get; set; }

        public JsonObject State { get; set; } = [];

        public PreviousDialogState? InnerState { get; set; }
    }
}
