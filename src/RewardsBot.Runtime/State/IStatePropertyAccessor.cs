using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.State;

/// <summary>One named, typed property of a <see cref="BotState"/> (from <see cref="BotState.CreateProperty{T}"/>).</summary>
/// <typeparam name="T">A plain data type that round-trips through JSON: a record or class, a list, a dictionary, an enum, a number, a string.</typeparam>
public interface IStatePropertyAccessor<T>
{
    /// <summary>The property's name in the state document.</summary>
    string Name { get; }

    /// <summary>
    /// Gets the property, loading the state first if this turn has not. When the property is absent (or null) and
    /// <paramref name="defaultValueFactory"/> is given, its value is stored into the state and returned; without a
    /// factory the result is <c>default(T)</c>. The instance returned is the one saved: changes made to it are saved
    /// by <see cref="BotState.SaveChangesAsync"/>.
    /// </summary>
    Task<T> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the property (saved by <see cref="BotState.SaveChangesAsync"/>).</summary>
    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default);

    /// <summary>Removes the property (saved by <see cref="BotState.SaveChangesAsync"/>).</summary>
    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}

/// <summary>The accessor <see cref="BotState.CreateProperty{T}"/> returns: loads the state, then reads or changes one property of it.</summary>
/// <remarks>
/// Once the turn has loaded the state (every call but the first, usually) the property is read or set at once,
/// without async machinery; a failure still comes back in the returned task, as from the async path.
/// </remarks>
internal sealed class BotStatePropertyAccessor<T>(BotState botState, string name) : IStatePropertyAccessor<T>
{
    public string Name { get; } = name;

    public Task<T> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default)
    {
        if (turnContext is null || botState.NeedsLoad(turnContext, force: false))
        {
            return LoadThenGetAsync(turnContext!, defaultValueFactory, cancellationToken);
        }

        try
        {
            return Task.FromResult(botState.GetPropertyValue(turnContext, Name, defaultValueFactory));
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    public Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
    {
        if (turnContext is null || botState.NeedsLoad(turnContext, force: false))
        {
            return LoadThenSetAsync(turnContext!, value, cancellationToken);
        }

        try
        {
            botState.SetPropertyValue(turnContext, Name, value);
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await botState.LoadAsync(turnContext, force: false, cancellationToken);
        botState.DeletePropertyValue(turnContext, Name);
    }

    private async Task<T> LoadThenGetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory, CancellationToken cancellationToken)
    {
        await botState.LoadAsync(turnContext, force: false, cancellationToken);
        return botState.GetPropertyValue(turnContext, Name, defaultValueFactory);
    }

    private async Task LoadThenSetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken)
    {
        await botState.LoadAsync(turnContext, force: false, cancellationToken);
        botState.SetPropertyValue(turnContext, Name, value);
    }
}
