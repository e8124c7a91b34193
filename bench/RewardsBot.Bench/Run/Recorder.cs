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

    /// <summary>By script (name and user) and step, in the order first seen.</summary>
    public Dictionary<(string Script, string Step), StepCounts> Steps { get; } = [];

    /// <param name="milliseconds">The turn's time; null when nothing could be sent (the button to click was missing).</param>
    public void Step(string script, string step, double? milliseconds, Outcome outcome, string? detail)
    {
        if (milliseconds is { } time)
        {
            Milliseconds.Add(time);
        }

        var counts = Steps.TryGetValue((script, step), out var existing) ? existing : Steps[(script, step)] = new StepCounts();
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
}
