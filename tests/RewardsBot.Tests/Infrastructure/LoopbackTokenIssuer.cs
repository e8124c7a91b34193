using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// Plays the Bot Connector's token service on loopback: an RSA key generated here, published as OpenID metadata and
/// a JWKS with the Bot Framework's per-key <c>endorsements</c>, and tokens signed with it.
/// </summary>
public sealed class LoopbackTokenIssuer : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;

    private LoopbackTokenIssuer(WebApplication app)
    {
        _app = app;
        _key = new RsaSecurityKey(_rsa) { KeyId = "loopback-key-1" };
    }

    public Uri MetadataUrl => new(_app.Urls.First() + "/v1/.well-known/openidconfiguration");

    public static async Task<LoopbackTokenIssuer> StartAsync(params string[] endorsements)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new LoopbackTokenIssuer(app);
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new JsonObject
        {
            ["issuer"] = ChannelIssuer,
            ["jwks_uri"] = app.Urls.First() + "/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/v1/.well-known/keys", () => Results.Json(issuer.Jwks(endorsements)));
        await app.StartAsync();
        return issuer;
    }

    /// <summary>A channel token as Azure Bot Service would send it.</summary>
    public string ChannelToken(string audience, string serviceUrl, string issuer = ChannelIssuer, DateTime? expires = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        var now = expiry < DateTime.UtcNow ? expiry.AddMinutes(-30) : DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = expiry,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };
        return new JwtSecurityTokenHandler().CreateEncodedJwt(descriptor);
    }

    private JsonObject Jwks(string[] endorsements)
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = _key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e).ToArray()),
            }),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
