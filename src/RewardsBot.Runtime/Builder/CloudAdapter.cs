using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Connector;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Builder;

/// <summary>
/// The adapter between channels and the bot: authenticates a request, runs the turn (one at a time per
/// conversation), and delivers the replies by the activity's delivery mode — POSTed to the channel's Connector
/// (normal), returned in the HTTP response (<c>expectReplies</c>), or as the result of an invoke.
/// </summary>
public partial class CloudAdapter : BotAdapter
{
    private readonly IBotAuthenticator _authenticator;
    private readonly IConnectorClient _connector;
    private readonly ITurnErrorText _errorText;
    private readonly ILogger<CloudAdapter> _logger;
    private readonly ConversationGate _gate = new();
    private readonly RecentActivities _recent;

    public CloudAdapter(
        IBotAuthenticator authenticator,
        IConnectorClient connector,
        ITurnErrorText errorText,
        IOptions<CloudAdapterOptions> options,
        TimeProvider timeProvider,
        ILogger<CloudAdapter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _authenticator = authenticator;
        _connector = connector;
        _errorText = errorText;
        _logger = logger;
        _recent = new RecentActivities(timeProvider, options.Value.DuplicateWindowSize, options.Value.DuplicateWindow);
    }

    /// <summary>
    /// Processes an activity that arrived at the messaging endpoint. Returns the HTTP response the caller must write:
    /// null for 200 with no body (normal delivery), otherwise the status and body (invoke, <c>expectReplies</c>).
    /// Throws <see cref="BotAuthenticationException"/> (401) when the request's credentials are refused.
    /// </summary>
    public async Task<InvokeResponse?> ProcessActivityAsync(string? authorizationHeader, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var identity = await _authenticator.AuthenticateRequestAsync(activity, authorizationHeader, cancellationToken).ConfigureAwait(false);
        return await ProcessAuthenticatedActivityAsync(identity, activity, callback, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Processes an activity whose sender was already authenticated (e.g. by the host's own Direct Line).</summary>
    public async Task<InvokeResponse?> ProcessAuthenticatedActivityAsync(BotAuthenticationResult identity, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);
        ActivityValidation.ThrowIfInvalid(activity);

        // The caller id is never taken from the wire.
        activity.CallerId = identity.CallerId;
        var isInvoke = activity.IsType(ActivityTypes.Invoke);
        var expectReplies = !isInvoke && string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);

        var conversationKey = activity.ChannelId + "\n" + activity.Conversation!.Id;
        using var lease = await _gate.EnterAsync(conversationKey, cancellationToken).ConfigureAwait(false);

        var duplicateKey = isInvoke || expectReplies || string.IsNullOrEmpty(activity.Id) ? null : conversationKey + "\n" + activity.Id;
        if (duplicateKey is not null && _recent.Contains(duplicateKey))
        {
            LogDuplicate(activity.ChannelId, activity.Type);
            return null;
        }

        var turnContext = await RunTurnAsync(identity, activity, callback, cancellationToken).ConfigureAwait(false);
        var outbox = turnContext.TurnState.Get<TurnOutbox>()!;

        InvokeResponse? response = null;
        if (expectReplies)
        {
            response = new InvokeResponse { Status = 200, Body = ExpectedReplies.Create(outbox.Activities, outbox.Written) };
        }
        else
        {
            await DeliverAsync(outbox.Activities, cancellationToken).ConfigureAwait(false);
        }

        if (isInvoke)
        {
            response = turnContext.TurnState.Get<InvokeResponse>(InvokeResponseKey) ?? new InvokeResponse { Status = 501 };
        }

        if (duplicateKey is not null)
        {
            _recent.Add(duplicateKey);
        }

        return response;
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var outbox = turnContext.TurnState.Get<TurnOutbox>()
            ?? throw new InvalidOperationException("This turn context was not created by CloudAdapter.ProcessActivityAsync; send through the turn the adapter runs.");
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            if (activity.IsType(ActivityTypes.InvokeResponse))
            {
                turnContext.TurnState.Set(InvokeResponseKey, ReadInvokeResponse(activity.Value));
            }
            else
            {
                outbox.Add(activity);
            }

            // Like the SDK in expectReplies mode: ids of queued activities are not known until they are delivered.
            responses[i] = new ResourceResponse();
        }

        return Task.FromResult(responses);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (serviceUrl, conversationId) = Address(activity);
        return _connector.UpdateActivityAsync(serviceUrl, conversationId, activity.Id!, activity, cancellationToken);
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var (serviceUrl, conversationId) = Address(turnContext.Activity);
        return _connector.DeleteActivityAsync(serviceUrl, conversationId, activityId, cancellationToken);
    }

