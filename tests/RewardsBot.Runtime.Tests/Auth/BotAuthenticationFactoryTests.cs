using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using RewardsBot.Runtime.Auth;

namespace RewardsBot.Runtime.Tests.Auth;

public sealed class BotAuthenticationFactoryTests
{
    [Fact]
    public async Task Without_an_app_id_the_factories_give_an_anonymous_authenticator_and_no_token()
    {
        var services = new Services { [typeof(IOptions<BotAuthenticationOptions>)] = Options.Create(new BotAuthenticationOptions()) };

        var authenticator = BotAuthentication.CreateAuthenticator(services);
        var tokens = BotAuthentication.CreateTokenProvider(services);

        Assert.Same(BotAuthenticationResult.Anonymous, await authenticator.AuthenticateRequestAsync(AuthTestHost.Activity(), null, CancellationToken.None));
        Assert.Null(await tokens.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None));
    }

    [Fact]
    public async Task Token_provider_uses_the_registered_msal_http_client_factory()
    {
        using var http = new FakeMsalHttp();
        var options = new BotAuthenticationOptions { MicrosoftAppId = TestTokens.AppId, MicrosoftAppPassword = "pw" };
        var services = new Services
        {
            [typeof(IOptions<BotAuthenticationOptions>)] = Options.Create(options),
            [typeof(IMsalHttpClientFactory)] = http,
        };

        var token = await BotAuthentication.CreateTokenProvider(services).GetAccessTokenAsync(false, CancellationToken.None);

        Assert.Equal("access-token-1", token);
        Assert.Single(http.TokenRequests);
    }

    [Fact]
    public async Task Authenticator_uses_the_registered_time_provider()
    {
        using var host = new AuthTestHost();
        var clock = new ManualTimeProvider();
        var services = new Services
        {
            [typeof(IOptions<BotAuthenticationOptions>)] = Options.Create(host.Options),
            [typeof(TimeProvider)] = clock,
        };
        var authenticator = BotAuthentication.CreateAuthenticator(services);
        var header = $"Bearer {host.ChannelToken()}";
        await authenticator.AuthenticateRequestAsync(AuthTestHost.Activity(), header, CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(2));

        var refusal = await Assert.ThrowsAsync<BotAuthenticationException>(() =>
            authenticator.AuthenticateRequestAsync(AuthTestHost.Activity(), header, CancellationToken.None));
        Assert.Contains("expired", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_options_registration_says_how_to_register_them()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BotAuthentication.CreateTokenProvider(new Services()));

        Assert.Contains("AddOptions<BotAuthenticationOptions>()", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The smallest service provider: a dictionary (the DI container is not referenced by this project).</summary>
    private sealed class Services : IServiceProvider
    {
        private readonly Dictionary<Type, object> services = [];

        public object this[Type serviceType]
        {
            get => services[serviceType];
            set => services[serviceType] = value;
        }

        public object? GetService(Type serviceType) => services.GetValueOrDefault(serviceType);
    }
}
