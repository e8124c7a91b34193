using Microsoft.Extensions.Options;

namespace RewardsBot.Runtime.Connector;

/// <summary>
/// How <see cref="ConnectorClient"/> retries failed calls to a channel's Connector. Bind from configuration
/// (e.g. section <c>Connector</c>) and register <see cref="ConnectorClientOptionsValidator"/> so bad values fail at start.
/// </summary>
public sealed class ConnectorClientOptions
{
    /// <summary>Retries after the first attempt for throttling, transient statuses and network failures (0 = none).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; each retry doubles it (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff delay between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait honoured from a <c>Retry-After</c> header; longer requests are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Checks <see cref="ConnectorClientOptions"/>; used by the options pipeline and by <see cref="ConnectorClient"/>.</summary>
public sealed class ConnectorClientOptionsValidator : IValidateOptions<ConnectorClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"Connector:MaxRetries is {options.MaxRetries}; set it between 0 and 10.");
        }

        if (options.BaseDelay <= TimeSpan.Zero)
        {
            failures.Add($"Connector:BaseDelay is {options.BaseDelay}; set a positive time span such as 00:00:00.5.");
        }

        if (options.MaxDelay < options.BaseDelay)
        {
            failures.Add($"Connector:MaxDelay ({options.MaxDelay}) is shorter than Connector:BaseDelay ({options.BaseDelay}); raise MaxDelay.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"Connector:MaxRetryAfter is {options.MaxRetryAfter}; set zero or a positive time span such as 00:00:30.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
