using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Builder;

namespace RewardsBot.Tests.DirectLine;

/// <summary>
/// A bot that answers each message with who it was told is talking ("from {id} via {channel}"); on "fail" it throws
/// as a broken dependency would (a timeout of its own), which the adapter does not turn into an apology.
/// </summary>
public sealed class WhoIsTalkingBot : ActivityHandler
{
    public static string Answer(string userId) => $"from {userId} via directline";

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Text == "fail")
        {
            throw new TaskCanceledException("A dependency of the bot timed out.");
        }

        var identity = turnContext.TurnState.Get<BotAuthenticationResult>();
        Assert.False(identity is null or { IsAnonymous: true }, "The Direct Line turn carries no authenticated identity.");
        await turnContext.SendActivityAsync(Answer(turnContext.Activity.From!.Id!).Replace("directline", turnContext.Activity.ChannelId, StringComparison.Ordinal), cancellationToken: cancellationToken);
    }
}
