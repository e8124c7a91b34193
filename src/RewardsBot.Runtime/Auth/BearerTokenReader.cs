using System.Buffers.Text;
using System.Text.Json;

namespace RewardsBot.Runtime.Auth;

/// <summary>What the authenticator needs from a token before validating it: how it is signed and who issued it.</summary>
internal sealed record UnvalidatedJwt(string RawToken, string Algorithm, string? KeyId, string? Issuer, string? TenantId);

/// <summary>
/// Takes the token out of an Authorization header and checks its shape before IdentityModel sees it: bounded length,
/// three base64url segments (a JWS), JSON objects of bounded depth without duplicate names, no encryption or
/// compression. IdentityModel 6.8.0 can be made to decompress JWE payloads without bound (CVE-2024-21319), and its
/// JSON reader has no depth limit, so neither ever reaches it.
/// </summary>
internal static class BearerTokenReader
{
    /// <summary>Bot Framework and Azure AD tokens are 1–3 KB; nothing longer is parsed.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private const string Scheme = "Bearer";

    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    public static UnvalidatedJwt Read(string? authorizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            throw new BotAuthenticationException(
                "The request has no Authorization header. Channels send 'Authorization: Bearer <token>'; "
                + "for local testing without credentials, leave MicrosoftAppId empty.");
        }

        var token = ExtractBearerToken(authorizationHeader.Trim());
        if (token.Length > MaxTokenLength)
        {
            throw new BotAuthenticationException(
                $"The bearer token is longer than {MaxTokenLength} characters, far more than any Bot Framework token; it was not parsed.");
        }

        var segments = token.Split('.');
        if (segments.Length == 5)
        {
            throw new BotAuthenticationException(
                "The bearer token is an encrypted JWT (JWE, five segments). Only signed tokens (JWS) are accepted; encrypted tokens are never decrypted.");
        }

        if (segments.Length != 3 || segments[0].Length == 0 || segments[1].Length == 0 || !segments.All(IsBase64Url))
        {
            throw Malformed();
        }

        using var header = ParseJsonObject(segments[0]);
        using var payload = ParseJsonObject(segments[1]);
        var root = header.RootElement;
        if (root.TryGetProperty("enc", out _) || root.TryGetProperty("zip", out _))
        {
            throw new BotAuthenticationException(
                "The token header declares encryption or compression ('enc' or 'zip'). Only signed, uncompressed tokens (JWS) are accepted.");
        }

        RequireClaimTypes(payload.RootElement);
        var algorithm = GetString(root, "alg")
            ?? throw new BotAuthenticationException("The token header has no 'alg'. Send a token signed with RS256, RS384 or RS512.");
        return new UnvalidatedJwt(
            token,
            algorithm,
            GetString(root, "kid"),
            GetString(payload.RootElement, "iss"),
            GetString(payload.RootElement, "tid"));
    }

    private static string ExtractBearerToken(string header)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !header.AsSpan(0, space).Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new BotAuthenticationException("The Authorization header is not a Bearer token. Send 'Authorization: Bearer <JWT>'.");
        }

        var token = header[(space + 1)..].Trim();
        if (token.Length == 0 || token.Contains(' ', StringComparison.Ordinal))
        {
            throw new BotAuthenticationException("The Authorization header must hold exactly one token after 'Bearer '. Send 'Authorization: Bearer <JWT>'.");
        }

        return token;
    }

    private static JsonDocument ParseJsonObject(string segment)
    {
        try
        {
            var document = JsonDocument.Parse(Base64Url.DecodeFromChars(segment), StrictJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            // Reported below without details: the message must not echo any part of the token.
        }

        throw Malformed();
    }

    // Registered and Bot Framework claims must have their JSON types: IdentityModel 6.8.0 fails on others with
    // cast errors, and a claim read as a string must not be an array that a library might join.
    private static void RequireClaimTypes(JsonElement payload)
    {
        foreach (var claim in payload.EnumerateObject())
        {
            var valid = claim.Name switch
            {
                "exp" or "nbf" or "iat" => claim.Value.ValueKind == JsonValueKind.Number && claim.Value.TryGetInt64(out _),
                "aud" => claim.Value.ValueKind == JsonValueKind.String
                    || (claim.Value.ValueKind == JsonValueKind.Array && claim.Value.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String)),
                "iss" or "sub" or "ver" or "appid" or "azp" or "tid" or "serviceurl" => claim.Value.ValueKind == JsonValueKind.String,
                _ => true,
            };
            if (!valid)
            {
                throw new BotAuthenticationException(
                    $"The token's '{claim.Name}' claim has the wrong JSON type (exp, nbf and iat are whole seconds; iss, aud and the app id claims are strings).");
            }
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsBase64Url(string segment) =>
        segment.Length % 4 != 1 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static BotAuthenticationException Malformed() => new(
        "The bearer token is not a well-formed signed JWT: it must be three base64url segments (header.payload.signature) "
        + "whose header and payload are JSON objects without duplicate names.");
}
