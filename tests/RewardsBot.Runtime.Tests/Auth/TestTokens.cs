using System.Buffers.Text;
using System.IdentityModel.Tokens.Jwt;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace RewardsBot.Runtime.Tests.Auth;

/// <summary>Claims and minting for test tokens, signed for real with <see cref="TestSigningKey"/>s.</summary>
internal static class TestTokens
{
    public const string AppId = "9a4a3c1e-5b7e-4f7c-9d35-3b5c0e6f1a11";
    public const string OtherAppId = "0c1d2e3f-1111-4222-8333-444455556666";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string AzureAdIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string AzureAdIssuerV2 = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";

    public static Dictionary<string, object> ChannelClaims() => new()
    {
        ["iss"] = ChannelIssuer,
        ["aud"] = AppId,
        ["serviceurl"] = ServiceUrl,
    };

    public static Dictionary<string, object> EmulatorV1Claims() => new()
    {
        ["iss"] = AzureAdIssuerV1,
        ["aud"] = AppId,
        ["appid"] = AppId,
        ["ver"] = "1.0",
        ["tid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db",
    };

    public static Dictionary<string, object> EmulatorV2Claims() => new()
    {
        ["iss"] = AzureAdIssuerV2,
        ["aud"] = AppId,
        ["azp"] = AppId,
        ["ver"] = "2.0",
        ["tid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db",
    };

    /// <summary>A signed JWT with <paramref name="claims"/> plus nbf/exp (omitted when null).</summary>
    public static string Mint(
        SigningCredentials credentials, IDictionary<string, object> claims, DateTimeOffset? notBefore, DateTimeOffset? expires)
    {
        var payload = new JwtPayload();
        foreach (var (name, value) in claims)
        {
            payload[name] = value;
        }

        if (notBefore is not null)
        {
            payload["nbf"] = notBefore.Value.ToUnixTimeSeconds();
        }

        if (expires is not null)
        {
            payload["exp"] = expires.Value.ToUnixTimeSeconds();
        }

        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(new JwtHeader(credentials), payload));
    }

    /// <summary>A token assembled by hand from raw header and payload JSON and a signature segment.</summary>
    public static string Raw(string headerJson, string payloadJson, string signature = "") =>
        $"{Encode(headerJson)}.{Encode(payloadJson)}.{signature}";

    public static string PayloadJson(IDictionary<string, object> claims, DateTimeOffset now) =>
        JsonSerializer.Serialize(new Dictionary<string, object>(claims)
        {
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        });

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
