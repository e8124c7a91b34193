using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Builder;

/// <summary>
/// What a turn sends, held until the turn (including its state save) has completed. A turn that must be run again
/// after an eTag conflict therefore never leaves half of its replies behind.
/// </summary>
internal sealed class TurnOutbox
{
    public List<Activity> Activities { get; } = [];
}
