using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.State;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

public sealed class TurnErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Counts messages in conversation state and fails on "boom", quoting the user's text in the exception.</summary>
    private sealed class FragileBot(ConversationState conversationState) : ActivityHandler
    {
        private readonly IStatePropertyAccessor<int[]> _count = conversationState.CreateProperty<int[]>("count");

        public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            await base.OnTurnAsync(turnContext, cancellationToken);
            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        }

        protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var count = await _count.GetAsync(turnContext, () => [0], cancellationToken);
            count[0]++;
            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
            if (turnContext.Activity.Text!.StartsWith("boom", StringComparison.Ordinal))
            {
                throw new FormatException($"The input '{turnContext.Activity.Text}' was not understood.");
            }

            await turnContext.SendActivityAsync($"count {count[0]}", cancellationToken: cancellationToken);
        }
    }

    private static Task<List<string?>> SendAsync(BotHost host, EmulatorConversation session, string text)
        => host.Client.ExpectRepliesAsync(session.Message(text));

    [Fact]
    public async Task A_failing_turn_apologises_in_the_users_language_and_resets_the_conversation()
    {
        await using var host = await BotHost.StartAsync(_folder, services: s => s.AddSingleton<IBot, FragileBot>());
        var session = new EmulatorConversation(new Uri("http://localhost:1/"), locale: "zh-TW");

        Assert.Equal(["count 1"], await SendAsync(host, session, "a"));
        Assert.Equal(["count 2"], await SendAsync(host, session, "b"));
        var apology = await SendAsync(host, session, "boom secret-text-marker");
        var after = await SendAsync(host, session, "c");

        Assert.Equal(["很抱歉，我這邊發生錯誤。您輸入的內容並未被分享；讓我們從頭開始。"], apology);
        Assert.Equal(["count 1"], after);
        Assert.Contains("System.FormatException", host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-text-marker", host.Logs.All, StringComparison.Ordinal);
    }
}
