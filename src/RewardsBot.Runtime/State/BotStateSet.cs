using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.State;

/// <summary>Several <see cref="BotState"/>s loaded and saved together (typically conversation and user state).</summary>
/// <remarks>States kept in the same storage are read with one read and written with one write, so they are saved
/// together or not at all (a conflict on one leaves every state of that storage unsaved). States in different storages
/// are handled one storage after the other: TurnState is not thread-safe.</remarks>
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
        ArgumentNullException.ThrowIfNull(turnContext);
        foreach (var group in BotStates.Where(state => state.NeedsLoad(turnContext, force)).GroupBy(state => state.StateStorage))
        {
            var keys = group.Select(state => state.StorageKeyOf(turnContext)).ToArray();
            var items = await group.Key.ReadAsync(keys, cancellationToken);
            foreach (var (state, key) in group.Zip(keys))
            {
                state.SetLoaded(turnContext, items.GetValueOrDefault(key));
            }
        }
    }

    public async Task SaveAllChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var pending = BotStates
            .Select(state => (state.StateStorage, Change: state.FindChange(turnContext, force)))
            .Where(entry => entry.Change is not null)
            .GroupBy(entry => entry.StateStorage, entry => entry.Change!);
        foreach (var group in pending)
        {
            var changes = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
            foreach (var change in group)
            {
                changes[change.Key] = change.Item;
            }

            var eTags = await group.Key.WriteAsync(changes, cancellationToken);
            foreach (var change in group)
            {
                change.MarkSaved(eTags[change.Key]);
            }
        }
    }
}
