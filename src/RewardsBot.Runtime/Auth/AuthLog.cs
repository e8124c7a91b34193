using Microsoft.Extensions.Logging;
using TokenSource = Microsoft.Identity.Client.TokenSource;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// Authentication log events. They carry reasons, issuers, URLs and counts; never a token, a secret, or claim values
/// other than the issuer.
/// </summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Refused an inbound request (issuer {Issuer}): {Reason}")]
    public static partial void Refused(ILogger logger, string? issuer, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Refused an inbound request without credentials: {Reason}")]
    public static partial void RefusedWithoutCredentials(ILogger logger, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Authenticated a {TokenKind} token from {Issuer}")]
    public static partial void Authenticated(ILogger logger, string tokenKind, string? issuer);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys via {MetadataUrl}")]
    public static partial void SigningKeysFetched(ILogger logger, int keyCount, Uri metadataUrl);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning,
        Message = "Could not refresh the signing keys via {MetadataUrl}; still using the keys fetched at {FetchedAt}")]
    public static partial void SigningKeysRefreshFailed(ILogger logger, Uri metadataUrl, DateTimeOffset fetchedAt, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Could not fetch the signing keys via {MetadataUrl}")]
    public static partial void SigningKeysUnavailable(ILogger logger, Uri metadataUrl, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Debug,
        Message = "Acquired a Connector token for {Scope} from {TokenSource}, expiring at {ExpiresOn}")]
    public static partial void TokenAcquired(ILogger logger, string scope, TokenSource tokenSource, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning,
        Message = "Could not acquire a Connector token for {Scope} ({AppType}): MSAL error {ErrorCode}")]
    public static partial void TokenAcquisitionFailed(ILogger logger, string scope, BotAppType appType, string errorCode);
}
