using System.Net;
using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Auth;

namespace RewardsBot.Runtime.Tests.Auth;

public sealed class MsalAccessTokenProviderTests : IDisposable
{
    private const string Secret = "s3cr3t-client-password";
    private readonly FakeMsalHttp http = new();
    private readonly ListLogger<MsalAccessTokenProvider> log = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Multi_tenant_token_is_a_client_credentials_request_to_the_botframework_tenant()
    {
        using var provider = CreateProvider();

        var token = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);

        Assert.Equal("access-token-1", token);
        var request = Assert.Single(http.TokenRequests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", request.Uri.GetLeftPart(UriPartial.Path));
        var form = ParseForm(request.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(TestTokens.AppId, form["client_id"]);
        Assert.Equal(Secret, form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task Single_tenant_token_is_requested_from_the_configured_tenant()
    {
        using var provider = CreateProvider(o =>
        {
            o.MicrosoftAppType = "SingleTenant";
            o.MicrosoftAppTenantId = TestTokens.TenantId;
        });

        await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);

        var request = Assert.Single(http.TokenRequests);
        Assert.Equal($"https://login.microsoftonline.com/{TestTokens.TenantId}/oauth2/v2.0/token", request.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("client_credentials", ParseForm(request.Body)["grant_type"]);
    }

    [Fact]
    public async Task Configured_scope_is_requested()
    {
        using var provider = CreateProvider(o => o.ToChannelFromBotOAuthScope = "https://api.botframework.us/.default");

        await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);

        Assert.Equal("https://api.botframework.us/.default", ParseForm(Assert.Single(http.TokenRequests).Body)["scope"]);
    }

    [Fact]
    public async Task Second_call_is_served_from_the_cache()
    {
        using var provider = CreateProvider();

        var first = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
        var second = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(http.TokenRequests);
    }

    [Fact]
    public async Task Force_refresh_requests_a_new_token()
    {
        using var provider = CreateProvider();

        await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
        var refreshed = await provider.GetAccessTokenAsync(forceRefresh: true, CancellationToken.None);

        Assert.Equal("access-token-2", refreshed);
        Assert.Equal(2, http.TokenRequests.Count());
    }

    [Fact]
    public async Task Concurrent_calls_make_one_token_request_and_concurrent_forced_refreshes_one_more()
    {
        http.TokenDelay = TimeSpan.FromMilliseconds(100);
        using var provider = CreateProvider();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => provider.GetAccessTokenAsync(false, CancellationToken.None)));
        Assert.Single(tokens.Distinct());
        Assert.Single(http.TokenRequests);

        var refreshed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => provider.GetAccessTokenAsync(true, CancellationToken.None)));
        Assert.Equal(["access-token-2"], refreshed.Distinct());
        Assert.Equal(2, http.TokenRequests.Count());
    }

    [Fact]
    public async Task Without_an_app_id_the_token_is_null_and_nothing_is_sent()
    {
        using var provider = CreateProvider(o => { o.MicrosoftAppId = null; o.MicrosoftAppPassword = null; });

        var token = await provider.GetAccessTokenAsync(forceRefresh: true, CancellationToken.None);

        Assert.Null(token);
        Assert.Empty(http.Requests);
        Assert.Equal(0, http.ClientsHandedOut);
    }

    [Fact]
    public async Task Refused_credentials_say_what_to_check_and_never_reveal_the_secret()
    {
        http.TokenStatus = HttpStatusCode.Unauthorized;
        using var provider = CreateProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetAccessTokenAsync(false, CancellationToken.None));

        Assert.Contains("MicrosoftAppPassword", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_and_secret_are_never_logged()
    {
        using var provider = CreateProvider();

        var token = await provider.GetAccessTokenAsync(false, CancellationToken.None);

        Assert.NotEmpty(log.Entries);
        Assert.DoesNotContain(token!, log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_assigned_managed_identity_token_is_requested_for_the_connector_resource()
    {
        using var provider = CreateProvider(o =>
        {
            o.MicrosoftAppType = "UserAssignedMSI";
            o.MicrosoftAppPassword = null;
            o.MicrosoftAppTenantId = TestTokens.TenantId;
        });

        var token = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);

        Assert.Equal("access-token-1", token);
        // Outside Azure hosting (no IDENTITY_ENDPOINT), MSAL asks the instance metadata service.
        var request = Assert.Single(http.TokenRequests);
        Assert.Equal(HttpMethod.Get, request.Method);
        var query = ParseForm(request.Uri.Query.TrimStart('?'));
        Assert.Equal("https://api.botframework.com", query["resource"]);
        Assert.Equal(TestTokens.AppId, query["client_id"]);
        Assert.DoesNotContain("client_secret", request.Body, StringComparison.Ordinal);
    }

    private MsalAccessTokenProvider CreateProvider(Action<BotAuthenticationOptions>? configure = null)
    {
        var options = new BotAuthenticationOptions { MicrosoftAppId = TestTokens.AppId, MicrosoftAppPassword = Secret };
        configure?.Invoke(options);
        return new MsalAccessTokenProvider(Options.Create(options), log, http);
    }

    private static Dictionary<string, string> ParseForm(string form) => form
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));
}
