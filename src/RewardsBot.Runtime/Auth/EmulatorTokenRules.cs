using System.Security.Claims;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// Tokens that Azure AD issues for the bot's own app id (what the Emulator sends): which issuers count as Azure AD,
/// and the claim checks after the signature and lifetime are validated (protocol reference 4.3).
/// </summary>
internal static class EmulatorTokenRules
{
    private const string AnonymousSkillAppId = "AnonymousSkill";
    private const string ConnectorAudience = "https://api.botframework.com";

    private static readonly string[] FixedIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    /// <summary>
    /// The Azure AD issuers trusted for this token. A SingleTenant bot also trusts its own tenant's v1 and v2 issuers,
    /// built from the token's <c>tid</c> when that is <c>MicrosoftAppTenantId</c>.
    /// </summary>
    public static IReadOnlyList<string> TrustedIssuers(UnvalidatedJwt token, BotAuthenticationOptions options)
    {
        var tenant = token.TenantId;
        if (options.AppType != BotAppType.SingleTenant
            || string.IsNullOrEmpty(tenant)
            || !string.Equals(tenant, options.MicrosoftAppTenantId?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return FixedIssuers;
        }

        return
        [
            .. FixedIssuers,
            $"https://sts.windows.net/{tenant}/",
            $"https://login.microsoftonline.com/{tenant}/v2.0",
            $"https://login.microsoftonline.us/{tenant}/",
            $"https://login.microsoftonline.us/{tenant}/v2.0",
        ];
    }

    public static bool IsAzureAdToken(UnvalidatedJwt token, BotAuthenticationOptions options) =>
        token.Issuer is not null && TrustedIssuers(token, options).Contains(token.Issuer, StringComparer.Ordinal);

    /// <summary>Refuses skill tokens, then requires appid (v1.0) or azp (v2.0) and the audience to be the bot's app id.</summary>
    public static void Check(ClaimsIdentity identity, string appId)
    {
        var version = identity.FindFirst("ver")?.Value;
        var audiences = identity.FindAll("aud").Select(c => c.Value).ToArray();
        var appIdClaim = identity.FindFirst("appid")?.Value;
        var callerClaimName = version switch
        {
            null or "1.0" => "appid",
            "2.0" => "azp",
            _ => throw new BotAuthenticationException(
                "The token's 'ver' claim is neither 1.0 nor 2.0, so the calling app cannot be identified. Send an Azure AD v1.0 or v2.0 token."),
        };
        var caller = identity.FindFirst(callerClaimName)?.Value;

        if (appIdClaim == AnonymousSkillAppId || IsSkillToken(version, audiences, caller))
        {
            throw new BotAuthenticationException(
                "The token is a bot-to-bot (skill) token: another app called this bot with its own credentials. "
                + "This bot does not support being called as a skill; reach it through a channel instead.");
        }

        if (caller is null)
        {
            throw new BotAuthenticationException(
                $"The token has no '{callerClaimName}' claim, so the calling app cannot be identified. Send an Azure AD token obtained with this bot's credentials.");
        }

        if (!string.Equals(caller, appId, StringComparison.Ordinal))
        {
            throw new BotAuthenticationException(
                $"The token's '{callerClaimName}' claim is not this bot's MicrosoftAppId: it was issued to another application. "
                + "In the Emulator, enter this bot's app id and password.");
        }

        if (audiences.Length != 1 || !string.Equals(audiences[0], appId, StringComparison.Ordinal))
        {
            throw new BotAuthenticationException(
                "The token's audience is not this bot's MicrosoftAppId. Request the token for the scope '<MicrosoftAppId>/.default'.");
        }
    }

    // A skill token names a version, is meant for one app (not the Connector) and was obtained by a different app.
    private static bool IsSkillToken(string? version, string[] audiences, string? caller) =>
        version is not null
        && audiences.Length == 1
        && audiences[0] != ConnectorAudience
        && caller is not null
        && caller != audiences[0];
}
