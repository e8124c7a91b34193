using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Builder;

/// <summary>
/// Connects the bot to a channel: runs the middleware pipeline and the bot for each activity and carries
/// what the bot sends back to the channel.
/// </summary>
public abstract class BotAdapter
{
    /// <summary>The TurnState key under which the bot leaves the response to an invoke activity.</summary>
    public const string InvokeResponseKey = "BotAdapter.InvokeResponse";

    protected MiddlewareSet MiddlewareSet { get; } = new();

    /// <summary>Called with any exception the pipeline or the bot throws during a turn.</summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    public BotAdapter Use(IMiddleware middleware)
    {
        MiddlewareSet.Use(middleware);
        return this;
    }

    public abstract Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken);

    public abstract Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    public abstract Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken);

    /// <summary>
    /// Runs middleware then the bot; routes exceptions to <see cref="OnTurnError"/> (rethrows if none is set).
    /// Cancellation and eTag conflicts are not turn errors: they propagate so the adapter can stop or retry the turn.
    /// </summary>
    protected async Task RunPipelineAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        try
        {
            await MiddlewareSet.ReceiveActivityWithStatusAsync(turnContext, callback, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OnTurnError is not null && ex is not OperationCanceledException && ex is not ETagConflictException)
        {
            await OnTurnError(turnContext, ex).ConfigureAwait(false);
        }
    }
}
