using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests;

/// <summary>
/// The host with a MicrosoftAppId: inbound tokens are checked against OpenID metadata served on loopback, and
/// replies carry the bot's outbound token. (Azure AD itself cannot be reached here, so the outbound token comes from a
/// stand-in provider; the MSAL provider is tested in the runtime's tests.)
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AppId = "6e0f4a9b-6a3c-4f8b-9a3e-2b7f1f7c0001";
    private readonly TempFolder _folder = new();
    private LoopbackTokenIssuer _issuer = null!;
    private LoopbackConnector _connector = null!;
    private BotHost _host = null!;

    private sealed class FixedTokenProvider : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => Task.FromResult<string?>("outbound-token");
    }

    public async Task InitializeAsync()
    {
        _issuer = await LoopbackTokenIssuer.StartAsync(Channels.Msteams, Channels.Emulator);
        _connector = await LoopbackConnector.StartAsync();
        _host = await BotHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-here",
            ["ToBotFromChannelOpenIdMetadataUrl"] = _issuer.MetadataUrl.ToString(),
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = _issuer.MetadataUrl.ToString(),
        }, services => services.AddSingleton<IAccessTokenProvider, FixedTokenProvider>());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _issuer.DisposeAsync();
        _folder.Dispose();
    }

    private Activity Message(string channelId = Channels.Msteams)
    {
        var activity = new EmulatorConversation(_connector.ServiceUrl).Message("hi");
        activity.ChannelId = channelId;
        return activity;
    }

    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_reply_carries_the_bots_token()
    {
        var activity = Message();

        var response = await _host.Client.PostActivityAsync(activity, _issuer.ChannelToken(AppId, _connector.ServiceUrl.ToString()));
        var received = await _connector.WaitForAsync(1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer outbound-token", received[0].Authorization);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401()
    {
        var response = await _host.Client.PostActivityAsync(Message());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Received);
    }

    [Fact]
    public async Task Wrong_audience_wrong_issuer_serviceurl_mismatch_missing_endorsement_and_expired_are_401()
    {
        var serviceUrl = _connector.ServiceUrl.ToString();
        var refused = new[]
        {
            (Message(), _issuer.ChannelToken("another-bot", serviceUrl)),
            (Message(), _issuer.ChannelToken(AppId, serviceUrl, issuer: "https://evil.example")),
            (Message(), _issuer.ChannelToken(AppId, "https://elsewhere.example/")),
            (Message("directline"), _issuer.ChannelToken(AppId, serviceUrl)),
            (Message(), _issuer.ChannelToken(AppId, serviceUrl, expires: DateTime.UtcNow.AddMinutes(-10))),
            (Message(), "not-a-jwt"),
        };

        foreach (var (activity, token) in refused)
        {
            var response = await _host.Client.PostActivityAsync(activity, token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        }

        Assert.Empty(_connector.Received);
        Assert.DoesNotContain("eyJ", _host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_service_url_is_allowed_once_the_bot_authenticates_requests()
    {
        var activity = Message();
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        activity.ServiceUrl = "https://smba.trafficmanager.net/emea/";

        var response = await _host.Client.PostActivityAsync(activity, _issuer.ChannelToken(AppId, activity.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class StartupValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("SingleTenant", "app", "secret", null, "MicrosoftAppTenantId")]
    [InlineData("UserAssignedMSI", "app", "secret", "tenant", "MicrosoftAppPassword")]
    [InlineData("Sideways", "app", "secret", null, "MicrosoftAppType")]
    public async Task Misconfigured_authentication_stops_the_host_naming_the_setting(string type, string id, string? password, string? tenant, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = type,
            ["MicrosoftAppId"] = id,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenant,
        }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_range_host_setting_stops_the_host()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["Bot:MaxActivityBytes"] = "10",
        }));

        Assert.Contains("MaxActivityBytes", error.Message, StringComparison.Ordinal);
    }
}
