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
        var groups = new List<(IStorage Storage, List<BotState> Members)>(1);
        foreach (var state in BotStates)
        {
            if (state.NeedsLoad(turnContext, force))
            {
                GroupOf(groups, state.StateStorage).Add(state);
            }
        }

        foreach (var (storage, states) in groups)
        {
            var keys = new string[states.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = states[i].StorageKeyOf(turnContext);
            }

            var items = await storage.ReadAsync(keys, cancellationToken);
            for (var i = 0; i < keys.Length; i++)
            {
                states[i].SetLoaded(turnContext, items.GetValueOrDefault(keys[i]));
            }
        }
    }

    public async Task SaveAllChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // Every state's change is worked out before anything is written.
        var groups = new List<(IStorage Storage, List<PendingChange> Members)>(1);
        foreach (var state in BotStates)
        {
            if (state.FindChange(turnContext, force) is { } change)
            {
                GroupOf(groups, state.StateStorage).Add(change);
            }
        }

        foreach (var (storage, pending) in groups)
        {
            var changes = new Dictionary<string, StoreItem>(pending.Count, StringComparer.Ordinal);
            foreach (var change in pending)
            {
                changes[change.Key] = change.Item;
            }

            var eTags = await storage.WriteAsync(changes, cancellationToken);
            foreach (var change in pending)
            {
                change.MarkSaved(eTags[change.Key]);
            }
        }
    }

    /// <summary>The members kept in <paramref name="storage"/>; groups stay in the order their storage first appears.</summary>
    /// <remarks>A plain list rather than LINQ grouping: there is one storage in practice, and this runs twice a turn.</remarks>
    private static List<T> GroupOf<T>(List<(IStorage Storage, List<T> Members)> groups, IStorage storage)
    {
        foreach (var (groupStorage, members) in groups)
        {
            if (EqualityComparer<IStorage>.Default.Equals(groupStorage, storage))
            {
                return members;
            }
        }

        var added = new List<T>(2);
        groups.Add((storage, added));
        return added;
    }
}
