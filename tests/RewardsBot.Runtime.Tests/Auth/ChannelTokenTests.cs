using Microsoft.IdentityModel.Tokens;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Auth;

public sealed class ChannelTokenTests : IDisposable
{
    private readonly AuthTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Valid_channel_token_is_accepted_with_the_azure_caller_id()
    {
        var result = await host.AuthenticateTokenAsync(host.ChannelToken());

        Assert.False(result.IsAnonymous);
        Assert.Equal(CallerIdConstants.PublicAzureChannel, result.CallerId);
        Assert.Equal(TestTokens.ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
        Assert.Equal(TestTokens.AppId, result.Identity.FindFirst("aud")?.Value);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task Channel_token_signed_with_RS384_or_RS512_is_accepted(string algorithm)
    {
        var token = TestTokens.Mint(TestKeys.Channel.Credentials(algorithm), TestTokens.ChannelClaims(), host.Now, host.Now.AddHours(1));

        var result = await host.AuthenticateTokenAsync(token);

        Assert.Equal(CallerIdConstants.PublicAzureChannel, result.CallerId);
    }

    [Fact]
    public async Task Channel_token_serviceurl_is_compared_ignoring_case()
    {
        var token = host.ChannelToken(c => c["serviceurl"] = TestTokens.ServiceUrl.ToUpperInvariant());

        var result = await host.AuthenticateTokenAsync(token);

        Assert.False(result.IsAnonymous);
    }

    [Fact]
    public async Task Channel_token_expired_less_than_five_minutes_ago_is_accepted()
    {
        var token = TestTokens.Mint(TestKeys.Channel.Credentials(), TestTokens.ChannelClaims(), host.Now.AddHours(-1), host.Now.AddMinutes(-4));

        var result = await host.AuthenticateTokenAsync(token);

        Assert.False(result.IsAnonymous);
    }

    [Fact]
    public async Task Channel_token_expired_more_than_five_minutes_ago_is_refused()
    {
        var token = TestTokens.Mint(TestKeys.Channel.Credentials(), TestTokens.ChannelClaims(), host.Now.AddHours(-1), host.Now.AddMinutes(-6));

        Assert.Contains("expired", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_that_becomes_valid_more_than_five_minutes_from_now_is_refused()
    {
        var token = TestTokens.Mint(TestKeys.Channel.Credentials(), TestTokens.ChannelClaims(), host.Now.AddMinutes(6), host.Now.AddHours(1));

        Assert.Contains("not valid yet", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_without_expiry_is_refused()
    {
        var token = TestTokens.Mint(TestKeys.Channel.Credentials(), TestTokens.ChannelClaims(), host.Now, expires: null);

        Assert.Contains("no expiry", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_with_wrong_audience_is_refused()
    {
        var token = host.ChannelToken(c => c["aud"] = TestTokens.OtherAppId);

        Assert.Contains("audience is not this bot's MicrosoftAppId", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_from_an_untrusted_issuer_is_refused()
    {
        var token = host.ChannelToken(c => c["iss"] = "https://evil.example.com");

        Assert.Contains("issuer is not trusted", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_signed_by_an_unpublished_key_is_refused()
    {
        var token = host.ChannelToken(key: TestKeys.Unpublished);

        Assert.Contains("does not publish", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_whose_payload_was_altered_after_signing_is_refused()
    {
        var genuine = host.ChannelToken().Split('.');
        var forged = host.ChannelToken(c => c["serviceurl"] = "https://attacker.example.com/").Split('.');
        var tampered = $"{genuine[0]}.{forged[1]}.{genuine[2]}";

        Assert.Contains("signature is not valid", await host.RefusedTokenAsync(tampered), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_with_alg_none_is_refused()
    {
        var token = TestTokens.Raw(
            $$"""{"alg":"none","typ":"JWT","kid":"{{TestKeys.Channel.KeyId}}"}""",
            TestTokens.PayloadJson(TestTokens.ChannelClaims(), host.Now));

        Assert.Contains("signing algorithm is not accepted", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_signed_with_HS256_using_the_public_key_as_secret_is_refused()
    {
        var hmac = new SigningCredentials(
            new SymmetricSecurityKey(TestKeys.Channel.PublicModulus) { KeyId = TestKeys.Channel.KeyId }, SecurityAlgorithms.HmacSha256);
        var token = TestTokens.Mint(hmac, TestTokens.ChannelClaims(), host.Now, host.Now.AddHours(1));

        Assert.Contains("signing algorithm is not accepted", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_without_serviceurl_is_refused()
    {
        var token = host.ChannelToken(c => c.Remove("serviceurl"));

        Assert.Contains("no 'serviceurl' claim", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_for_another_serviceurl_is_refused()
    {
        var token = host.ChannelToken(c => c["serviceurl"] = "https://smba.trafficmanager.net/emea/");

        Assert.Contains("does not match the activity's serviceUrl", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_for_a_channel_the_key_does_not_endorse_is_refused()
    {
        var message = await host.RefusedTokenAsync(host.ChannelToken(), AuthTestHost.Activity(channelId: "slack"));

        Assert.Contains("not endorsed for the activity's channelId", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_signed_by_a_key_without_endorsements_is_refused()
    {
        var token = host.ChannelToken(key: TestKeys.Unendorsed);

        Assert.Contains("signing key has no endorsements", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_token_with_an_emulator_key_is_refused_because_key_sets_are_separate()
    {
        var token = host.ChannelToken(key: TestKeys.Emulator);

        Assert.Contains("channel service does not publish", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }
}
