using System.Globalization;

namespace RewardsBot.Bench.Run;

/// <summary>The figures of one scenario at one concurrency level, with the counts of every step.</summary>
internal sealed record LoadResult(
    int Concurrency, long Turns, long Conversations, double Seconds, long Errors, long Alternatives, double P50, double P95, double P99,
    IReadOnlyList<KeyValuePair<(string Script, string Step), StepCounts>> Steps)
{
    public const string Header = "concurrency  turns/s   conv/s   p50 ms   p95 ms   p99 ms    turns  conversations  alternatives  errors";

    public double TurnsPerSecond => Turns / Seconds;

    public static LoadResult From(int concurrency, double seconds, IReadOnlyCollection<Recorder> recorders)
    {
        var all = new double[recorders.Sum(r => r.Milliseconds.Count)];
        var filled = 0;
        foreach (var recorder in recorders)
        {
            recorder.Milliseconds.CopyTo(all, filled);
            filled += recorder.Milliseconds.Count;
        }

        Array.Sort(all);
        var steps = new Dictionary<(string, string), StepCounts>();
        foreach (var (key, counts) in recorders.SelectMany(r => r.Steps))
        {
            (steps.TryGetValue(key, out var merged) ? merged : steps[key] = new StepCounts()).Add(counts);
        }

        return new LoadResult(
            concurrency, all.Length, recorders.Sum(r => r.Conversations), seconds, recorders.Sum(r => r.Errors), recorders.Sum(r => r.Alternatives),
            Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), [.. steps]);
    }

    public string ToTableRow() => string.Create(CultureInfo.InvariantCulture,
        $"{Concurrency,11}  {TurnsPerSecond,7:F0}  {Conversations / Seconds,7:F0}  {P50,7:F2}  {P95,7:F2}  {P99,7:F2}  {Turns,7}  {Conversations,13}  {Alternatives,12}  {Errors,6}");

    /// <summary>Each step's counts: all of them, or only those with alternatives or errors.</summary>
    public IEnumerable<string> StepRows(bool all)
    {
        foreach (var ((script, step), counts) in Steps.OrderBy(s => s.Key.Script, StringComparer.Ordinal))
        {
            if (!all && counts.Errors == 0 && counts.Alternatives.Count == 0)
            {
                continue;
            }

            var alternatives = string.Join(", ", counts.Alternatives.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key}: {a.Value}")));
            yield return string.Create(CultureInfo.InvariantCulture,
                $"    {script} / {step}: ok {counts.Ok}, errors {counts.Errors}{(alternatives.Length > 0 ? ", alternatives " + alternatives : "")}");
            if (counts.FirstError is not null)
            {
                yield return "        first error: " + counts.FirstError;
            }
        }
    }

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
