using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// Activities shaped like Teams' in a personal chat: the user known by Entra object id (<c>from.aadObjectId</c>) and
/// tenant (<c>channelData.tenant.id</c>), the bot's name in &lt;at&gt; tags when mentioned.
/// </summary>
public sealed class TeamsChat(Uri serviceUrl, string aadObjectId, string tenantId)
{
    public string ConversationId { get; } = "a:1" + Guid.NewGuid().ToString("N");
    public ChannelAccount User { get; } = new() { Id = "29:1" + Guid.NewGuid().ToString("N"), Name = "Teams user", AadObjectId = aadObjectId, Role = RoleTypes.User };
    public ChannelAccount Bot { get; } = new() { Id = "28:rewardsbot", Name = "RewardsBot", Role = RoleTypes.Bot };

    public Activity ConversationUpdate() => Stamp(new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [User] });

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
        activity.Locale = "en-US";
        activity.ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        return activity;
    }
}
