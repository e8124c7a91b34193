namespace RewardsBot.Teams;

/// <summary>
/// What varies between one Teams app package and another: the bot's app id, the app's version, its short name, the
/// developer shown in the Teams store card, and the domains it may open. The defaults are placeholders
/// (<c>www.example.com</c>) to replace before publishing beyond side-loading.
/// </summary>
public sealed record TeamsPackageSettings
{
    public const string DefaultVersion = "1.0.0";
    public const string DefaultShortName = "RewardsBot";
    public const string DefaultDeveloperName = "RewardsBot";
    public const int MaxShortNameLength = 30;
    public const int MaxDeveloperNameLength = 32;
    public const int MaxValidDomains = 16;

    public static Uri DefaultWebsiteUrl { get; } = new("https://www.example.com/rewardsbot/");

    public static Uri DefaultPrivacyUrl { get; } = new("https://www.example.com/rewardsbot/privacy");

    public static Uri DefaultTermsOfUseUrl { get; } = new("https://www.example.com/rewardsbot/terms");

    /// <summary>The Azure Bot's Microsoft App ID: the manifest's <c>id</c> and the bot's <c>botId</c>.</summary>
    public required Guid AppId { get; init; }

    /// <summary>The app's version, <c>major.minor.patch</c>; raise it for every package uploaded again.</summary>
    public string Version { get; init; } = DefaultVersion;

    /// <summary>The app's name in Teams (at most 30 characters), and the name people @mention.</summary>
    public string ShortName { get; init; } = DefaultShortName;

    public string DeveloperName { get; init; } = DefaultDeveloperName;

    public Uri WebsiteUrl { get; init; } = DefaultWebsiteUrl;

    public Uri PrivacyUrl { get; init; } = DefaultPrivacyUrl;

    public Uri TermsOfUseUrl { get; init; } = DefaultTermsOfUseUrl;

    /// <summary>Hosts the app may open (<c>*.contoso.com</c> allowed); empty means the website's host.</summary>
    public IReadOnlyList<string> ValidDomains { get; init; } = [];

    /// <summary>The domains written to the manifest.</summary>
    public IReadOnlyList<string> EffectiveValidDomains => ValidDomains.Count > 0 ? ValidDomains : [WebsiteUrl.Host];

    /// <summary>What is wrong with these settings, each saying how to fix it; empty when they make a valid manifest.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AppId == Guid.Empty)
        {
            problems.Add("The app id is the empty GUID; use the Microsoft App ID of your Azure Bot.");
        }

        if (!IsSemanticVersion(Version))
        {
            problems.Add($"The version '{Version}' is not of the form major.minor.patch (for example 1.0.0).");
        }

        if (string.IsNullOrWhiteSpace(ShortName) || ShortName.Length > MaxShortNameLength)
        {
            problems.Add($"The app name must have 1 to {MaxShortNameLength} characters; it has {ShortName?.Length ?? 0}.");
        }

        if (string.IsNullOrWhiteSpace(DeveloperName) || DeveloperName.Length > MaxDeveloperNameLength)
        {
            problems.Add($"The developer name must have 1 to {MaxDeveloperNameLength} characters; it has {DeveloperName?.Length ?? 0}.");
        }

        foreach (var (what, url) in new[] { ("developer website", WebsiteUrl), ("privacy", PrivacyUrl), ("terms of use", TermsOfUseUrl) })
        {
            if (url is null || !url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"The {what} URL must be an absolute https:// URL.");
            }
        }

        if (ValidDomains.Count > MaxValidDomains)
        {
            problems.Add($"Teams accepts at most {MaxValidDomains} valid domains; {ValidDomains.Count} were given.");
        }

        foreach (var domain in ValidDomains.Where(d => !IsDomain(d)))
        {
            problems.Add($"The valid domain '{domain}' is not a host name (like bot.contoso.com or *.contoso.com, without https://).");
        }

        return problems;
    }

    public static bool IsSemanticVersion(string? version)
        => version?.Split('.') is [var major, var minor, var patch] && IsNumber(major) && IsNumber(minor) && IsNumber(patch);

    public static bool IsDomain(string? domain)
    {
        if (string.IsNullOrEmpty(domain) || domain.Length > 253)
        {
            return false;
        }

        var host = domain.StartsWith("*.", StringComparison.Ordinal) ? domain[2..] : domain;
        return Uri.CheckHostName(host) == UriHostNameType.Dns && host.Contains('.', StringComparison.Ordinal);
    }

    private static bool IsNumber(string part)
        => part.Length is > 0 and <= 9 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');
}
