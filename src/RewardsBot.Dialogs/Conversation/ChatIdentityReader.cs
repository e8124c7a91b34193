using System.Text.Json.Nodes;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Conversation;

/// <summary>
/// Reads from an activity what the channel vouches for about the user (DOMAIN.md, "how the bot knows who they are"):
/// Teams gives the Entra object id and tenant; Direct Line gives the user id bound inside the token the help site's
/// server requested; the Emulator gives nothing trustworthy, so a demo identity is used, and only while
/// authentication is off (local development).
/// </summary>
public static class ChatIdentityReader
{
    /// <summary>The prefix Direct Line puts before user ids it binds into tokens.</summary>
    public const string DirectLineUserPrefix = "dl_";

    /// <summary>The claim, or null when this channel's word cannot be taken.</summary>
    /// <param name="emulatorAllowed">True only when the bot runs without authentication.</param>
    /// <param name="defaultDemoIdentity">The demo identity for an Emulator user whose id is not itself a demo identity id.</param>
    /// <param name="isDemoIdentity">Whether an id is one of the demo identities (the Emulator's user id setting picks one).</param>
    public static ChatIdentityClaim? Read(Activity activity, bool emulatorAllowed, string defaultDemoIdentity, Func<string, bool> isDemoIdentity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(isDemoIdentity);
        var userId = activity.From?.Id;
        switch (activity.ChannelId)
        {
            case Channels.Msteams:
                var tenantId = ((activity.ChannelData as JsonObject)?["tenant"] as JsonObject)?["id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
                var objectId = activity.From?.AadObjectId;
                return string.IsNullOrWhiteSpace(tenantId) || string.IsNullOrWhiteSpace(objectId) ? null : new TeamsIdentityClaim(objectId, tenantId);
            case Channels.DirectLine or Channels.Webchat:
                // Direct Line tokens carry user ids as "dl_<id>"; the id the help site's server asked for follows.
                var directLineUser = userId is not null && userId.StartsWith(DirectLineUserPrefix, StringComparison.Ordinal) ? userId[DirectLineUserPrefix.Length..] : userId;
                return string.IsNullOrWhiteSpace(directLineUser) ? null : new DirectLineIdentityClaim(directLineUser);
            case Channels.Emulator when emulatorAllowed:
                return new EmulatorIdentityClaim(userId is not null && isDemoIdentity(userId) ? userId : defaultDemoIdentity);
            default:
                return null;
        }
    }
}
