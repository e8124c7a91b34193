using System.Runtime.CompilerServices;
using RewardsBot.Bench.Scripts;

namespace RewardsBot.Bench.Run;

/// <summary>How one turn ended.</summary>
internal enum Outcome { Ok, Alternative, Error }

/// <summary>Counts of one scripted step (script/step), with an example of what came instead when it failed.</summary>
internal sealed class StepCounts
{
    public long Ok { get; set; }

    public long Errors { get; set; }

    public Dictionary<string, long> Alternatives { get; } = new(StringComparer.Ordinal);

    public string? FirstError { get; set; }

    public void Add(StepCounts other)
    {
        Ok += other.Ok;
        Errors += other.Errors;
        FirstError ??= other.FirstError;
        foreach (var (name, count) in other.Alternatives)
        {
            Alternatives[name] = Alternatives.GetValueOrDefault(name) + count;
        }
    }
}

/// <summary>What one worker measured (no locking: one recorder per worker); only turns after the warm-up count.</summary>
internal sealed class Recorder
{
    public List<double> Milliseconds { get; } = new(capacity: 64 * 1024);

    public long Conversations { get; private set; }

    public long Errors { get; private set; }

    public long Alternatives { get; private set; }

    /// <summary>By script and step (the objects themselves: no string hashing per turn), in the order first seen.</summary>
    private readonly Dictionary<(Script Script, Step Step), StepCounts> _steps = new(SameObjects.Instance);

    /// <summary>Each step's counts, named by script ("name (user)") and step.</summary>
    public IEnumerable<KeyValuePair<(string Script, string Step), StepCounts>> Steps
        => _steps.Select(s => KeyValuePair.Create((s.Key.Script.Label, s.Key.Step.Name), s.Value));

    /// <param name="milliseconds">The turn's time; null when nothing could be sent (the button to click was missing).</param>
    public void Step(Script script, Step step, double? milliseconds, Outcome outcome, string? detail)
    {
        if (milliseconds is { } time)
        {
            Milliseconds.Add(time);
        }

        if (!_steps.TryGetValue((script, step), out var counts))
        {
            _steps[(script, step)] = counts = new StepCounts();
        }

        switch (outcome)
        {
            case Outcome.Ok:
                counts.Ok++;
                break;
            case Outcome.Alternative:
                Alternatives++;
                counts.Alternatives[detail!] = counts.Alternatives.GetValueOrDefault(detail!) + 1;
                break;
            default:
                Errors++;
                counts.Errors++;
                counts.FirstError ??= detail;
                break;
        }
    }

    public void ConversationEnded() => Conversations++;

    private sealed class SameObjects : IEqualityComparer<(Script Script, Step Step)>
    {
        public static SameObjects Instance { get; } = new();

        public bool Equals((Script Script, Step Step) x, (Script Script, Step Step) y) => ReferenceEquals(x.Script, y.Script) && ReferenceEquals(x.Step, y.Step);

        public int GetHashCode((Script Script, Step Step) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Script), RuntimeHelpers.GetHashCode(obj.Step));
    }
}
