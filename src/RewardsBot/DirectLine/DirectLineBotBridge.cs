using System.Security.Claims;
using Microsoft.Extensions.Options;
using RewardsBot.Hosting;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.DirectLine;

internal enum TurnOutcome { Ok, Failed, TimedOut }

/// <summary>The replies of a turn, or why there are none.</summary>
internal sealed record BotTurn(TurnOutcome Outcome, IReadOnlyList<Activity> Replies);

/// <summary>
/// Runs a turn of the bot in-process for an activity of our own Direct Line channel: already authenticated (the token
/// was checked), <c>deliveryMode: expectReplies</c> so the replies come back instead of going to a Connector, bounded
/// by <see cref="BotHostOptions.TurnTimeout"/> and never abandoned because the browser went away.
/// </summary>
internal sealed partial class DirectLineBotBridge(
    CloudAdapter adapter, IBot bot, IOptions<BotHostOptions> hostOptions, IHostApplicationLifetime lifetime, ILogger<DirectLineBotBridge> logger)
{
    /// <summary>The claim naming the user id the token vouched for, on the identity the bot's turn carries.</summary>
    public const string UserClaim = "directline:user";

    /// <param name="cancellationToken">
    /// Abandons the turn. Callers pass <see cref="CancellationToken.None"/> for turns a browser started: once begun, a turn
    /// runs to its end (or the host's stop, or the timeout) so that what it changed is also in the feed.
    /// </param>
    public async Task<BotTurn> RunTurnAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var identity = new BotAuthenticationResult(
            new ClaimsIdentity([new Claim(UserClaim, activity.From?.Id ?? string.Empty)], authenticationType: "DirectLine"), CallerId: null, IsAnonymous: false);

        using var turn = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, cancellationToken);
        turn.CancelAfter(hostOptions.Value.TurnTimeout);
        try
        {
            var response = await adapter.ProcessAuthenticatedActivityAsync(identity, activity, bot.OnTurnAsync, turn.Token);
            return new BotTurn(TurnOutcome.Ok, (response?.Body as ExpectedReplies)?.Activities ?? []);
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(activity.Type, hostOptions.Value.TurnTimeout.TotalSeconds);
            return new BotTurn(TurnOutcome.TimedOut, []);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The adapter answers the bot's own errors with an apology; what reaches here failed around the bot.
            LogFailed(activity.Type, SafeExceptionInfo.TypeChain(ex));
            return new BotTurn(TurnOutcome.Failed, []);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A Direct Line {ActivityType} turn did not finish within {TimeoutSeconds} s")]
    private partial void LogTimedOut(string? activityType, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Direct Line {ActivityType} turn failed with {ExceptionType}")]
    private partial void LogFailed(string? activityType, string exceptionType);
}
