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

/// <summary>
/// The last turn of the conversation (conversation state, saved with the dialog stack in the same write): the
/// activity's id and the replies it got. A channel re-sending that activity (a retry after a lost answer or a
/// crash, same id) gets the same replies again, and the turn is not run a second time.
/// </summary>
public sealed class LastTurn
{
    public string? ActivityId { get; set; }

    public List<RewardsBot.Runtime.Schema.Activity> Replies { get; set; } = [];
}
