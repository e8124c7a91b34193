using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Builder;

/// <summary>The turn context the adapter creates for each incoming activity.</summary>
public sealed class TurnContext : ITurnContext
{
    public TurnContext(BotAdapter adapter, Activity activity)
    {
        Adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
    }

    public BotAdapter Adapter { get; }
    public Activity Activity { get; }
    public TurnContextStateCollection TurnState { get; } = new();
    public bool Responded { get; private set; }

    public Task<ResourceResponse> SendActivityAsync(string text, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default)
        => SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text, Speak = speak, InputHint = inputHint }, cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var responses = await SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses.Length > 0 ? responses[0] : new ResourceResponse();
    }

    public Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var outgoing = new Activity[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i] ?? throw new ArgumentException("An activity to send was null.", nameof(activities));
            ApplyConversationReference(activity);
            outgoing[i] = activity;
            if (activity.Type is ActivityTypes.Message or null)
            {
                Responded = true;
            }
        }

        return Adapter.SendActivitiesAsync(this, outgoing, cancellationToken);
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.Id))
        {
            throw new ArgumentException("The activity to update needs the id of the sent activity it replaces (Activity.Id).", nameof(activity));
        }

        ApplyConversationReference(activity);
        return Adapter.UpdateActivityAsync(this, activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        return Adapter.DeleteActivityAsync(this, activityId, cancellationToken);
    }

    /// <summary>Addresses an outgoing activity like a reply to the incoming one, keeping what the caller set.</summary>
    private void ApplyConversationReference(Activity outgoing)
    {
        var incoming = Activity;
        outgoing.Type ??= ActivityTypes.Message;
        outgoing.ChannelId ??= incoming.ChannelId;
        outgoing.ServiceUrl ??= incoming.ServiceUrl;
        outgoing.Locale ??= incoming.Locale;
        outgoing.From ??= incoming.Recipient is null ? null : new ChannelAccount { Id = incoming.Recipient.Id, Name = incoming.Recipient.Name, Role = RoleTypes.Bot };
        outgoing.Recipient ??= incoming.From is null ? null : new ChannelAccount { Id = incoming.From.Id, Name = incoming.From.Name, AadObjectId = incoming.From.AadObjectId, Role = incoming.From.Role };
        outgoing.Conversation ??= incoming.Conversation is null ? null : new ConversationAccount
        {
            Id = incoming.Conversation.Id,
            Name = incoming.Conversation.Name,
            IsGroup = incoming.Conversation.IsGroup,
            ConversationType = incoming.Conversation.ConversationType,
            TenantId = incoming.Conversation.TenantId,
        };

        // A conversationUpdate on Direct Line / Web Chat is not addressable: reply to the conversation instead.
        var addressable = !(incoming.IsType(ActivityTypes.ConversationUpdate) && incoming.ChannelId is Channels.DirectLine or Channels.Webchat);
        if (outgoing.ReplyToId is null && addressable && outgoing.Type != ActivityTypes.InvokeResponse)
        {
            outgoing.ReplyToId = incoming.Id;
        }
    }
}
