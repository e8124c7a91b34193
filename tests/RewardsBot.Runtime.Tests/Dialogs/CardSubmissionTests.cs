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
}
