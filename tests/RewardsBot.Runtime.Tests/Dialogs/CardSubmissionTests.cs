using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Dialogs;

public class CardSubmissionTests
{
    private const string Card = """
        {"type":"AdaptiveCard","version":"1.5",
         "body":[{"type":"ActionSet","actions":[{"type":"Action.Submit","title":"In body","data":{"answer":"a"}}]}],
         "actions":[
           {"type":"Action.Submit","title":"No data"},
           {"type":"Action.Submit","title":"String data","data":"typed text"},
           {"type":"Action.Submit","title":"Teams","data":{"msteams":{"type":"messageBack","text":"go","value":{"step":"x"}}}},
           {"type":"Action.ShowCard","title":"More","card":{"type":"AdaptiveCard","actions":[{"type":"Action.Submit","title":"Nested","data":{"answer":"b"}}]}},
           {"type":"Action.OpenUrl","title":"Docs","url":"https://learn.microsoft.com"}]}
        """;

    [Fact]
    public void Stamping_marks_every_submit_action_and_leaves_the_original_untouched()
    {
        var original = new Activity { Text = "Q", Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = JsonNode.Parse(Card) }] };

        var stamped = CardSubmission.Stamp(original, "abc123").Attachments![0].Content!;

        Assert.Equal("abc123", stamped["body"]![0]!["actions"]![0]!["data"]![CardSubmission.DialogKey]!.GetValue<string>());
        Assert.Equal("abc123", stamped["actions"]![0]!["data"]![CardSubmission.DialogKey]!.GetValue<string>());
        Assert.Equal("typed text", stamped["actions"]![1]!["data"]!.GetValue<string>());
        Assert.Equal("abc123", stamped["actions"]![2]!["data"]!["msteams"]!["value"]![CardSubmission.DialogKey]!.GetValue<string>());
        Assert.Equal("abc123", stamped["actions"]![3]!["card"]!["actions"]![0]!["data"]![CardSubmission.DialogKey]!.GetValue<string>());
        Assert.Null(stamped["actions"]![4]!["data"]);
        Assert.Null(original.Attachments[0].Content!["actions"]![0]!["data"]);
    }

    [Fact]
    public void Reading_a_teams_submit_merges_the_msteams_value_without_overriding_data()
    {
        var activity = new Activity
        {
            Text = "  go  ",
            Value = JsonNode.Parse("""{"answer":"from-input","msteams":{"type":"messageBack","value":{"answer":"from-teams","_dialog":"d1"}}}"""),
        };

        var submission = CardSubmission.Read(activity);

        Assert.Equal("go", submission.Text);
        Assert.Equal("go", submission.Answer);
        Assert.Equal("d1", submission.DialogInstanceId);
        Assert.Equal("from-input", submission.StringValue(CardSubmission.AnswerKey));
        Assert.False(submission.Values!.ContainsKey("msteams"));
    }

    [Fact]
    public void The_answer_of_a_card_is_its_answer_input_when_nothing_was_typed()
    {
        var submission = CardSubmission.Read(new Activity { Value = new JsonObject { ["answer"] = 42, [CardSubmission.ActionKey] = "help" } });

        Assert.Equal("42", submission.Answer);
        Assert.Equal("help", submission.Action);
        Assert.Null(submission.DialogInstanceId);
    }

    [Theory]
    [InlineData("""{"type":"Action.Submit","data":null}""", """{"type":"Action.Submit","data":{"_dialog":"d9"}}""")]
    [InlineData("""{"type":"Action.Execute"}""", """{"type":"Action.Execute","data":{"_dialog":"d9"}}""")]
    [InlineData("""{"data":{"answer":1},"type":"Action.Submit"}""", """{"data":{"answer":1,"_dialog":"d9"},"type":"Action.Submit"}""")]
    [InlineData("""{"type":"Action.Submit","data":{"_dialog":"old","answer":"a"}}""", """{"type":"Action.Submit","data":{"_dialog":"d9","answer":"a"}}""")]
    [InlineData("""{"type":"Action.Submit","data":{"msteams":{"value":{}}}}""", """{"type":"Action.Submit","data":{"msteams":{"value":{"_dialog":"d9"}},"_dialog":"d9"}}""")]
    [InlineData("""[{"type":"Action.Submit","data":[1]},{"type":"Action.Submit","data":42},{"type":{"name":"Action.Submit"}}]""", """[{"type":"Action.Submit","data":[1]},{"type":"Action.Submit","data":42},{"type":{"name":"Action.Submit"}}]""")]
    [InlineData("""{"type":"Action.Submit","data":{"type":"Action.Execute","data":null}}""", """{"type":"Action.Submit","data":{"type":"Action.Execute","data":{"_dialog":"d9"},"_dialog":"d9"}}""")]
    [InlineData("""{"ty\u0070e":"Action\u002ESubmit","d\u0061ta":{"\u005fdialog":1}}""", """{"type":"Action.Submit","data":{"_dialog":"d9"}}""")]
    public void Stamping_replaces_or_adds_the_field_in_every_submit_actions_data_object(string card, string expected)
    {
        var original = new Activity { Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = JsonNode.Parse(card) }] };

        var stamped = CardSubmission.Stamp(original, "d9").Attachments![0].Content!;

        Assert.Equal(expected, stamped.ToJsonString());
        Assert.Equal(JsonNode.Parse(card)!.ToJsonString(), original.Attachments[0].Content!.ToJsonString());
    }
}
