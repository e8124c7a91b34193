using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.State;

/// <summary>
/// State kept in an <see cref="IStorage"/> under one key per turn (see <see cref="ConversationState"/> and
/// <see cref="UserState"/>), read once per turn, cached in <see cref="ITurnContext.TurnState"/> and written back by
/// <see cref="SaveChangesAsync"/> only when it changed.
/// </summary>
/// <remarks>
/// Properties are plain typed objects stored as JSON (<see cref="Schema.BotJson.Options"/>, no type names). A save
/// writes with the eTag that was read, so a document changed by someone else meanwhile raises
/// <see cref="ETagConflictException"/> instead of being overwritten.
/// </remarks>
public abstract class BotState
{
    /// <param name="storage">Where the state documents live.</param>
    /// <param name="contextServiceKey">Names this state's cache in TurnState; the class name when null.</param>
    protected BotState(IStorage storage, string? contextServiceKey = null)
    {
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
        ContextServiceKey = $"{nameof(BotState)}:{contextServiceKey ?? GetType().Name}";
    }

    protected IStorage Storage { get; }

    /// <summary>The TurnState key of this state's per-turn cache.</summary>
    internal string ContextServiceKey { get; }

    private string StateName => GetType().Name;

    /// <summary>A property of this state, stored under <paramref name="name"/>.</summary>
    public IStatePropertyAccessor<T> CreateProperty<T>(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new BotStatePropertyAccessor<T>(this, name);
    }

    /// <summary>Reads the state into this turn's cache, unless it is cached already and <paramref name="force"/> is false.</summary>
    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && GetCache(turnContext) is not null)
        {
            return;
        }

        var key = GetStorageKey(turnContext);
        var items = await Storage.ReadAsync([key], cancellationToken);
        SetLoaded(turnContext, items.GetValueOrDefault(key));
    }

    /// <summary>
    /// Writes this turn's state if it changed since it was read (or always, with <paramref name="force"/>), with the
    /// eTag it was read with. Nothing happens when the state was not loaded this turn.
    /// </summary>
    /// <exception cref="ETagConflictException">The stored document was changed or deleted by someone else since it was read.</exception>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (FindChange(turnContext, force) is not { } change)
        {
            return;
        }

        var changes = new Dictionary<string, StoreItem>(StringComparer.Ordinal) { [change.Key] = change.Item };
        var eTags = await Storage.WriteAsync(changes, cancellationToken);
        change.MarkSaved(eTags[change.Key]);
    }

    /// <summary>Empties this turn's state; the next <see cref="SaveChangesAsync"/> stores it empty.</summary>
    /// <remarks>Without a load first, the next save replaces the stored document unconditionally.</remarks>
    public void ClearState(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var cached = GetCache(turnContext);
        if (cached is null)
        {
            turnContext.TurnState.Set(ContextServiceKey, CachedBotState.ClearedWithoutLoad());
        }
        else
        {
            cached.Clear();
        }
    }

    /// <summary>Deletes the stored document now and leaves this turn with an empty state.</summary>
    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var key = GetStorageKey(turnContext);
        await Storage.DeleteAsync([key], cancellationToken);
        turnContext.TurnState.Set(ContextServiceKey, CachedBotState.FromStorage(null));
    }

    /// <summary>The storage key of this state for the turn's activity.</summary>
    /// <exception cref="InvalidOperationException">The activity lacks an id the key is built from.</exception>
    protected abstract string GetStorageKey(ITurnContext turnContext);

    internal T GetPropertyValue<T>(ITurnContext turnContext, string name, Func<T>? defaultValueFactory)
    {
        var cached = RequireCache(turnContext);
        if (cached.TryGetProperty(name, out var property) && !(property.IsNull && defaultValueFactory is not null))
        {
            if (property.ValueType is not null && property.Value is T typed)
            {
                return typed;
            }

            // Read once from JSON, then keep the typed instance, so changes the bot makes to it are saved.
            var value = property.ConvertTo<T>(name, StateName);
            cached.SetProperty(name, value, typeof(T));
            return value;
        }

        if (defaultValueFactory is null)
        {
            return default!;
        }

        var created = defaultValueFactory();
        cached.SetProperty(name, created, typeof(T));
        return created;
    }

    internal void SetPropertyValue<T>(ITurnContext turnContext, string name, T value)
        => RequireCache(turnContext).SetProperty(name, value, typeof(T));

    internal void DeletePropertyValue(ITurnContext turnContext, string name)
        => RequireCache(turnContext).RemoveProperty(name);

    /// <summary>The storage this state is kept in (a <see cref="BotStateSet"/> reads and writes states of one storage together).</summary>
    internal IStorage StateStorage => Storage;

    /// <summary>True when this turn has no copy of the state yet (or <paramref name="force"/> asks for a fresh one).</summary>
    internal bool NeedsLoad(ITurnContext turnContext, bool force) => force || GetCache(turnContext) is null;

    internal string StorageKeyOf(ITurnContext turnContext) => GetStorageKey(turnContext);

    /// <summary>Makes <paramref name="item"/> (null: nothing stored yet) this turn's copy of the state.</summary>
    internal void SetLoaded(ITurnContext turnContext, StoreItem? item)
        => turnContext.TurnState.Set(ContextServiceKey, CachedBotState.FromStorage(item));

    /// <summary>What to write for this turn's copy, or null when it is not loaded or unchanged since it was read or saved.</summary>
    internal PendingChange? FindChange(ITurnContext turnContext, bool force)
    {
        var cached = GetCache(turnContext);
        if (cached is null)
        {
            return null;
        }

        var utf8 = cached.Serialize(StateName, out var slices);
        if (!force && cached.SavedUtf8 is { } saved && utf8.AsSpan().SequenceEqual(saved))
        {
            return null;
        }

        var key = GetStorageKey(turnContext);
        return new PendingChange(key, StoreItem.FromUtf8(utf8, cached.ETag, key, slices), cached, utf8);
    }

    private CachedBotState? GetCache(ITurnContext turnContext) => turnContext.TurnState.Get<CachedBotState>(ContextServiceKey);

    private CachedBotState RequireCache(ITurnContext turnContext)
        => GetCache(turnContext)
            ?? throw new InvalidOperationException($"{StateName} is not loaded for this turn. Call LoadAsync first (property accessors do this themselves).");
}

/// <summary>A state's unsaved copy: its key, the item to write, and how to record that it was written.</summary>
internal sealed class PendingChange(string key, StoreItem item, CachedBotState cached, byte[] utf8)
{
    public string Key { get; } = key;

    public StoreItem Item { get; } = item;

    public void MarkSaved(string eTag) => cached.MarkSaved(eTag, utf8);
}
