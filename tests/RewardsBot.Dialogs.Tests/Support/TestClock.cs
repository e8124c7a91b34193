namespace RewardsBot.Dialogs.Tests.Support;

/// <summary>A clock the test moves by hand; starts on a fixed weekday morning (UTC).</summary>
public sealed class TestClock : TimeProvider
{
    public static DateTimeOffset DefaultStart { get; } = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private DateTimeOffset _now = DefaultStart;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
