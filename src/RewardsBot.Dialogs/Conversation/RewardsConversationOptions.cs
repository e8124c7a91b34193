namespace RewardsBot.Dialogs.Conversation;

/// <summary>Settings of the conversation (section <c>Bot:Conversation</c>).</summary>
public sealed class RewardsConversationOptions
{
    public const string SectionName = "Bot:Conversation";

    /// <summary>
    /// The demo identity an Emulator user gets when authentication is off and the Emulator's user id is not itself a
    /// demo identity id (set the Emulator's user id to e.g. <c>demo-kenji</c> to talk as another demo user).
    /// </summary>
    public string EmulatorDemoIdentity { get; set; } = "demo-ana";
}
