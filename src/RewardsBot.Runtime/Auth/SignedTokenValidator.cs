using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// Runs IdentityModel's <see cref="JwtSecurityTokenHandler"/> on a token that <see cref="BearerTokenReader"/> has
/// already shape-checked: signature by exactly the given key, RS256/384/512, issuer, optional audience, and lifetime
/// with five minutes of clock skew, measured with the injected <see cref="TimeProvider"/>. IdentityModel's errors
/// become <see cref="BotAuthenticationException"/>s with messages of our own (theirs may quote the token).
/// </summary>
internal sealed class SignedTokenValidator(TimeProvider timeProvider)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JwtSecurityTokenHandler handler = new()
    {
        MapInboundClaims = false,
        MaximumTokenSizeInBytes = BearerTokenReader.MaxTokenLength,
    };

    public static void RequireAllowedAlgorithm(UnvalidatedJwt token)
    {
        if (!AllowedAlgorithms.Contains(token.Algorithm, StringComparer.Ordinal))
        {
            throw new BotAuthenticationException(
                "The token's signing algorithm is not accepted. Bot Framework tokens are signed with RS256, RS384 or RS512 ('none' and HMAC are refused).");
        }
    }

    /// <summary>Validates and returns the token's claims; claim types are the JWT names (no mapping).</summary>
    public ClaimsIdentity Validate(UnvalidatedJwt token, SecurityKey key, IEnumerable<string> validIssuers, string? validAudience)
    {
        RequireAllowedAlgorithm(token);
        var parameters = new TokenValidationParameters
        {
            RequireSignedTokens = true,
            IssuerSigningKeys = [key],
            IssuerSigningKeyResolver = (_, _, _, _) => [key],
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = AllowedAlgorithms,
            ValidateIssuer = true,
            ValidIssuers = validIssuers,
            ValidateAudience = validAudience is not null,
            ValidAudience = validAudience,
            IgnoreTrailingSlashWhenValidatingAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidateLifetime,
            TokenDecryptionKeys = [],
        };

        try
        {
            var principal = handler.ValidateToken(token.RawToken, parameters, out _);
            return principal.Identities.First();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Any failure on an untrusted token is a refusal, never a server error: IdentityModel 6.8.0 also throws
            // InvalidCastException and its internal JSON exceptions for odd claim values.
            throw new BotAuthenticationException(Describe(ex));
        }
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is not null && notBefore > expires)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.");
        }

        if (notBefore is not null && notBefore.Value - ClockSkew > now)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.");
        }

        if (expires.Value + ClockSkew < now)
        {
            throw new SecurityTokenExpiredException("The token has expired.");
        }

        return true;
    }

    private static string Describe(Exception ex) => ex switch
    {
        SecurityTokenExpiredException =>
            "The token has expired (beyond the 5-minute clock skew). The sender must get a new token; if it just did, check the clocks.",
        SecurityTokenNotYetValidException =>
            "The token is not valid yet (its nbf is more than 5 minutes ahead). Check the sender's and this host's clocks.",
        SecurityTokenNoExpirationException =>
            "The token has no expiry (exp claim); Bot Framework tokens always have one.",
        SecurityTokenInvalidLifetimeException =>
            "The token's lifetime is invalid (nbf after exp).",
        SecurityTokenInvalidAudienceException =>
            "The token's audience is not this bot's MicrosoftAppId. Check that MicrosoftAppId matches the bot's Azure registration.",
        SecurityTokenInvalidIssuerException =>
            "The token's issuer is not trusted for this kind of token.",
        SecurityTokenInvalidAlgorithmException =>
            "The token's signing algorithm is not accepted. Bot Framework tokens are signed with RS256, RS384 or RS512.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            "The token's signature is not valid for the published key it names (kid).",
        _ => $"The token could not be validated ({ex.GetType().Name}).",
    };
}
