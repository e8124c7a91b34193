using System.Net.Http.Json;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>Activities shaped like the Bot Framework Emulator's (section 6 of the protocol reference).</summary>
/// <param name="userId">The Emulator's user id setting (a random GUID by default, as the Emulator makes one).</param>
public sealed class EmulatorConversation(Uri serviceUrl, string locale = "en-US", string? userId = null)
{
    private int _next;

    public string ConversationId { get; } = Guid.NewGuid().ToString() + "|livechat";
    public ChannelAccount User { get; } = new() { Id = userId ?? Guid.NewGuid().ToString(), Name = "User", Role = RoleTypes.User };
    public ChannelAccount Bot { get; } = new() { Id = "bot-1", Name = "Bot", Role = RoleTypes.Bot };

    public Activity ConversationUpdate() => Stamp(new Activity
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = [Bot, new ChannelAccount { Id = User.Id, Name = User.Name }],
        MembersRemoved = [],
    });

    public Activity Message(string text, string? deliveryMode = null) => Stamp(new Activity
    {
        Type = ActivityTypes.Message,
        Text = text,
        DeliveryMode = deliveryMode,
        From = User,
    });

    public Activity Stamp(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id ??= Guid.NewGuid().ToString("N")[..12] + "-" + Interlocked.Increment(ref _next);
        activity.Timestamp ??= DateTimeOffset.UtcNow;
        activity.ChannelId ??= Channels.Emulator;
        activity.ServiceUrl ??= serviceUrl.ToString();
        activity.Conversation ??= new ConversationAccount { Id = ConversationId };
        activity.From ??= new ChannelAccount { Id = User.Id, Name = User.Name };
        activity.Recipient ??= Bot;
        activity.Locale ??= locale;
        return activity;
    }
}

public static class HttpClientActivityExtensions
{
    public static Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, Activity activity, string? bearer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, options: BotJson.Options),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return client.SendAsync(request);
    }

    /// <summary>Sends <paramref name="activity"/> with <c>deliveryMode: expectReplies</c> and returns the texts of the replies.</summary>
    public static async Task<List<string?>> ExpectRepliesAsync(this HttpClient client, Activity activity)
        => [.. (await client.ExpectReplyActivitiesAsync(activity)).Select(a => a.Text)];

    /// <summary>Sends <paramref name="activity"/> with <c>deliveryMode: expectReplies</c> and returns the replies (fails on a non-2xx status).</summary>
    public static async Task<IReadOnlyList<Activity>> ExpectReplyActivitiesAsync(this HttpClient client, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await client.PostActivityAsync(activity);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options);
        return body!.Activities;
    }
}
