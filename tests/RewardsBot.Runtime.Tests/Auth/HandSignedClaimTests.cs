namespace RewardsBot.Runtime.Tests.Auth;

/// <summary>
/// Correctly signed tokens whose claims no JWT library would write: refused with a reason, never a server error
/// (IdentityModel 6.8.0 throws InvalidCastException on some of them).
/// </summary>
public sealed class HandSignedClaimTests : IDisposable
{
    private static readonly string Header = $$"""{"alg":"RS256","typ":"JWT","kid":"{{TestKeys.Channel.KeyId}}"}""";
    private readonly AuthTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Hand_signed_token_with_well_formed_claims_is_accepted()
    {
        var token = TestKeys.Channel.SignRaw(Header, Payload($$""" "exp":{{host.Now.AddHours(1).ToUnixTimeSeconds()}} """));

        Assert.False((await host.AuthenticateTokenAsync(token)).IsAnonymous);
    }

    [Theory]
    [InlineData(""" "exp":"tomorrow" """)]
    [InlineData(""" "exp":1e300 """)]
    [InlineData(""" "exp":[1] """)]
    [InlineData(""" "exp":4102444800, "nbf":{"a":1} """)]
    [InlineData(""" "exp":4102444800, "appid":["a","b"] """)]
    [InlineData(""" "exp":4102444800, "ver":2 """)]
    public async Task Signed_token_with_malformed_claims_is_refused(string claims)
    {
        var token = TestKeys.Channel.SignRaw(Header, Payload(claims));

        var message = await host.RefusedTokenAsync(token);

        Assert.Contains("claim has the wrong JSON type", message, StringComparison.Ordinal);
    }

    private static string Payload(string extraClaims) =>
        $$"""{"iss":"{{TestTokens.ChannelIssuer}}","aud":"{{TestTokens.AppId}}","serviceurl":"{{TestTokens.ServiceUrl}}",{{extraClaims}}}""";
}
