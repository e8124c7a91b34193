using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RewardsBot.DirectLine;

/// <summary>Settings of the host's own Direct Line 3.0 service (configuration section <c>DirectLine</c>).</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>Serve Direct Line at <c>/v3/directline</c>. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The Direct Line secret: authorises token generation (and every call, for server-side clients). Never sent to a
    /// browser. Required when enabled, except in Development, where an empty one is replaced by a random one at start.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>Key that signs tokens; empty = a key derived from <see cref="Secret"/>.</summary>
    public string TokenSigningKey { get; set; } = "";

    /// <summary>How long a token is valid; it can be refreshed while valid. Default 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long conversations and their activities are kept after their last activity. Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Origins (scheme://host[:port]) whose pages may call Direct Line from a browser; the host's own always may.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Most activities kept per conversation; older ones are dropped from the feed. Default 1000.</summary>
    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 1000;

    /// <summary>Sustained calls per minute one token (conversation and user) may make before 429. Default 120.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>Calls one token may make at once before <see cref="RequestsPerMinute"/> applies. Default 60.</summary>
    [Range(1, 10_000)]
    public int RequestBurst { get; set; } = 60;

    /// <summary>How often an idle WebSocket stream gets an empty keep-alive frame. Default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>The checks data annotations cannot express; each failure names the setting and how to fix it.</summary>
internal sealed class DirectLineOptionsValidator(IHostEnvironment environment) : IValidateOptions<DirectLineOptions>
{
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Secret) && !environment.IsDevelopment())
        {
            failures.Add("DirectLine:Secret is required when Direct Line is enabled (only Development generates one): set DirectLine__Secret to a long random value, for example the output of 'openssl rand -base64 32', or set DirectLine:Enabled=false.");
        }
        else if (!string.IsNullOrEmpty(options.Secret) && options.Secret.Length < MinimumSecretLength)
        {
            failures.Add($"DirectLine:Secret must be at least {MinimumSecretLength} characters; use a long random value, for example the output of 'openssl rand -base64 32'.");
        }

        if (!string.IsNullOrEmpty(options.TokenSigningKey) && options.TokenSigningKey.Length < MinimumSecretLength)
        {
            failures.Add($"DirectLine:TokenSigningKey must be at least {MinimumSecretLength} characters, or empty to derive the key from DirectLine:Secret.");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                failures.Add($"DirectLine:AllowedOrigins has '{origin}', which is not an origin: write scheme://host[:port] with no path or trailing slash, e.g. https://help.contoso.com.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
