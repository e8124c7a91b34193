using System.ComponentModel.DataAnnotations;

namespace RewardsBot.Hosting;

/// <summary>Settings of the messaging endpoint (configuration section <c>Bot</c>).</summary>
public sealed class BotHostOptions
{
    public const string SectionName = "Bot";

    /// <summary>Largest activity accepted at /api/messages, in bytes; larger bodies get 413.</summary>
    [Range(4_096, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Where conversation and user state live: <c>Sqlite</c> (default, durable) or <c>Memory</c>.</summary>
    [RegularExpression("^(Sqlite|Memory)$", ErrorMessage = "Bot:Storage must be Sqlite or Memory.")]
    public string Storage { get; set; } = "Sqlite";

    /// <summary>
    /// Without a MicrosoftAppId nobody is authenticated, so by default the bot only replies to a serviceUrl on this
    /// machine (the Emulator). Set true to reply to a remote serviceUrl anyway (an Emulator behind a tunnel).
    /// </summary>
    public bool AllowAnonymousRemoteServiceUrl { get; set; }

    /// <summary>
    /// Conversation and user state not written for this long is deleted: a conversation idle that long starts again
    /// at the welcome and the menu, a user's chosen language is forgotten. Default 90 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan StateRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How often the native memory the C library holds freed is given back to the system (glibc only; see
    /// <c>NativeMemoryTrim</c>). Zero turns it off. Default 2 seconds: under load ~1 MB a second piles up, and a trim
    /// takes 1-3 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan NativeMemoryTrimInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest time one turn may run before it is abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
