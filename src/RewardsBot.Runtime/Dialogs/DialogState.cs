using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>The dialog stack of a conversation (or of a component dialog), top first. Plain JSON.</summary>
/// <remarks>
/// Read and written by <see cref="DialogStateConverter"/> rather than the reflection serializer: the stack is read and
/// written back on every turn, and most of it (the dialogs below the active one) does not change.
/// </remarks>
[JsonConverter(typeof(DialogStateConverter))]
public sealed class DialogState
{
    public List<DialogInstance> DialogStack { get; set; } = [];
}

/// <summary>One running dialog on a stack, with the state it keeps between turns.</summary>
public sealed class DialogInstance
{
    /// <summary>Random bytes per thread for <see cref="NewInstanceId"/>: one call to the system's CSPRNG per 32 ids.</summary>
    [ThreadStatic]
    private static byte[]? t_randomBytes;

    [ThreadStatic]
    private static int t_randomOffset;

    private static readonly JsonNodeOptions StoredNodeOptions = new() { PropertyNameCaseInsensitive = BotJson.Options.PropertyNameCaseInsensitive };

    private JsonObject? _state;

    /// <summary>The state as read from storage while <see cref="State"/> has not been asked for (else undefined).</summary>
    private JsonElement _storedState;

    /// <summary>The id of the dialog (what <c>AddDialog</c> registered).</summary>
    public required string Id { get; set; }

    /// <summary>
    /// A new random id for every run of a dialog. Cards sent by a prompt carry it, so a submit from an older card
    /// (or a second click) is recognised as stale and never answers the wrong step.
    /// </summary>
    public required string InstanceId { get; set; }

    /// <summary>The dialog's own state (plain JSON).</summary>
    /// <remarks>
    /// State read from storage becomes a <see cref="JsonObject"/> only when asked for: the dialogs below the active one
    /// are written back as the text they were read from.
    /// </remarks>
    public JsonObject State
    {
        get => _state ??= _storedState.ValueKind == JsonValueKind.Object ? JsonObject.Create(_storedState, StoredNodeOptions)! : [];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _state = value;
            _storedState = default;
        }
    }

    /// <summary>For a component dialog: its inner stack.</summary>
    public DialogState? InnerState { get; set; }

    /// <summary>The stored state (a JSON object) while <see cref="State"/> has not been asked for.</summary>
    internal bool TryGetStoredState(out JsonElement state)
    {
        state = _storedState;
        return _state is null && state.ValueKind == JsonValueKind.Object;
    }

    /// <summary>
    /// While <see cref="State"/> has not been asked for: the value under <paramref name="key"/> in the stored state,
    /// its name compared as <see cref="State"/> would (<see cref="JsonValueKind.Undefined"/> when there is none),
    /// read without building <see cref="State"/>. False once <see cref="State"/> was asked for: look there.
    /// </summary>
    internal bool TryGetStoredValue(string key, out JsonElement value)
    {
        if (!TryGetStoredState(out var state))
        {
            value = default;
            return false;
        }

        if (!state.TryGetProperty(key, out value) && StoredNodeOptions.PropertyNameCaseInsensitive)
        {
            foreach (var property in state.EnumerateObject())
            {
                if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                }
            }
        }

        return true;
    }

    /// <summary>An instance as read from storage, its state kept as <paramref name="storedState"/> (a JSON object).</summary>
    internal static DialogInstance FromStorage(string id, string instanceId, JsonElement storedState, DialogState? innerState)
        => new() { Id = id, InstanceId = instanceId, _storedState = storedState, InnerState = innerState };

    internal static DialogInstance Create(string id) => new() { Id = id, InstanceId = NewInstanceId(), _state = [] };

    /// <summary>16 hex digits from the CSPRNG, taken from a per-thread block of random bytes that is refilled when used up.</summary>
    private static string NewInstanceId()
    {
        const int IdBytes = 8;
        var bytes = t_randomBytes;
        var offset = t_randomOffset;
        if (bytes is null || offset > bytes.Length - IdBytes)
        {
            bytes = t_randomBytes ??= new byte[256];
            RandomNumberGenerator.Fill(bytes);
            offset = 0;
        }

        t_randomOffset = offset + IdBytes;
        return Convert.ToHexStringLower(bytes, offset, IdBytes);
    }
}
