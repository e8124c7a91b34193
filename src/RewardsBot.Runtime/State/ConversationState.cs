using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.State;

/// <summary>State shared by everyone in a conversation, stored under <c>{channelId}/conversations/{conversationId}</c>.</summary>
public class ConversationState(IStorage storage) : BotState(storage, nameof(ConversationState))
{
    protected override string GetStorageKey(ITurnContext turnContext) => StorageKeys.ForConversation(turnContext);
}
