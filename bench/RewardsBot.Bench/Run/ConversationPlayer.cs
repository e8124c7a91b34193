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

    /// <param name="recording">Whether turns ending now count (false during the warm-up).</param>
    public static async Task PlayAsync(IChatPath path, Script script, string userId, Func<bool> recording, Recorder recorder, CancellationToken cancellationToken)
    {
        await using var session = await path.OpenAsync(userId, cancellationToken);
        var previous = Replies.None;
        foreach (var step in script.Steps)
        {
            var (outcome, replies) = await PlayStepAsync(path, session, script, step, previous, recording, recorder, cancellationToken);
            if (outcome != Outcome.Ok)
            {
                break;
            }

            previous = replies;
        }

        if (recording())
        {
            recorder.ConversationEnded();
        }
    }

    private static async Task<(Outcome Outcome, Replies Replies)> PlayStepAsync(
        IChatPath path, IChatSession session, Script script, Step step, Replies previous, Func<bool> recording, Recorder recorder, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            TurnResult result;
            if (step.Input is Join)
            {
                result = await session.JoinAsync(cancellationToken);
            }
            else if (path.Shape.Build(step.Input, previous, session.Address) is { } activity)
            {
                result = await session.SendAsync(activity, cancellationToken);
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
            recorder.Step($"{script.Name} ({script.UserId})", step.Name, milliseconds, outcome, detail);
        }
    }
}
