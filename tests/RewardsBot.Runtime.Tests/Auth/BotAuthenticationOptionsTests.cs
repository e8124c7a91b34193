using Microsoft.Extensions.Options;
using RewardsBot.Runtime.Auth;

namespace RewardsBot.Runtime.Tests.Auth;

public sealed class BotAuthenticationOptionsTests
{
    [Theory]
    [InlineData("SingleTenant", null, "pw", "tenant", "SingleTenant, so MicrosoftAppId is required")]
    [InlineData("SingleTenant", "id", null, "tenant", "SingleTenant, so MicrosoftAppPassword is required")]
    [InlineData("SingleTenant", "id", "pw", null, "SingleTenant, so MicrosoftAppTenantId is required")]
    [InlineData("UserAssignedMSI", null, null, "tenant", "UserAssignedMSI, so MicrosoftAppId is required")]
    [InlineData("UserAssignedMSI", "id", null, " ", "UserAssignedMSI, so MicrosoftAppTenantId is required")]
    [InlineData("UserAssignedMSI", "id", "pw", "tenant", "MicrosoftAppPassword must be empty")]
    [InlineData("MultiTenant", "id", null, null, "MicrosoftAppId is set but MicrosoftAppPassword is empty")]
    [InlineData(null, "id", "", null, "MicrosoftAppId is set but MicrosoftAppPassword is empty")]
    [InlineData(null, null, "pw", null, "MicrosoftAppPassword is set but MicrosoftAppId is empty")]
    [InlineData("Federated", "id", "pw", null, "MicrosoftAppType 'Federated' is not known")]
    public void Misconfiguration_is_stated_in_plain_words(string? type, string? id, string? password, string? tenant, string expected)
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppType = type,
            MicrosoftAppId = id,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenant,
        };

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("", "id", "pw", null)]
    [InlineData("multitenant", "id", "pw", null)]
    [InlineData("SINGLETENANT", "id", "pw", "tenant")]
    [InlineData("userassignedmsi", "id", null, "tenant")]
    public void Complete_configuration_is_valid_and_app_type_is_case_insensitive(string? type, string? id, string? password, string? tenant)
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppType = type,
            MicrosoftAppId = id,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenant,
        };

        Assert.True(Validate(options).Succeeded, string.Join(" ", Validate(options).Failures ?? []));
    }

    [Fact]
    public void Metadata_over_plain_http_is_refused_unless_the_host_is_loopback()
    {
        var remote = new BotAuthenticationOptions { ToBotFromChannelOpenIdMetadataUrl = new Uri("http://login.botframework.com/v1/keys") };
        var loopback = new BotAuthenticationOptions
        {
            ToBotFromChannelOpenIdMetadataUrl = new Uri("http://127.0.0.1:5000/openid"),
            ToBotFromEmulatorOpenIdMetadataUrl = new Uri("http://localhost:5000/openid"),
        };

        Assert.Contains("ToBotFromChannelOpenIdMetadataUrl", Assert.Single(Validate(remote).Failures!), StringComparison.Ordinal);
        Assert.True(Validate(loopback).Succeeded);
    }

    [Fact]
    public void Empty_issuer_scope_and_relative_login_url_are_refused()
    {
        var options = new BotAuthenticationOptions
        {
            ToBotFromChannelTokenIssuer = " ",
            ToChannelFromBotOAuthScope = "",
            ToChannelFromBotLoginUrl = new Uri("/botframework.com", UriKind.Relative),
        };

        var failures = Validate(options).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("ToBotFromChannelTokenIssuer is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ToChannelFromBotOAuthScope is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ToChannelFromBotLoginUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Authentication_is_disabled_only_without_an_app_id()
    {
        Assert.True(new BotAuthenticationOptions { MicrosoftAppId = " " }.IsAuthenticationDisabled);
        Assert.False(new BotAuthenticationOptions { MicrosoftAppId = "id" }.IsAuthenticationDisabled);
    }

    [Theory]
    [InlineData(null, null, null, "https://login.microsoftonline.com/botframework.com")]
    [InlineData("SingleTenant", "contoso.onmicrosoft.com", null, "https://login.microsoftonline.com/contoso.onmicrosoft.com")]
    [InlineData("SingleTenant", "contoso.onmicrosoft.com", "https://login.example.com/custom", "https://login.example.com/custom")]
    public void Login_authority_follows_the_app_type_unless_overridden(string? type, string? tenant, string? loginUrl, string expected)
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppType = type,
            MicrosoftAppTenantId = tenant,
            ToChannelFromBotLoginUrl = loginUrl is null ? null : new Uri(loginUrl),
        };

        Assert.Equal(expected, options.LoginAuthority.ToString());
    }

    [Fact]
    public void Defaults_are_the_public_cloud_endpoints()
    {
        var options = new BotAuthenticationOptions();

        Assert.Equal("https://api.botframework.com", options.ToBotFromChannelTokenIssuer);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.ToBotFromChannelOpenIdMetadataUrl.ToString());
        Assert.Equal("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration", options.ToBotFromEmulatorOpenIdMetadataUrl.ToString());
        Assert.Equal("https://api.botframework.com/.default", options.ToChannelFromBotOAuthScope);
        Assert.Equal(BotAppType.MultiTenant, options.AppType);
    }

    [Fact]
    public void Authenticator_refuses_to_start_with_invalid_options()
    {
        using var http = new HttpClient();
        var options = Options.Create(new BotAuthenticationOptions { MicrosoftAppType = "SingleTenant", MicrosoftAppId = "id" });

        var error = Assert.Throws<OptionsValidationException>(() =>
            new BotFrameworkAuthenticator(options, http, TimeProvider.System, new ListLogger<BotFrameworkAuthenticator>()));

        Assert.Contains("MicrosoftAppTenantId is required", error.Message, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(BotAuthenticationOptions options) =>
        new BotAuthenticationOptionsValidator().Validate(Options.DefaultName, options);
}
