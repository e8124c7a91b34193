using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// Creates the authenticator and the token provider from a service provider, so a host registers each in one line:
/// <code>
/// services.AddOptions&lt;BotAuthenticationOptions&gt;().Bind(configuration).ValidateOnStart();
/// services.AddSingleton&lt;IValidateOptions&lt;BotAuthenticationOptions&gt;, BotAuthenticationOptionsValidator&gt;();
/// services.AddSingleton(BotAuthentication.CreateAuthenticator);
/// services.AddSingleton(BotAuthentication.CreateTokenProvider);
/// </code>
/// It needs <see cref="IOptions{TOptions}"/> of <see cref="BotAuthenticationOptions"/>; it uses <see cref="TimeProvider"/>,
/// <see cref="ILoggerFactory"/> and <see cref="IMsalHttpClientFactory"/> when they are registered.
/// </summary>
public static class BotAuthentication
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(15);

    public static IBotAuthenticator CreateAuthenticator(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new BotFrameworkAuthenticator(
            GetOptions(services),
            CreateMetadataHttpClient(),
            services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System,
            GetLoggerFactory(services).CreateLogger<BotFrameworkAuthenticator>());
    }

    public static IAccessTokenProvider CreateTokenProvider(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new MsalAccessTokenProvider(
            GetOptions(services),
            GetLoggerFactory(services).CreateLogger<MsalAccessTokenProvider>(),
            services.GetService(typeof(IMsalHttpClientFactory)) as IMsalHttpClientFactory);
    }

    /// <summary>
    /// An HttpClient for the OpenID metadata, meant to live as long as the process: pooled connections are renewed
    /// every 15 minutes (so DNS changes are seen) and each request times out after 30 seconds.
    /// </summary>
    public static HttpClient CreateMetadataHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = ConnectionLifetime }) { Timeout = MetadataTimeout };

    private static IOptions<BotAuthenticationOptions> GetOptions(IServiceProvider services) =>
        services.GetService(typeof(IOptions<BotAuthenticationOptions>)) as IOptions<BotAuthenticationOptions>
        ?? throw new InvalidOperationException(
            "BotAuthenticationOptions are not registered. Call services.AddOptions<BotAuthenticationOptions>().Bind(configuration) before registering authentication.");

    private static ILoggerFactory GetLoggerFactory(IServiceProvider services) =>
        services.GetService(typeof(ILoggerFactory)) as ILoggerFactory ?? NullLoggerFactory.Instance;
}
