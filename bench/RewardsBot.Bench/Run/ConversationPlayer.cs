using System.Runtime.CompilerServices;
using RewardsBot.Bench.Scripts;
using RewardsBot.Bench.Wire;

namespace RewardsBot.Bench.Run;

/// <summary>
/// Plays one script over a chat path: each step's activity is built from the previous turn's replies (the card to
/// click), sent, and its replies checked against the step's expectation or its documented alternatives.
/// </summary>
internal static class ConversationPlayer
{
    /// <summary>How often a step is sent again after "changed meanwhile, send it again" before it counts as an error.</summary>
    private const int MaxResends = 5;

    /// <param name="body">The worker's buffer for the requests it sends.</param>
    /// <param name="recording">Whether turns ending now count (false during the warm-up).</param>
    public static async Task PlayAsync(
        IChatPath path, Script script, string userId, RequestBody body, Func<bool> recording, Recorder recorder, CancellationToken cancellationToken)
    {
        await using var session = await path.OpenAsync(userId, body, cancellationToken);
        var previous = Replies.None;
        try
        {
            foreach (var step in script.Steps)
            {
                var (outcome, replies) = await PlayStepAsync(path, session, body, script, step, previous, recording, recorder, cancellationToken);
                previous.Dispose(); // its buttons were needed only to build this step's activity
                previous = replies;
                if (outcome != Outcome.Ok)
                {
                    break;
                }
            }
        }
        finally
        {
            previous.Dispose();
        }

        if (recording())
        {
            recorder.ConversationEnded();
        }
    }

    /// <remarks>Its state machine is pooled, as are those of the path's calls below it: no allocation per turn for them.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(Outcome Outcome, Replies Replies)> PlayStepAsync(
        IChatPath path, IChatSession session, RequestBody body, Script script, Step step, Replies previous, Func<bool> recording, Recorder recorder,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            TurnResult result;
            if (step.Input is Join)
            {
                result = await session.JoinAsync(cancellationToken);
            }
            else if (path.Shape.TryWrite(body.Start(), step.Input, previous, session.Address))
            {
                result = await session.SendAsync(cancellationToken);
            }
            else
            {
                // Nothing was sent: not a turn, but the script is broken here.
                Record(recording, recorder, script, step, null, Outcome.Error, $"no button {((Click)step.Input).Describe()} in: {previous.Describe()}");
                return (Outcome.Error, Replies.None);
            }

            var (outcome, detail, then) = Judge(step, result);
            var resend = outcome == Outcome.Alternative && then == Then.Resend;
            if (resend && attempt == MaxResends)
            {
                (outcome, detail, resend) = (Outcome.Error, $"{detail} again after {MaxResends} resends", false);
            }

            Record(recording, recorder, script, step, result.Milliseconds, outcome, detail);
            if (!resend)
            {
                return (outcome, result.Replies);
            }

            result.Replies.Dispose();
        }
    }

    private static (Outcome Outcome, string? Detail, Then Then) Judge(Step step, TurnResult result)
    {
        if (result.Failure is not null)
        {
            return (Outcome.Error, result.Failure, Then.EndConversation);
        }

        if (step.Expect.IsMetBy(result.Replies))
        {
            return (Outcome.Ok, null, Then.EndConversation);
        }

        foreach (var alternative in step.AllAlternatives)
        {
            if (alternative.Expect.IsMetBy(result.Replies))
            {
                return (Outcome.Alternative, alternative.Expect.Name, alternative.Then);
            }
        }

        return (Outcome.Error, $"expected {step.Expect.Name}, got {result.Replies.Describe()}", Then.EndConversation);
    }

    private static void Record(Func<bool> recording, Recorder recorder, Script script, Step step, double? milliseconds, Outcome outcome, string? detail)
    {
        if (recording())
        {
            recorder.Step(script, step, milliseconds, outcome, detail);
        }
    }
}
