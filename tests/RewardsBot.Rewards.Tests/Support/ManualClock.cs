namespace RewardsBot.Rewards.Tests.Support;

/// <summary>A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing does not restore here).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public static DateTimeOffset DefaultStart { get; } = new(2025, 3, 3, 9, 30, 0, TimeSpan.Zero);

    private DateTimeOffset _now = start;

    public ManualClock()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