    /// <summary>Runs the pipeline; after an eTag conflict it runs the turn once more on fresh state, then tells the user.</summary>
    private async Task<TurnContext> RunTurnAsync(BotAuthenticationResult identity, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var turnContext = CreateTurnContext(identity, activity);
            try
            {
                await RunPipelineAsync(turnContext, callback, cancellationToken).ConfigureAwait(false);
                return turnContext;
            }
            catch (ETagConflictException) when (attempt == 1)
            {
                LogConflictRetry(activity.ChannelId, activity.Type);
            }
            catch (ETagConflictException)
            {
                LogConflictReported(activity.ChannelId, activity.Type);
                var reportContext = CreateTurnContext(identity, activity);
                await reportContext.SendActivityAsync(_errorText.ConcurrentChange(activity.Locale), cancellationToken: cancellationToken).ConfigureAwait(false);
                return reportContext;
            }
        }
    }

    private TurnContext CreateTurnContext(BotAuthenticationResult identity, Activity activity)
    {
        var turnContext = new TurnContext(this, activity);
        turnContext.TurnState.Set(identity);
        turnContext.TurnState.Set(new TurnOutbox());
        return turnContext;
    }

    private async Task DeliverAsync(List<Activity> activities, CancellationToken cancellationToken)
    {
        foreach (var activity in activities)
        {
            var (serviceUrl, conversationId) = Address(activity);
            try
            {
                if (string.IsNullOrEmpty(activity.ReplyToId))
                {
                    await _connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _connector.ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ConnectorException ex)
            {
                // The turn and its state are committed; the channel refused the reply. Later replies would fail alike.
                LogDeliveryFailed(ex, activity.ChannelId, ex.StatusCode, ex.ErrorCode);
                return;
            }
            catch (HttpRequestException ex)
            {
                LogDeliveryFailed(ex, activity.ChannelId, 0, null);
                return;
            }
        }
    }

    private static (string ServiceUrl, string ConversationId) Address(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            throw new InvalidOperationException("The activity has no serviceUrl or conversation id, so it cannot be sent to the channel. Send replies within a turn that came from a channel.");
        }

        return (activity.ServiceUrl, activity.Conversation.Id);
    }

    private static InvokeResponse ReadInvokeResponse(JsonNode? value)
    {
        if (value is JsonObject obj && obj["status"] is JsonValue status && status.TryGetValue<int>(out var code))
        {
            return new InvokeResponse { Status = code, Body = obj["body"]?.DeepClone() };
        }

        return value?.Deserialize<InvokeResponse>(BotJson.Options) ?? new InvokeResponse { Status = 200 };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a repeated {ActivityType} activity on {ChannelId}")]
    private partial void LogDuplicate(string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "State changed concurrently during a {ActivityType} turn on {ChannelId}; running the turn again")]
    private partial void LogConflictRetry(string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State changed concurrently twice during a {ActivityType} turn on {ChannelId}; the user was asked to send again")]
    private partial void LogConflictReported(string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not deliver a reply on {ChannelId}: status {StatusCode}, code {ErrorCode}")]
    private partial void LogDeliveryFailed(Exception exception, string? channelId, int statusCode, string? errorCode);
}
