using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Builder;

/// <summary>
/// A bot that dispatches each activity to a method by type. Override the hooks you need; the rest do nothing
/// (and unhandled invokes answer 501).
/// </summary>
public class ActivityHandler : IBot
{
    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Invoke:
                var response = await OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                if (!turnContext.TurnState.ContainsKey(BotAdapter.InvokeResponseKey))
                {
                    await turnContext.SendActivityAsync(CreateInvokeResponseActivity(response), cancellationToken).ConfigureAwait(false);
                }

                break;
            case ActivityTypes.EndOfConversation:
                await OnEndOfConversationActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Typing:
                await OnTypingActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Calls <see cref="OnMembersAddedAsync"/> / <see cref="OnMembersRemovedAsync"/> for members other than the bot.</summary>
    protected virtual async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var botId = activity.Recipient?.Id;
        var added = activity.MembersAdded?.Where(m => m is not null && !string.Equals(m.Id, botId, StringComparison.Ordinal)).ToList();
        if (added is { Count: > 0 })
        {
            await OnMembersAddedAsync(added, turnContext, cancellationToken).ConfigureAwait(false);
        }

        var removed = activity.MembersRemoved?.Where(m => m is not null && !string.Equals(m.Id, botId, StringComparison.Ordinal)).ToList();
        if (removed is { Count: > 0 })
        {
            await OnMembersRemovedAsync(removed, turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Members other than the bot joined the conversation.</summary>
    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Routes <c>add</c>/<c>add-upgrade</c> and <c>remove</c>/<c>remove-upgrade</c>.</summary>
    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Action?.ToUpperInvariant() switch
        {
            "ADD" or "ADD-UPGRADE" => OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            "REMOVE" or "REMOVE-UPGRADE" => OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Unknown activity types are ignored.</summary>
    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Answers an invoke. <c>adaptiveCard/action</c> goes to <see cref="OnAdaptiveCardInvokeAsync"/> after its value is
    /// checked; other names answer 501.
    /// </summary>
    protected virtual async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!string.Equals(turnContext.Activity.Name, InvokeNames.AdaptiveCardAction, StringComparison.Ordinal))
        {
            return new InvokeResponse { Status = 501 };
        }

        var value = ReadAdaptiveCardInvokeValue(turnContext.Activity, out var problem);
        if (value is null)
        {
            return CreateAdaptiveCardResponse(AdaptiveCardError(400, "BadRequest", problem!));
        }

        if (!string.Equals(value.Action!.Type, "Action.Execute", StringComparison.Ordinal))
        {
            return CreateAdaptiveCardResponse(AdaptiveCardError(400, "NotSupported", $"The action '{value.Action.Type}' is not supported; only Action.Execute is."));
        }

        var result = await OnAdaptiveCardInvokeAsync(turnContext, value, cancellationToken).ConfigureAwait(false);
        return result is null ? new InvokeResponse { Status = 501 } : CreateAdaptiveCardResponse(result);
    }

    /// <summary>Handles an <c>Action.Execute</c>. Return null when this bot does not handle it (answers 501).</summary>
    protected virtual Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
        => Task.FromResult<AdaptiveCardInvokeResponse?>(null);

    protected static InvokeResponse CreateAdaptiveCardResponse(AdaptiveCardInvokeResponse response)
        => new() { Status = 200, Body = JsonSerializer.SerializeToNode(response, BotJson.Options) };

    protected static AdaptiveCardInvokeResponse AdaptiveCardError(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = ContentTypes.Error,
        Value = new JsonObject { ["code"] = code, ["message"] = message },
    };

    private static Activity CreateInvokeResponseActivity(InvokeResponse response)
        => new() { Type = ActivityTypes.InvokeResponse, Value = JsonSerializer.SerializeToNode(response, BotJson.Options) };

    private static AdaptiveCardInvokeValue? ReadAdaptiveCardInvokeValue(Activity activity, out string? problem)
    {
        problem = null;
        if (activity.Value is not JsonObject)
        {
            problem = "The invoke has no value object.";
            return null;
        }

        AdaptiveCardInvokeValue? value;
        try
        {
            value = activity.Value.Deserialize<AdaptiveCardInvokeValue>(BotJson.Options);
        }
        catch (JsonException)
        {
            problem = "The invoke value is not an adaptiveCard/action value.";
            return null;
        }

        if (value?.Action is null)
        {
            problem = "The invoke value has no action.";
            return null;
        }

        return value;
    }
}
