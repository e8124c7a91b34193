using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// Activities shaped like Teams' in a personal chat (protocol reference §7): the user known by Entra object id
/// (<c>from.aadObjectId</c>) and tenant (<c>channelData.tenant.id</c>), the bot's name in &lt;at&gt; tags when
/// mentioned, card clicks in Teams' <c>Action.Submit</c> shapes (§1.5) naming the card's activity in <c>replyToId</c>.
/// </summary>
/// <param name="userId">The Teams user id (<c>29:…</c>); a fresh one by default.</param>
public sealed class TeamsChat(Uri serviceUrl, string aadObjectId, string tenantId, string locale = "en-US", string? userId = null)
{
    public string ConversationId { get; } = "a:1" + Guid.NewGuid().ToString("N");
    public ChannelAccount User { get; } = new() { Id = userId ?? "29:1" + Guid.NewGuid().ToString("N"), Name = "Teams user", AadObjectId = aadObjectId, Role = RoleTypes.User };
    public ChannelAccount Bot { get; } = new() { Id = "28:rewardsbot", Name = "RewardsBot", Role = RoleTypes.Bot };

    public Activity ConversationUpdate() => Stamp(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [User] });

    /// <summary>A personal install's conversationUpdate: the bot and the user added.</summary>
    public Activity BotAndUserAdded() => Stamp(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [Bot, User], MembersRemoved = [] });

    /// <summary>The app installed (<c>add</c>) or removed (<c>remove</c>) in this chat.</summary>
    public Activity InstallationUpdate(string action = "add") => Stamp(new Activity { Type = ActivityTypes.InstallationUpdate, Action = action });

    /// <summary>A typed message (no mention: a personal chat needs none).</summary>
    public Activity Message(string text) => Stamp(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "plain" });

    /// <summary>A plain <c>Action.Submit</c>: no text, <c>value</c> = the action's data with the inputs.</summary>
    public Activity Submit(string cardActivityId, JsonObject value) => Stamp(new Activity
    {
        Type = ActivityTypes.Message,
        Value = value,
        ReplyToId = cardActivityId,
    });

    /// <summary>
    /// An <c>Action.Submit</c> whose data is <c>{ "msteams": { "type": "messageBack", … } }</c>: the message carries
    /// <c>msteams.text</c>, and the data (with its <c>msteams</c> object) and the inputs in <c>value</c>.
    /// </summary>
    public Activity MessageBack(string cardActivityId, string text, JsonObject messageBackValue, JsonObject? inputs = null)
    {
        var value = (JsonObject?)inputs?.DeepClone() ?? [];
        value["msteams"] = new JsonObject { ["type"] = "messageBack", ["text"] = text, ["displayText"] = text, ["value"] = messageBackValue.DeepClone() };
        return Stamp(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "plain", Value = value, ReplyToId = cardActivityId });
    }

    /// <summary>An <c>Action.Submit</c> whose data is <c>{ "msteams": { "type": "imBack", "value": text } }</c>: a message with that text only.</summary>
    public Activity ImBack(string cardActivityId, string text) => Stamp(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "plain", ReplyToId = cardActivityId });

    /// <summary>A message that @mentions the bot before <paramref name="text"/>, as Teams writes it (tag in the text, mention entity).</summary>
    public Activity MessageMentioningTheBot(string text) => Stamp(new Activity
    {
        Type = ActivityTypes.Message,
        Text = $"<at>{Bot.Name}</at> {text}",
        TextFormat = "plain",
        Entities =
        [
            new Entity
            {
                Type = "mention",
                Properties = new Dictionary<string, JsonElement>
                {
                    ["mentioned"] = JsonSerializer.SerializeToElement(new { id = Bot.Id, name = Bot.Name }),
                    ["text"] = JsonSerializer.SerializeToElement($"<at>{Bot.Name}</at>"),
                },
            },
        ],
    });

    private Activity Stamp(Activity activity)
    {
        activity.Id = Guid.NewGuid().ToString("N");
        activity.Timestamp = DateTimeOffset.UtcNow;
        activity.ChannelId = Channels.Msteams;
        activity.ServiceUrl = serviceUrl.ToString();
        activity.Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal", TenantId = tenantId };
        activity.From = User;
        activity.Recipient = Bot;
        activity.Locale = locale;
        activity.ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        return activity;
    }
}
