namespace RewardsBot.Runtime.State;

/// <summary>
/// A store that can forget what nobody has written for a while: conversation and user state kept past their use
/// (the host deletes what was not written for <c>Bot:StateRetention</c>).
/// </summary>
public interface IStorageRetention
{
    /// <summary>
    /// Deletes every document whose last write was before <paramref name="cutoffUtc"/> and returns how many it deleted.
    /// A document written again meanwhile is kept. Large deletions are made in short steps, so writers are not held
    /// back for long.
    /// </summary>
    Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken);
}
