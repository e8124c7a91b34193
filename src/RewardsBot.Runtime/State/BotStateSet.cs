using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.State;

/// <summary>Several <see cref="BotState"/>s loaded and saved together (typically conversation and user state).</summary>
/// <remarks>States are loaded and saved one after the other: TurnState is not thread-safe, and a conflict on the
/// first save stops the rest.</remarks>
public sealed class BotStateSet
{
    public BotStateSet(params BotState[] botStates)
    {
        ArgumentNullException.ThrowIfNull(botStates);
        foreach (var botState in botStates)
        {
            Add(botState);
        }
    }

    public IList<BotState> BotStates { get; } = [];

    public BotStateSet Add(BotState botState)
    {
        ArgumentNullException.ThrowIfNull(botState);
        BotStates.Add(botState);
        return this;
    }

    public async Task LoadAllAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        foreach (var botState in BotStates)
        {
            await botState.LoadAsync(turnContext, force, cancellationToken);
        }
    }

    public async Task SaveAllChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        foreach (var botState in BotStates)
        {
            await botState.SaveChangesAsync(turnContext, force, cancellationToken);
        }
    }
}
