using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Schema;

public class ActivitySerializationTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1712345678901",
          "timestamp": "2026-11-21T08:00:00.123Z",
          "localTimestamp": "2026-11-21T09:00:00.123+01:00",
          "localTimezone": "Europe/Paris",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Ana Lopez", "aadObjectId": "6f1c0000-0000-0000-0000-000000000001" },
          "conversation": { "conversationType": "personal", "tenantId": "72f98800-0000-0000-0000-000000000000", "id": "a:1xyz;messageid=1712" },
          "recipient": { "id": "28:bot-app-id", "name": "RewardsBot" },
          "textFormat": "plain",
          "locale": "fr-FR",
          "text": "<at>RewardsBot</at> activer",
          "entities": [
            { "type": "mention", "text": "<at>RewardsBot</at>", "mentioned": { "id": "28:bot-app-id", "name": "RewardsBot" } },
            { "type": "clientInfo", "locale": "fr-FR", "country": "FR", "platform": "Web", "timezone": "Europe/Paris" }
          ],
          "channelData": { "tenant": { "id": "72f98800-0000-0000-0000-000000000000" }, "source": { "name": "message" }, "legacy": { "replyToId": "1:abc" } },
          "futureField": { "nested": [1, 2, { "x": true }] },
          "anotherUnknown": 42
        }
        """;

    [Fact]
    public void Teams_message_round_trips_with_unknown_properties_and_channel_data()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("6f1c0000-0000-0000-0000-000000000001", activity.From!.AadObjectId);
        Assert.Equal("personal", activity.Conversation!.ConversationType);
        Assert.Equal("72f98800-0000-0000-0000-000000000000", activity.ChannelData!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal(2, activity.Entities!.Count);
        Assert.True(activity.Properties!.ContainsKey("futureField"));

        var written = JsonSerializer.Serialize(activity, BotJson.Options);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TeamsMessage), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case()
    {
        var json = BotJson.Serialize(new Activity { Type = ActivityTypes.Message, Text = "hi", InputHint = InputHints.ExpectingInput });

        Assert.Equal("""{"type":"message","text":"hi","inputHint":"expectingInput"}""", json);
    }

    [Fact]
    public void Adaptive_card_attachment_keeps_its_content_type_and_content()
    {
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray() };
        var activity = new Activity { Type = ActivityTypes.Message, Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = card }] };

        var back = BotJson.Deserialize<Activity>(BotJson.Serialize(activity))!;

        Assert.Equal("application/vnd.microsoft.card.adaptive", back.Attachments![0].ContentType);
        Assert.Equal("1.5", back.Attachments[0].Content!["version"]!.GetValue<string>());
    }

    [Fact]
    public void Create_reply_swaps_parties_and_copies_addressing()
    {
        var incoming = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var reply = incoming.CreateReply("bonjour");

        Assert.Equal("28:bot-app-id", reply.From!.Id);
        Assert.Equal("29:1abc", reply.Recipient!.Id);
        Assert.Equal(incoming.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(incoming.Conversation.TenantId, reply.Conversation.TenantId);
        Assert.Equal("1712345678901", reply.ReplyToId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reply.ServiceUrl);
        Assert.Equal("fr-FR", reply.Locale);
        Assert.Null(reply.Id);
    }

    [Fact]
    public void Deeply_nested_json_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        var json = "{\"type\":\"message\",\"value\":" + deep + "}";

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Activity>(json, BotJson.Options));
    }

    [Fact]
    public void Conversation_reference_of_a_direct_line_conversation_update_has_no_activity_id()
    {
        var update = new Activity { Type = ActivityTypes.ConversationUpdate, Id = "x", ChannelId = Channels.DirectLine };
        var message = new Activity { Type = ActivityTypes.Message, Id = "y", ChannelId = Channels.DirectLine };

        Assert.Null(update.GetConversationReference().ActivityId);
        Assert.Equal("y", message.GetConversationReference().ActivityId);
    }

    [Fact]
    public void French_and_Chinese_text_is_written_as_is_but_markup_characters_are_escaped()
    {
        var json = BotJson.Serialize(new Activity { Text = "Éligibilité 資格 <b>&" });

        Assert.Contains("Éligibilité 資格", json, StringComparison.Ordinal);
        Assert.Contains("\\u003Cb\\u003E\\u0026", json, StringComparison.Ordinal);
    }
}
