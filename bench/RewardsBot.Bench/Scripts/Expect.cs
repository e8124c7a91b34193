using System.Text;
using RewardsBot.Bench.Wire;

namespace RewardsBot.Bench.Scripts;

/// <summary>What the replies to one turn must contain: every marker (a bot text or a card's words) somewhere in them.</summary>
internal sealed record Expect(string Name, IReadOnlyList<string> Markers)
{
    /// <summary>The markers in UTF-8, as the replies' words are searched.</summary>
    private readonly byte[][] _utf8Markers = [.. Markers.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Replies that contain the text of each of <paramref name="keys"/> (up to its first placeholder).</summary>
    public static Expect Keys(string name, params string[] keys) => new(name, [.. keys.Select(Say.Prefix)]);

    public bool IsMetBy(Replies replies)
    {
        if (replies.Count == 0)
        {
            return false;
        }

        foreach (var marker in _utf8Markers)
        {
            if (!replies.Contains(marker))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>What happens after a documented alternative answer.</summary>
internal enum Then
{
    /// <summary>Send the same activity again (the bot asked for it).</summary>
    Resend,

    /// <summary>The conversation cannot go on as scripted; it ends there (not an error).</summary>
    EndConversation,
}

/// <summary>An answer other than the scripted one that the bot may legitimately give (e.g. a concurrent change).</summary>
internal sealed record Alternative(Expect Expect, Then Then)
{
    /// <summary>"Changed somewhere else at the same moment … send it again": concurrent turns on shared state.</summary>
    public static Alternative ConcurrentChange { get; } = new(Expect.Keys("changed meanwhile", "host.concurrentChange"), Then.Resend);
}
