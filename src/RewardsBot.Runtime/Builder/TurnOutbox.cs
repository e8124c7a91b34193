using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Builder;

/// <summary>
/// What a turn sends, held until the turn (including its state save) has completed. A turn that must be run again
/// after an eTag conflict therefore never leaves half of its replies behind.
/// </summary>
internal sealed class TurnOutbox
{
    private byte[]? _written;
    private int _writtenCount;

    public List<Activity> Activities { get; } = [];

    /// <summary>
    /// The replies as the JSON array <see cref="TurnReplies.PendingAsJson"/> wrote them, while no reply was added since
    /// (else null): an <c>expectReplies</c> response sends these bytes rather than writing the activities again.
    /// </summary>
    public byte[]? Written => _written is not null && _writtenCount == Activities.Count ? _written : null;

    public void Add(Activity activity)
    {
        Activities.Add(activity);
        _written = null;
    }

    /// <summary>Remembers <paramref name="json"/> as the text of the replies queued now.</summary>
    public void SetWritten(byte[] json)
    {
        _written = json;
        _writtenCount = Activities.Count;
    }
}
