namespace RewardsBot.Runtime.Auth;

/// <summary>
/// The bot's identity and the Bot Framework endpoints it trusts. Bind from the configuration root: the keys have the
/// standard Bot Framework names (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, ...). Defaults are the public
/// Azure cloud. Register <see cref="BotAuthenticationOptionsValidator"/> so a misconfiguration fails at start.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string DefaultChannelTokenIssuer = "https://api.botframework.com";
    public const string DefaultChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    public const string DefaultOAuthScope = "https://api.botframework.com/.default";
    public const string MultiTenantLoginUrl = "https://login.microsoftonline.com/botframework.com";
    public const string LoginHostUrl = "https://login.microsoftonline.com/";

    /// <summary><c>MultiTenant</c> (default when empty), <c>SingleTenant</c> or <c>UserAssignedMSI</c>; case-insensitive.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The bot's app (client) id. Empty turns authentication off (local testing with the Emulator).</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The app registration's client secret (not used with <c>UserAssignedMSI</c>).</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The tenant of a <c>SingleTenant</c> or <c>UserAssignedMSI</c> bot.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>The <c>iss</c> of tokens that Azure Bot Service channels send.</summary>
    public string ToBotFromChannelTokenIssuer { get; set; } = DefaultChannelTokenIssuer;

    /// <summary>The OpenID configuration document that lists the channels' signing keys.</summary>
    public Uri ToBotFromChannelOpenIdMetadataUrl { get; set; } = new(DefaultChannelOpenIdMetadataUrl);

    /// <summary>The OpenID configuration document that lists the Azure AD signing keys (Emulator tokens).</summary>
    public Uri ToBotFromEmulatorOpenIdMetadataUrl { get; set; } = new(DefaultEmulatorOpenIdMetadataUrl);

    /// <summary>The authority for outbound tokens; empty means the default for <see cref="MicrosoftAppType"/>.</summary>
    public Uri? ToChannelFromBotLoginUrl { get; set; }

    /// <summary>The scope of outbound tokens for the Connector.</summary>
    public string ToChannelFromBotOAuthScope { get; set; } = DefaultOAuthScope;

    /// <summary>True when no app id is configured: requests without credentials are accepted, replies carry no token.</summary>
    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The parsed <see cref="MicrosoftAppType"/>; throws when it is not a known type (see the validator).</summary>
    public BotAppType AppType => TryParseAppType(MicrosoftAppType, out var type)
        ? type
        : throw new InvalidOperationException(
            $"MicrosoftAppType '{MicrosoftAppType}' is not known. Set it to MultiTenant, SingleTenant or UserAssignedMSI, or leave it empty for MultiTenant.");

    /// <summary>
    /// The authority outbound tokens are requested from: <see cref="ToChannelFromBotLoginUrl"/> when set, otherwise
    /// the botframework.com tenant (MultiTenant) or <see cref="MicrosoftAppTenantId"/> (SingleTenant).
    /// </summary>
    public Uri LoginAuthority => ToChannelFromBotLoginUrl
        ?? (AppType == BotAppType.SingleTenant
            ? new Uri(new Uri(LoginHostUrl), Uri.EscapeDataString(MicrosoftAppTenantId ?? string.Empty))
            : new Uri(MultiTenantLoginUrl));

    internal static bool TryParseAppType(string? value, out BotAppType type)
    {
        type = BotAppType.MultiTenant;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<BotAppType>())
        {
            if (string.Equals(value.Trim(), candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>True for an absolute https URL, or an http URL whose host is loopback (a local test server).</summary>
    internal static bool IsAllowedMetadataUrl(Uri? url) =>
        url is { IsAbsoluteUri: true }
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
