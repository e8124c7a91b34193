using System.Globalization;

namespace RewardsBot.Bench;

/// <summary>Latencies of one worker (no locking: one recorder per worker).</summary>
internal sealed class LatencyRecorder
{
    public List<double> Milliseconds { get; } = new(capacity: 100_000);
    public int Errors { get; private set; }

    public void Record(double milliseconds, bool ok)
    {
        Milliseconds.Add(milliseconds);
        if (!ok)
        {
            Errors++;
        }
    }
}

internal sealed record LoadResult(int Concurrency, int Turns, int Errors, double TurnsPerSecond, double P50, double P95, double P99)
{
    public static LoadResult From(int concurrency, int seconds, IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r.Milliseconds).Order().ToArray();
        var errors = recorders.Sum(r => r.Errors);
        return new LoadResult(concurrency, all.Length, errors, all.Length / (double)seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    public string ToTableRow() => string.Create(CultureInfo.InvariantCulture,
        $"{Concurrency,11}  {TurnsPerSecond,7:F0}  {P50,7:F2}  {P95,7:F2}  {P99,7:F2}  {Turns,6}  {Errors,7}");

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
