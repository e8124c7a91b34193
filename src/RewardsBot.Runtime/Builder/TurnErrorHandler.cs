using Microsoft.Extensions.Logging;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Builder;

/// <summary>
/// The adapter's answer to a turn that threw: log the failure (type and ids only), apologise in the user's
/// language, and delete the conversation's state so the next message starts afresh instead of failing again.
/// </summary>
public sealed partial class TurnErrorHandler(ConversationState conversationState, ITurnErrorText text, ILogger<TurnErrorHandler> logger)
{
    public async Task HandleAsync(ITurnContext turnContext, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        LogTurnFailed(activity.ChannelId, activity.Type, SafeExceptionInfo.TypeChain(exception), SafeExceptionInfo.StackTrace(exception));

        try
        {
            await turnContext.SendActivityAsync(text.TurnFailed(activity.Locale)).ConfigureAwait(false);
        }
        catch (Exception sendError) when (sendError is not OperationCanceledException)
        {
            LogCleanupFailed("apology", SafeExceptionInfo.TypeChain(sendError));
        }

        try
        {
            await conversationState.DeleteAsync(turnContext, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception deleteError) when (deleteError is not OperationCanceledException)
        {
            LogCleanupFailed("conversation state reset", SafeExceptionInfo.TypeChain(deleteError));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} turn on {ChannelId} failed with {ExceptionType}; the conversation state is reset. {StackTrace}")]
    private partial void LogTurnFailed(string? channelId, string? activityType, string exceptionType, string stackTrace);

    [LoggerMessage(Level = LogLevel.Error, Message = "After a failed turn, the {Step} failed too ({ExceptionType})")]
    private partial void LogCleanupFailed(string step, string exceptionType);
}
