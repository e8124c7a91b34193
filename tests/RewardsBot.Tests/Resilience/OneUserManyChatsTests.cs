using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.Resilience;

/// <summary>
/// One user opening many chats at the same moment: their turns share the user's state, so their saves meet; a turn
/// run again after such a conflict must still give its whole answer.
/// </summary>
public sealed class OneUserManyChatsTests : LoopbackBotTest
{
    private const int Chats = 24;

    [Fact]
    public async Task Every_chat_a_user_opens_at_the_same_moment_gets_the_welcome_and_the_menu()
    {
        var sessions = Enumerable.Range(0, Chats).Select(_ => new EmulatorConversation(Connector.ServiceUrl, userId: "demo-ana")).ToList();

        var answers = await Task.WhenAll(sessions.Select(s => Task.Run(() => Host.Client.ExpectReplyActivitiesAsync(s.ConversationUpdate()))));

        var menuButton = BotTexts.Default.Get("card.menu.contact", "en-US");
        Assert.All(answers, replies =>
        {
            Assert.Equal(2, replies.Count); // the welcome card, then the menu
            Assert.Contains(menuButton, WireCards.ButtonTitles(WireCards.SingleCard(replies[^1])));
        });
    }

    [Fact]
    public async Task Every_chat_a_user_starts_with_a_message_at_the_same_moment_gets_the_welcome_and_an_answer()
    {
        var sessions = Enumerable.Range(0, Chats).Select(_ => new EmulatorConversation(Connector.ServiceUrl, userId: "demo-lena")).ToList();

        var answers = await Task.WhenAll(sessions.Select(s => Task.Run(() => Host.Client.ExpectReplyActivitiesAsync(s.Message("activate")))));

        var choose = BotTexts.Default.Get("activation.choose.prompt", "en-US");
        Assert.All(answers, replies =>
        {
            Assert.Equal(2, replies.Count); // the welcome card, then the benefit choice
            Assert.Equal(choose, replies[^1].Text);
        });
    }
}
