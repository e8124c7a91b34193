using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.DirectLine;

/// <summary>
/// Ids on this Direct Line. A token's user id starts with <c>dl_</c>, as Azure's Direct Line requires; the user id the
/// bot sees is the same id without that prefix, which is how the Rewards chat identities name Direct Line users
/// (<c>demo-kenji</c>). Conversation ids are random; an activity id is <c>{conversationId}|{watermark:D7}</c>.
/// </summary>
internal static class DirectLineIds
{
    public const string UserPrefix = "dl_";
    public const int MaxUserIdLength = 256;

    /// <summary>The bot's account on this channel.</summary>
    public static ChannelAccount Bot() => new() { Id = "rewardsbot", Name = "RewardsBot", Role = RoleTypes.Bot };

    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A user id for a conversation started without one (with the secret and no <c>user.id</c>).</summary>
    public static string NewAnonymousUserId() => UserPrefix + "anon-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    /// <summary>The token user id for a user id the host's server vouches for; null when it is not usable as an id.</summary>
    public static string? TokenUserId(string? userId)
    {
        var id = userId?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > MaxUserIdLength || id.Any(char.IsControl))
        {
            return null;
        }

        var prefixed = id.StartsWith(UserPrefix, StringComparison.Ordinal) ? id : UserPrefix + id;
        return prefixed.Length > UserPrefix.Length ? prefixed : null;
    }

    /// <summary>The id the bot is given for a token user id: without the <c>dl_</c> prefix.</summary>
    public static string BotUserId(string tokenUserId)
        => tokenUserId.StartsWith(UserPrefix, StringComparison.Ordinal) && tokenUserId.Length > UserPrefix.Length
            ? tokenUserId[UserPrefix.Length..]
            : tokenUserId;

    public static string ActivityId(string conversationId, long sequence)
        => conversationId + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Reads a watermark a client got from us: empty means "from the start".</summary>
    public static bool TryParseWatermark(string? watermark, out long sequence)
    {
        sequence = 0;
        return string.IsNullOrEmpty(watermark)
            || (long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out sequence) && sequence >= 0);
    }

    public static string Watermark(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
