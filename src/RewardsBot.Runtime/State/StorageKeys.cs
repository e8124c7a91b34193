using System.Text;
using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.State;

/// <summary>Storage keys: the SDK's key formats for conversation and user state, and the rules every key must meet.</summary>
public static class StorageKeys
{
    /// <summary>The longest key a store accepts, in UTF-16 characters (Teams ids are a few hundred at most).</summary>
    public const int MaxKeyLength = 1024;

    /// <summary><c>{channelId}/conversations/{conversationId}</c>, as the Bot Framework SDK's ConversationState.</summary>
    public static string ForConversation(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var channelId = Require(activity.ChannelId, "channelId", nameof(ConversationState));
        var conversationId = Require(activity.Conversation?.Id, "conversation.id", nameof(ConversationState));
        return $"{channelId}/conversations/{conversationId}";
    }

    /// <summary><c>{channelId}/users/{userId}</c> with the sender's id (<c>from.id</c>), as the Bot Framework SDK's UserState.</summary>
    public static string ForUser(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var channelId = Require(activity.ChannelId, "channelId", nameof(UserState));
        var userId = Require(activity.From?.Id, "from.id", nameof(UserState));
        return $"{channelId}/users/{userId}";
    }

    /// <summary>Throws when <paramref name="key"/> cannot be stored: null, empty, longer than <see cref="MaxKeyLength"/>, or not valid UTF-16.</summary>
    /// <remarks>Any other character is allowed: keys are opaque (Teams ids contain <c>:;@=</c>).</remarks>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("A storage key must not be empty. Build keys with StorageKeys.ForConversation/ForUser or another non-empty id.", nameof(key));
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                $"A storage key is {key.Length} characters long; the most a store accepts is {MaxKeyLength}. Shorten the key, for example by hashing the long id it is built from.",
                nameof(key));
        }

        if (!IsValidUtf16(key))
        {
            throw new ArgumentException(
                "A storage key contains an unpaired UTF-16 surrogate, so it cannot be stored as text without changing it. Build keys from ids as the channel sent them.",
                nameof(key));
        }
    }

    internal static void ValidateAll(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            Validate(key);
        }
    }

    private static bool IsValidUtf16(string value)
    {
        var remaining = value.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(remaining, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            remaining = remaining[consumed..];
        }

        return true;
    }

    private static string Require(string? value, string field, string stateName)
        => string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException(
                $"{stateName} needs the incoming activity's '{field}' to build its storage key, and it is missing. Channels always send it; an activity built by hand (a test, a proactive message) must set it.")
            : value;
}
