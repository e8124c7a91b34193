using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Tests.State;

public sealed class JsonTextTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_json_text_property_is_stored_as_the_JSON_itself_and_read_back_as_the_same_text()
    {
        var storage = new MemoryStorage();
        var replies = new[] { new Activity { Type = ActivityTypes.Message, Text = "Quel est le numéro ? \"+33\" <b>" } };
        var first = Turns.Message();
        var state = new ConversationState(storage);
        await state.CreateProperty<JsonText>("replies").SetAsync(first, JsonText.From(replies), None);
        await state.SaveChangesAsync(first, cancellationToken: None);

        var key = $"{Turns.ChannelId}/conversations/{Turns.ConversationId}";
        var document = (await storage.ReadAsync([key], None))[key].Document;
        var read = await new ConversationState(storage).CreateProperty<JsonText>("replies").GetAsync(Turns.Message(), null, None);

        // An array in the document, not a string holding one.
        var stored = Assert.IsType<JsonArray>(document["replies"]);
        Assert.Equal("Quel est le numéro ? \"+33\" <b>", (string?)stored[0]!["text"]);
        Assert.Equal(BotJson.Serialize(replies), read.Json);
        Assert.Equal(replies[0].Text, BotJson.Deserialize<Activity[]>(read.Json)![0].Text);
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("not json")]
    [InlineData("1 2")]
    public void Text_that_is_not_one_JSON_value_is_refused(string text)
        => Assert.Throws<ArgumentException>(() => new JsonText(text));

    [Fact]
    public void Activities_written_by_the_activity_writer_give_the_serializers_text()
    {
        var card = new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = JsonNode.Parse("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"<b> été"}]}""") };
        var replies = new[]
        {
            new Activity { Type = ActivityTypes.Message, Text = "Quel est le numéro ? \"+33\" <b>", Attachments = [card], Timestamp = DateTimeOffset.UnixEpoch },
            new Activity { Type = ActivityTypes.Typing },
        };

        var text = JsonText.FromActivities(replies);

        Assert.Equal(BotJson.Serialize(replies), text.Json);
        Assert.Equal(JsonText.From(replies), text);
        Assert.Equal(JsonText.From(replies).GetHashCode(), text.GetHashCode());
        Assert.Equal("[]", JsonText.FromActivities([]).Json);
    }

    [Fact]
    public void Texts_are_equal_when_their_JSON_is()
    {
        Assert.Equal(new JsonText("""{"a":[1,"é"]}"""), JsonText.From(new JsonObject { ["a"] = new JsonArray(1, "é") }));
        Assert.NotEqual(new JsonText("""{"a":1}"""), new JsonText("""{"a":2}"""));
        Assert.NotEqual(new JsonText("""{"a":1}"""), new JsonText("""{ "a":1}"""));
    }
}
