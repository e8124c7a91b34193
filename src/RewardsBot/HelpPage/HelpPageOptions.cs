using System.ComponentModel.DataAnnotations;

namespace RewardsBot.HelpPage;

/// <summary>Settings of the help page at <c>/</c> and its token endpoint (configuration section <c>HelpPage</c>).</summary>
public sealed class HelpPageOptions
{
    public const string SectionName = "HelpPage";

    /// <summary>Which Direct Line the page's Web Chat talks to: the host's own (default) or Azure's.</summary>
    public HelpPageDirectLineOptions DirectLine { get; set; } = new();

    /// <summary>How long after a token was issued a page refresh may resume the same conversation (then a new one starts).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ResumeWindow { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Section <c>HelpPage:DirectLine</c>. Empty <see cref="Domain"/> = the host's own Direct Line (<c>/v3/directline</c>).
/// With a domain (Azure Bot Service's Direct Line channel), the page's server exchanges <see cref="Secret"/> for a
/// token at <see cref="TokenEndpoint"/>; the secret never reaches a browser.
/// </summary>
public sealed class HelpPageDirectLineOptions
{
    /// <summary>Base address Web Chat calls, including <c>/v3/directline</c>, e.g. <c>https://directline.botframework.com/v3/directline</c>.</summary>
    public string? Domain { get; set; }

    /// <summary>Where the server asks for a token; default <c>{Domain}/tokens/generate</c>.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>The Direct Line channel's secret key (server side only). Required with <see cref="Domain"/>.</summary>
    public string? Secret { get; set; }

    internal bool UsesExternalDirectLine => !string.IsNullOrWhiteSpace(Domain);
}
