namespace RewardsBot.Runtime.Builder;

/// <summary>What the adapter tells a user when a turn fails. The host supplies the words, in the user's language.</summary>
public interface ITurnErrorText
{
    /// <summary>The turn failed; the conversation starts afresh.</summary>
    string TurnFailed(string? locale);

    /// <summary>Someone else changed this conversation at the same moment, twice; the message was not applied.</summary>
    string ConcurrentChange(string? locale);
}
