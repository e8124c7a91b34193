using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.State;

/// <summary>State of one user on one channel, across conversations, stored under <c>{channelId}/users/{userId}</c>.</summary>
public class UserState(IStorage storage) : BotState(storage, nameof(UserState))
{
    protected override string GetStorageKey(ITurnContext turnContext) => StorageKeys.ForUser(turnContext);
}
