using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// Validates inbound requests as the Bot Framework does (protocol reference 4.1–4.3, 4.6): channel tokens from Azure
/// Bot Service and Azure AD tokens from the Emulator. Skill (bot-to-bot) tokens are refused. Without a
/// MicrosoftAppId, requests without an Authorization header are anonymous and requests with one are refused.
/// </summary>
/// <remarks>
/// Register one instance for the process (it caches signing keys), e.g. through
/// <see cref="BotAuthentication.CreateAuthenticator"/>. A refusal throws <see cref="BotAuthenticationException"/>
/// (answer 401); when the signing keys cannot be fetched at all it throws <see cref="InvalidOperationException"/>
/// (a server-side failure).
/// </remarks>
public sealed class BotFrameworkAuthenticator : IBotAuthenticator
{
    private const int MaxLoggedIssuerLength = 200;

    private readonly BotAuthenticationOptions options;
    private readonly OpenIdMetadata channelKeys;
    private readonly OpenIdMetadata emulatorKeys;
    private readonly SignedTokenValidator validator;
    private readonly ILogger<BotFrameworkAuthenticator> logger;

    /// <param name="httpClient">Fetches the OpenID metadata and keys; keep it for the process (see
    /// <see cref="BotAuthentication.CreateMetadataHttpClient"/>).</param>
    public BotFrameworkAuthenticator(
        IOptions<BotAuthenticationOptions> options,
        HttpClient httpClient,
        TimeProvider timeProvider,
        ILogger<BotFrameworkAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        BotAuthenticationOptionsValidator.ThrowIfInvalid(options.Value);
        this.options = options.Value;
        this.logger = logger;
        validator = new SignedTokenValidator(timeProvider);
        channelKeys = new OpenIdMetadata(
            this.options.ToBotFromChannelOpenIdMetadataUrl, nameof(BotAuthenticationOptions.ToBotFromChannelOpenIdMetadataUrl), httpClient, timeProvider, logger);
        emulatorKeys = new OpenIdMetadata(
            this.options.ToBotFromEmulatorOpenIdMetadataUrl, nameof(BotAuthenticationOptions.ToBotFromEmulatorOpenIdMetadataUrl), httpClient, timeProvider, logger);
    }

    public async Task<BotAuthenticationResult> AuthenticateRequestAsync(
        Activity activity, string? authorizationHeader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var hasHeader = !string.IsNullOrWhiteSpace(authorizationHeader);
        if (!hasHeader && options.IsAuthenticationDisabled)
        {
            return BotAuthenticationResult.Anonymous;
        }

        string? issuer = null;
        try
        {
            if (options.IsAuthenticationDisabled)
            {
                throw new BotAuthenticationException(
                    "The request has an Authorization header, but this bot has no MicrosoftAppId to validate it against. "
                    + "Configure MicrosoftAppId and MicrosoftAppPassword, or send the request without credentials (local testing only).");
            }

            var token = BearerTokenReader.Read(authorizationHeader);
            issuer = token.Issuer;
            SignedTokenValidator.RequireAllowedAlgorithm(token);
            if (string.IsNullOrEmpty(token.KeyId))
            {
                throw new BotAuthenticationException("The token header has no 'kid', so its signing key cannot be found. Send a token signed by a published key.");
            }

            var isAzureAd = EmulatorTokenRules.IsAzureAdToken(token, options);
            var result = isAzureAd
                ? await AuthenticateAzureAdTokenAsync(token, cancellationToken)
                : await AuthenticateChannelTokenAsync(token, activity, cancellationToken);
            AuthLog.Authenticated(logger, isAzureAd ? "Azure AD (Emulator)" : "channel", issuer);
            return result;
        }
        catch (BotAuthenticationException ex)
        {
            if (hasHeader)
            {
                AuthLog.Refused(logger, ForLog(issuer), ex.Message);
            }
            else
            {
                AuthLog.RefusedWithoutCredentials(logger, ex.Message);
            }

            throw;
        }
    }

    // The issuer is unvalidated input: bounded, and without control characters that could forge log lines.
    private static string? ForLog(string? issuer) => issuer is null
        ? null
        : new string([.. issuer.Take(MaxLoggedIssuerLength).Select(c => char.IsControl(c) ? '?' : c)]);

    private async Task<BotAuthenticationResult> AuthenticateChannelTokenAsync(
        UnvalidatedJwt token, Activity activity, CancellationToken cancellationToken)
    {
        if (!string.Equals(token.Issuer, options.ToBotFromChannelTokenIssuer, StringComparison.Ordinal))
        {
            throw new BotAuthenticationException(
                "The token's issuer is not trusted: it is neither the Bot Framework channel issuer (ToBotFromChannelTokenIssuer) "
                + "nor an Azure AD issuer of Emulator tokens.");
        }

        var key = await channelKeys.GetSigningKeyAsync(token.KeyId!, cancellationToken)
            ?? throw new BotAuthenticationException(
                "The token is signed with a key (kid) that the Bot Framework channel service does not publish "
                + "(ToBotFromChannelOpenIdMetadataUrl). If the keys were just rotated, retry in a few minutes.");
        var identity = validator.Validate(token, key.Key, [options.ToBotFromChannelTokenIssuer], options.MicrosoftAppId);
        ChannelTokenRules.Check(identity, key, activity);
        return new BotAuthenticationResult(identity, CallerIdConstants.PublicAzureChannel, IsAnonymous: false);
    }

    private async Task<BotAuthenticationResult> AuthenticateAzureAdTokenAsync(UnvalidatedJwt token, CancellationToken cancellationToken)
    {
        var key = await emulatorKeys.GetSigningKeyAsync(token.KeyId!, cancellationToken)
            ?? throw new BotAuthenticationException(
                "The token is signed with a key (kid) that Azure AD does not publish (ToBotFromEmulatorOpenIdMetadataUrl). "
                + "If the keys were just rotated, retry in a few minutes.");
        var identity = validator.Validate(token, key.Key, EmulatorTokenRules.TrustedIssuers(token, options), validAudience: null);
        EmulatorTokenRules.Check(identity, options.MicrosoftAppId!);
        return new BotAuthenticationResult(identity, CallerId: null, IsAnonymous: false);
    }
}
