using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Schema;

/// <summary>An attachment whose content is carried as JSON text reads, writes and copies as one holding the tree.</summary>
public class AttachmentTests
{
    private const string Card = """{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"\u003Cb\u003E été 資格"}],"actions":[{"type":"Action.Submit","data":{"n":1.50}}]}""";

    [Fact]
    public void Content_carried_as_text_is_written_as_its_tree_by_the_writer_and_the_serializer()
    {
        var asTree = Message(new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = JsonNode.Parse(Card), Name = "card" });
        var expected = JsonSerializer.Serialize(asTree, BotJson.Options);

        Assert.Equal(expected, Written(Message(AsText(Card))));
        Assert.Equal(expected, JsonSerializer.Serialize(Message(AsText(Card)), BotJson.Options));
    }

    [Fact]
    public void Serializing_content_carried_as_text_copies_the_text_without_making_a_tree()
    {
        var attachment = AsText(Card);

        var json = JsonSerializer.SerializeToNode(new PromptLike { Prompt = Message(attachment) }, BotJson.Options)!.ToJsonString(BotJson.Options);

        Assert.NotNull(attachment.ContentJson);
        Assert.Contains(Encoding.UTF8.GetString(attachment.ContentJson), json, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_is_read_as_a_tree_whose_names_match_as_the_options_say()
    {
        const string Json = """{"contentType":"x","content":{"Type":"AdaptiveCard","n":[1.50]},"name":"n","extra":true}""";

        var attachment = JsonSerializer.Deserialize<Attachment>(Json, BotJson.Options)!;

        Assert.Equal("AdaptiveCard", attachment.Content!["type"]!.GetValue<string>());
        Assert.Equal("1.50", attachment.Content["n"]![0]!.ToJsonString());
        Assert.Equal(Json, JsonSerializer.Serialize(attachment, BotJson.Options));
        Assert.Null(JsonSerializer.Deserialize<Attachment>("""{"content":null}""", BotJson.Options)!.Content);
    }

    [Fact]
    public void Reading_the_content_makes_its_tree_and_changes_to_the_tree_are_what_is_written()
    {
        var attachment = AsText(Card);

        attachment.Content!["body"]![0]!["text"] = "changed";

        Assert.Null(attachment.ContentJson);
        Assert.Contains("\"text\":\"changed\"", Written(Message(attachment)), StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_the_content_replaces_the_text()
    {
        var attachment = AsText(Card);

        attachment.Content = new JsonObject { ["type"] = "AdaptiveCard" };

        Assert.Null(attachment.ContentJson);
        Assert.Equal("""{"type":"AdaptiveCard"}""", attachment.Content.ToJsonString());
        attachment.Content = null;
        Assert.False(attachment.HasContent);
    }

    [Fact]
    public void A_copied_activity_shares_the_text_and_each_copy_reads_its_own_tree()
    {
        var original = Message(AsText(Card));

        var copy = original.Copy();

        Assert.NotSame(original.Attachments![0], copy.Attachments![0]);
        Assert.NotNull(copy.Attachments[0].ContentJson);
        Assert.Same(original.Attachments[0].ContentJson, copy.Attachments[0].ContentJson);
        copy.Attachments[0].Content!["type"] = "Changed";
        Assert.Equal("AdaptiveCard", original.Attachments[0].Content!["type"]!.GetValue<string>());
        Assert.Equal("card", copy.Attachments[0].Name);
    }

    private sealed class PromptLike
    {
        public Activity? Prompt { get; set; }
    }

    private static Attachment AsText(string json)
    {
        var attachment = Attachment.WithContentJson(ContentTypes.AdaptiveCard, ActivityWriter.ToJson(JsonNode.Parse(json)!));
        attachment.Name = "card";
        return attachment;
    }

    private static Activity Message(Attachment attachment) => new() { Type = ActivityTypes.Message, Text = "t", Attachments = [attachment] };

    private static string Written(Activity activity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ActivityWriter.WriterOptions))
        {
            ActivityWriter.Write(writer, activity);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
