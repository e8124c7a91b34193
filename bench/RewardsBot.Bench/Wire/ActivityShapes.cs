using System.Globalization;
using System.Text.Json.Nodes;
using RewardsBot.Bench.Scripts;

namespace RewardsBot.Bench.Wire;

/// <summary>
/// Builds the user's activity for a step the way a channel client sends it: typed text, or a card click as an
/// <c>Action.Submit</c> (a message whose <c>value</c> is the button's data merged with the card's inputs, and
/// <c>channelData.postBack</c>, as Web Chat and the Emulator send it).
/// </summary>
internal abstract class ActivityShape
{
    /// <summary>The activity for <paramref name="input"/> after <paramref name="previous"/>; null when the button to click is not there.</summary>
    public JsonObject? Build(StepInput input, Replies previous, ConversationAddress address)
    {
        JsonObject activity;
        switch (input)
        {
            case Typed typed:
                activity = Message(address);
                activity["text"] = typed.Text;
                activity["channelData"] = ChannelData(postBack: false);
                break;
            case Click click:
                var button = previous.Buttons.FirstOrDefault(b => click.Accepts(b.Title));
                if (button is null)
                {
                    return null;
                }

                var value = button.DataJson is null ? [] : JsonNode.Parse(button.DataJson)!.AsObject();
                foreach (var (id, text) in click.Inputs ?? new Dictionary<string, string>())
                {
                    value[id] = text;
                }

                activity = Message(address);
                activity["value"] = value;
                activity["channelData"] = ChannelData(postBack: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "Only typed text and clicks are sent as activities.");
        }

        return activity;
    }

    protected abstract JsonObject Message(ConversationAddress address);

    protected virtual JsonObject ChannelData(bool postBack) => postBack ? new JsonObject { ["postBack"] = true } : [];

    protected static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>Who is talking in which conversation.</summary>
internal sealed class ConversationAddress(string conversationId, string userId)
{
    private long _sequence;

    public string ConversationId { get; } = conversationId;

    public string UserId { get; } = userId;

    public string NextActivityId() => ConversationId + "-" + (++_sequence).ToString(CultureInfo.InvariantCulture);
}

/// <summary>The Bot Framework Emulator posting to /api/messages with <c>deliveryMode: expectReplies</c>.</summary>
internal sealed class EmulatorShape : ActivityShape
{
    /// <summary>The Emulator's own local server for proactive replies (never called: replies come back with expectReplies).</summary>
    public const string ServiceUrl = "http://127.0.0.1:50100";

    public static EmulatorShape Instance { get; } = new();

    public static JsonObject ConversationUpdate(ConversationAddress address)
    {
        var activity = Common("conversationUpdate", address);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot", ["name"] = "Bot" }, new JsonObject { ["id"] = address.UserId, ["name"] = "User" });
        return activity;
    }

    protected override JsonObject Message(ConversationAddress address)
    {
        var activity = Common("message", address);
        activity["textFormat"] = "plain";
        return activity;
    }

    private static JsonObject Common(string type, ConversationAddress address) => new()
    {
        ["type"] = type,
        ["id"] = address.NextActivityId(),
        ["channelId"] = "emulator",
        ["serviceUrl"] = ServiceUrl,
        ["deliveryMode"] = "expectReplies",
        ["timestamp"] = Now(),
        ["localTimestamp"] = Now(),
        ["locale"] = "en-US",
        ["conversation"] = new JsonObject { ["id"] = address.ConversationId },
        ["from"] = new JsonObject { ["id"] = address.UserId, ["name"] = "User", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot", ["name"] = "Bot", ["role"] = "bot" },
    };
}

/// <summary>Web Chat posting to Direct Line (the service fills in ids, times, the conversation and the sender).</summary>
internal sealed class WebChatShape : ActivityShape
{
    public static WebChatShape Instance { get; } = new();

    protected override JsonObject Message(ConversationAddress address) => new()
    {
        ["type"] = "message",
        ["channelId"] = "directline",
        ["from"] = new JsonObject { ["id"] = address.UserId, ["name"] = "", ["role"] = "user" },
        ["locale"] = "en-US",
        ["localTimestamp"] = Now(),
        ["localTimezone"] = "Europe/Paris",
        ["textFormat"] = "plain",
    };

    protected override JsonObject ChannelData(bool postBack)
    {
        var data = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N")[..10] };
        if (postBack)
        {
            data["postBack"] = true;
        }

        return data;
    }
}
