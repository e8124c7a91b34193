using RewardsBot.Runtime.Auth;

namespace RewardsBot.Runtime.Tests.Auth;

public sealed class EmulatorTokenTests : IDisposable
{
    private readonly AuthTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Emulator_v1_token_is_accepted_without_a_caller_id()
    {
        var result = await host.AuthenticateTokenAsync(host.EmulatorToken(TestTokens.EmulatorV1Claims()));

        Assert.False(result.IsAnonymous);
        Assert.Null(result.CallerId);
        Assert.Equal(TestTokens.AppId, result.Identity.FindFirst("appid")?.Value);
    }

    [Fact]
    public async Task Emulator_v2_token_is_accepted_without_a_caller_id()
    {
        var result = await host.AuthenticateTokenAsync(host.EmulatorToken(TestTokens.EmulatorV2Claims()));

        Assert.False(result.IsAnonymous);
        Assert.Null(result.CallerId);
    }

    [Fact]
    public async Task Emulator_token_without_ver_is_read_as_v1()
    {
        var result = await host.AuthenticateTokenAsync(host.EmulatorToken(TestTokens.EmulatorV1Claims(), c => c.Remove("ver")));

        Assert.False(result.IsAnonymous);
    }

    [Fact]
    public async Task Emulator_v1_token_for_another_app_is_refused()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV1Claims(), c =>
        {
            c["appid"] = TestTokens.OtherAppId;
            c["aud"] = TestTokens.OtherAppId;
        });

        Assert.Contains("'appid' claim is not this bot's MicrosoftAppId", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_v2_token_for_another_app_is_refused()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV2Claims(), c =>
        {
            c["azp"] = TestTokens.OtherAppId;
            c["aud"] = TestTokens.OtherAppId;
        });

        Assert.Contains("'azp' claim is not this bot's MicrosoftAppId", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_v2_token_without_azp_is_refused()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV2Claims(), c => c.Remove("azp"));

        Assert.Contains("no 'azp' claim", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_token_meant_for_the_connector_is_refused_for_its_audience()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV1Claims(), c => c["aud"] = "https://api.botframework.com");

        Assert.Contains("audience is not this bot's MicrosoftAppId", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_token_with_an_unknown_version_is_refused()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV1Claims(), c => c["ver"] = "3.0");

        Assert.Contains("neither 1.0 nor 2.0", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skill_token_from_another_bot_is_refused_as_unsupported()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV1Claims(), c => c["appid"] = TestTokens.OtherAppId);

        Assert.Contains("skill", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_skill_token_is_refused_as_unsupported()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV1Claims(), c => c["appid"] = "AnonymousSkill");

        Assert.Contains("skill", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_token_expired_more_than_five_minutes_ago_is_refused()
    {
        var token = TestTokens.Mint(TestKeys.Emulator.Credentials(), TestTokens.EmulatorV2Claims(), host.Now.AddHours(-1), host.Now.AddMinutes(-6));

        Assert.Contains("expired", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifetime_is_measured_with_the_injected_clock()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV2Claims());
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(6));

        Assert.Contains("expired", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_AD_token_signed_with_a_channel_key_is_refused()
    {
        var token = host.Token(TestTokens.EmulatorV1Claims(), edit: null, TestKeys.Channel);

        Assert.Contains("Azure AD does not publish", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_tenant_bot_accepts_a_token_from_its_own_tenant()
    {
        using var singleTenant = new AuthTestHost(SingleTenant);
        var token = singleTenant.EmulatorToken(TestTokens.EmulatorV1Claims(), c =>
        {
            c["iss"] = $"https://sts.windows.net/{TestTokens.TenantId}/";
            c["tid"] = TestTokens.TenantId;
        });

        var result = await singleTenant.AuthenticateTokenAsync(token);

        Assert.Null(result.CallerId);
    }

    [Fact]
    public async Task Single_tenant_bot_refuses_a_token_from_another_tenant()
    {
        using var singleTenant = new AuthTestHost(SingleTenant);
        const string otherTenant = "11111111-2222-3333-4444-555555555555";
        var token = singleTenant.EmulatorToken(TestTokens.EmulatorV2Claims(), c =>
        {
            c["iss"] = $"https://login.microsoftonline.com/{otherTenant}/v2.0";
            c["tid"] = otherTenant;
        });

        Assert.Contains("issuer is not trusted", await singleTenant.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multi_tenant_bot_refuses_a_tenant_specific_issuer()
    {
        var token = host.EmulatorToken(TestTokens.EmulatorV2Claims(), c =>
        {
            c["iss"] = $"https://login.microsoftonline.com/{TestTokens.TenantId}/v2.0";
            c["tid"] = TestTokens.TenantId;
        });

        Assert.Contains("issuer is not trusted", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    private static void SingleTenant(BotAuthenticationOptions options)
    {
        options.MicrosoftAppType = "singletenant";
        options.MicrosoftAppTenantId = TestTokens.TenantId;
    }
}
