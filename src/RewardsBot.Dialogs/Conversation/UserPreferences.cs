namespace RewardsBot.Dialogs.Conversation;

/// <summary>What the bot remembers per user (user state): only the chat language they chose, if any.</summary>
public sealed class UserPreferences
{
    /// <summary>en, fr or zh-TW once the user switched language in the chat; null to follow the channel's locale.</summary>
    public string? Language { get; set; }
}

/// <summary>What the bot remembers per conversation besides the dialog stack.</summary>
public sealed class ConversationFlags
{
    /// <summary>The welcome card was shown in this conversation.</summary>
    public bool Welcomed { get; set; }
}
