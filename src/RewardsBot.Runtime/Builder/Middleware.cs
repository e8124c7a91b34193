namespace RewardsBot.Runtime.Builder;

/// <summary>Continues the pipeline.</summary>
public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>A step that runs before (and around) the bot on every turn.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken);
}

/// <summary>The ordered middleware of an adapter.</summary>
public sealed class MiddlewareSet : IMiddleware
{
    private readonly List<IMiddleware> _middleware = [];

    public MiddlewareSet Use(IMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        => RunAsync(turnContext, 0, ct => next(ct), cancellationToken);

    /// <summary>Runs every middleware in order, then <paramref name="callback"/> (when no middleware short-circuits).</summary>
    public Task ReceiveActivityWithStatusAsync(ITurnContext turnContext, BotCallbackHandler? callback, CancellationToken cancellationToken)
        => RunAsync(turnContext, 0, ct => callback is null ? Task.CompletedTask : callback(turnContext, ct), cancellationToken);

    private Task RunAsync(ITurnContext turnContext, int index, Func<CancellationToken, Task> last, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (index == _middleware.Count)
        {
            return last(cancellationToken);
        }

        return _middleware[index].OnTurnAsync(turnContext, ct => RunAsync(turnContext, index + 1, last, ct), cancellationToken);
    }
}

/// <summary>The bot: handles one turn.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
