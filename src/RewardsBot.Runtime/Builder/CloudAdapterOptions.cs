namespace RewardsBot.Runtime.Builder;

/// <summary>Settings of <see cref="CloudAdapter"/> (configuration section <c>Bot:Adapter</c>).</summary>
public sealed class CloudAdapterOptions
{
    /// <summary>How many recently processed activity ids are remembered to drop a channel's re-sends.</summary>
    public int DuplicateWindowSize { get; set; } = 20_000;

    /// <summary>How long a processed activity id is remembered.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);
}
