using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace RewardsBot.Runtime.Tests.Auth;

/// <summary>An RSA key generated for a test, published as a JWK with optional Bot Framework endorsements.</summary>
internal sealed class TestSigningKey : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);

    public TestSigningKey(string keyId, params string[]? endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements;
    }

    public string KeyId { get; }

    /// <summary>Null: the JWK has no <c>endorsements</c> property.</summary>
    public string[]? Endorsements { get; }

    public SigningCredentials Credentials(string algorithm = SecurityAlgorithms.RsaSha256) =>
        new(new RsaSecurityKey(rsa) { KeyId = KeyId }, algorithm);

    /// <summary>The public modulus: what an attacker would use as an HMAC secret in an algorithm-confusion attack.</summary>
    public byte[] PublicModulus => rsa.ExportParameters(false).Modulus!;

    /// <summary>An RS256 token over exactly the given header and payload JSON (for claims no JWT library would write).</summary>
    public string SignRaw(string headerJson, string payloadJson)
    {
        var signingInput = $"{TestTokens.Encode(headerJson)}.{TestTokens.Encode(payloadJson)}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    public JsonObject ToJwk()
    {
        var parameters = rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => JsonValue.Create(e))]);
        }

        return jwk;
    }

    public void Dispose() => rsa.Dispose();
}
