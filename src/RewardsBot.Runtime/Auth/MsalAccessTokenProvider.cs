using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// Tokens for the bot's calls to the Connector, from MSAL (protocol reference 4.7): client credentials against the
/// botframework.com tenant (MultiTenant) or <c>MicrosoftAppTenantId</c> (SingleTenant), or the user-assigned managed
/// identity <c>MicrosoftAppId</c> (UserAssignedMSI). With authentication disabled (no app id) it returns null and the
/// Connector is called without a token. One MSAL application per provider; MSAL's in-memory token cache serves
/// tokens until shortly before they expire. Calls are serialized, so concurrent refreshes make one token request.
/// </summary>
public sealed class MsalAccessTokenProvider : IAccessTokenProvider, IDisposable
{
    private const string DefaultScopeSuffix = "/.default";

    private readonly Func<bool, CancellationToken, Task<AuthenticationResult>>? acquire;
    private readonly BotAuthenticationOptions options;
    private readonly ILogger<MsalAccessTokenProvider> logger;
    private readonly SemaphoreSlim serialize = new(1, 1);
    private long forcedRefreshCount;

    /// <param name="httpClientFactory">The HTTP client MSAL uses; null for MSAL's own (tests pass one to answer MSAL's calls).</param>
    public MsalAccessTokenProvider(
        IOptions<BotAuthenticationOptions> options,
        ILogger<MsalAccessTokenProvider> logger,
        IMsalHttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        BotAuthenticationOptionsValidator.ThrowIfInvalid(options.Value);
        this.options = options.Value;
        this.logger = logger;
        if (this.options.IsAuthenticationDisabled)
        {
            return;
        }

        acquire = this.options.AppType == BotAppType.UserAssignedMSI
            ? CreateManagedIdentity(this.options, httpClientFactory)
            : CreateConfidentialClient(this.options, httpClientFactory);
    }

    public async Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (acquire is null)
        {
            return null;
        }

        var refreshesBeforeWaiting = Interlocked.Read(ref forcedRefreshCount);
        await serialize.WaitAsync(cancellationToken);
        try
        {
            // A caller that waited while another forced a refresh takes that fresh token instead of forcing another.
            var force = forceRefresh && Interlocked.Read(ref forcedRefreshCount) == refreshesBeforeWaiting;
            var result = await acquire(force, cancellationToken);
            if (force)
            {
                Interlocked.Increment(ref forcedRefreshCount);
            }

            AuthLog.TokenAcquired(logger, options.ToChannelFromBotOAuthScope, result.AuthenticationResultMetadata.TokenSource, result.ExpiresOn);
            return result.AccessToken;
        }
        catch (MsalException ex)
        {
            AuthLog.TokenAcquisitionFailed(logger, options.ToChannelFromBotOAuthScope, options.AppType, ex.ErrorCode);
            throw new InvalidOperationException(
                $"Could not acquire a Connector token ({options.AppType}, MSAL error '{ex.ErrorCode}'). Check MicrosoftAppId, "
                + (options.AppType == BotAppType.UserAssignedMSI
                    ? "that the managed identity is assigned to this host, "
                    : "MicrosoftAppPassword (an expired or wrong client secret is the usual cause), ")
                + $"MicrosoftAppTenantId and ToChannelFromBotLoginUrl. {ex.Message}",
                ex);
        }
        finally
        {
            serialize.Release();
        }
    }

    public void Dispose() => serialize.Dispose();

    private static Func<bool, CancellationToken, Task<AuthenticationResult>> CreateConfidentialClient(
        BotAuthenticationOptions options, IMsalHttpClientFactory? httpClientFactory)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(options.MicrosoftAppId)
            .WithClientSecret(options.MicrosoftAppPassword)
            .WithAuthority(options.LoginAuthority.ToString());
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        var application = builder.Build();
        string[] scopes = [options.ToChannelFromBotOAuthScope];
        return (force, cancellationToken) => application.AcquireTokenForClient(scopes)
            .WithForceRefresh(force)
            .ExecuteAsync(cancellationToken);
    }

    private static Func<bool, CancellationToken, Task<AuthenticationResult>> CreateManagedIdentity(
        BotAuthenticationOptions options, IMsalHttpClientFactory? httpClientFactory)
    {
        var builder = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(options.MicrosoftAppId));
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        var application = builder.Build();
        var scope = options.ToChannelFromBotOAuthScope;
        var resource = scope.EndsWith(DefaultScopeSuffix, StringComparison.OrdinalIgnoreCase) ? scope[..^DefaultScopeSuffix.Length] : scope;
        return (force, cancellationToken) => application.AcquireTokenForManagedIdentity(resource)
            .WithForceRefresh(force)
            .ExecuteAsync(cancellationToken);
    }
}
