using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Builder;

/// <summary>The fields an inbound activity must have before a turn can run.</summary>
public static class ActivityValidation
{
    /// <summary>Longest id (conversation, activity, user, channel) accepted from a channel.</summary>
    public const int MaxIdLength = 1024;

    /// <summary>Returns the problem with the activity, or null when it can be processed.</summary>
    public static string? FindProblem(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no type.";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no channelId.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no conversation.id.";
        }

        if (string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            return "The activity has no from.id.";
        }

        if (TooLong(activity.ChannelId) || TooLong(activity.Conversation.Id) || TooLong(activity.From.Id) || TooLong(activity.Id) || TooLong(activity.Recipient?.Id))
        {
            return $"An id of the activity is longer than {MaxIdLength} characters.";
        }

        var needsServiceUrl = !activity.IsType(ActivityTypes.Invoke)
            && !string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);
        if (needsServiceUrl && !IsHttpUrl(activity.ServiceUrl))
        {
            return "The activity has no absolute http(s) serviceUrl to send replies to (or use deliveryMode expectReplies).";
        }

        return null;
    }

    public static void ThrowIfInvalid(Activity activity)
    {
        var problem = FindProblem(activity);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(activity));
        }
    }

    public static bool IsHttpUrl(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool TooLong(string? value) => value is { Length: > MaxIdLength };
}
