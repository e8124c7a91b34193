using Microsoft.Extensions.Logging;
using RewardsBot.Runtime.Auth;

namespace RewardsBot.Runtime.Tests.Auth;

public sealed class RequestShapeTests : IDisposable
{
    private readonly AuthTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Request_without_header_is_refused_when_authentication_is_enabled()
    {
        Assert.Contains("no Authorization header", await host.RefusedAsync(null), StringComparison.Ordinal);
        Assert.Contains(host.Log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("without credentials", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task Header_that_is_not_a_bearer_token_is_refused(string header)
    {
        Assert.Contains("not a Bearer token", await host.RefusedAsync(header), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_scheme_is_case_insensitive()
    {
        var result = await host.AuthenticateAsync($"bearer {host.ChannelToken()}");

        Assert.False(result.IsAnonymous);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("abc.def")]
    [InlineData("a.b.c.d")]
    [InlineData("e30.e30.sig=")]
    [InlineData("@@@.e30.c2ln")]
    [InlineData(".e30.c2ln")]
    [InlineData("bm90IGpzb24.e30.c2ln")]
    [InlineData("WzFd.e30.c2ln")]
    public async Task Token_that_is_not_a_signed_JWT_is_refused(string token)
    {
        Assert.Contains("not a well-formed signed JWT", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_with_duplicate_claim_names_is_refused()
    {
        var token = TestTokens.Raw(
            $$"""{"alg":"RS256","kid":"{{TestKeys.Channel.KeyId}}"}""",
            """{"iss":"https://api.botframework.com","iss":"https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"}""",
            "c2ln");

        Assert.Contains("without duplicate names", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_with_deeply_nested_json_is_refused_before_IdentityModel_reads_it()
    {
        var nested = new string('[', 500) + new string(']', 500);
        var token = TestTokens.Raw("""{"alg":"RS256","kid":"k"}""", $$"""{"iss":"x","deep":{{nested}}}""", "c2ln");

        Assert.Contains("not a well-formed signed JWT", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JWE_shaped_token_is_refused_without_fetching_anything()
    {
        var jwe = string.Join('.', TestTokens.Encode("""{"alg":"RSA-OAEP","enc":"A256GCM","zip":"DEF"}"""), "a2V5", "aXY", "Y2lwaGVy", "dGFn");

        Assert.Contains("encrypted JWT (JWE", await host.RefusedTokenAsync(jwe), StringComparison.Ordinal);
        Assert.Equal(0, host.Server.KeyRequests(AuthTestHost.ChannelSet));
    }

    [Fact]
    public async Task Signed_token_declaring_compression_is_refused()
    {
        var token = TestTokens.Raw(
            $$"""{"alg":"RS256","zip":"DEF","kid":"{{TestKeys.Channel.KeyId}}"}""",
            TestTokens.PayloadJson(TestTokens.ChannelClaims(), host.Now),
            "c2ln");

        Assert.Contains("'enc' or 'zip'", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_token_is_refused_without_parsing()
    {
        var token = host.ChannelToken(c => c["padding"] = new string('x', 20_000));

        Assert.Contains("longer than 16384 characters", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
        Assert.Equal(0, host.Server.KeyRequests(AuthTestHost.ChannelSet));
    }

    [Fact]
    public async Task Token_without_kid_is_refused()
    {
        var token = TestTokens.Raw("""{"alg":"RS256","typ":"JWT"}""", TestTokens.PayloadJson(TestTokens.ChannelClaims(), host.Now), "c2ln");

        Assert.Contains("no 'kid'", await host.RefusedTokenAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_without_header_is_anonymous_when_there_is_no_app_id()
    {
        using var anonymous = new AuthTestHost(o => { o.MicrosoftAppId = null; o.MicrosoftAppPassword = null; });

        var result = await anonymous.AuthenticateAsync(null);

        Assert.Same(BotAuthenticationResult.Anonymous, result);
        Assert.True(result.IsAnonymous);
        Assert.Null(result.CallerId);
    }

    [Fact]
    public async Task Request_with_header_is_refused_when_there_is_no_app_id()
    {
        using var anonymous = new AuthTestHost(o => { o.MicrosoftAppId = ""; o.MicrosoftAppPassword = null; });

        var message = await anonymous.RefusedTokenAsync(anonymous.ChannelToken());

        Assert.Contains("this bot has no MicrosoftAppId", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logged_issuer_cannot_forge_log_lines()
    {
        var token = host.ChannelToken(c => c["iss"] = "https://evil.example.com\nInformation: Authenticated");

        await host.RefusedTokenAsync(token);

        var warning = Assert.Single(host.Log.Entries, e => e.Level == LogLevel.Warning);
        Assert.DoesNotContain('\n', warning.Message);
        Assert.Contains("https://evil.example.com?Information", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_is_logged_with_reason_and_issuer_but_never_the_token()
    {
        var token = host.ChannelToken(c => c["aud"] = TestTokens.OtherAppId);

        var message = await host.RefusedTokenAsync(token);

        var warning = Assert.Single(host.Log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(message, warning.Message, StringComparison.Ordinal);
        Assert.Contains(TestTokens.ChannelIssuer, warning.Message, StringComparison.Ordinal);
        foreach (var segment in token.Split('.'))
        {
            Assert.DoesNotContain(segment, host.Log.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(segment, message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(TestTokens.OtherAppId, host.Log.AllText, StringComparison.Ordinal);
    }
}
