using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace RewardsBot.Runtime.Auth;

/// <summary>A published signing key and the channel ids it vouches for (empty when the key has no endorsements).</summary>
internal sealed record OpenIdSigningKey(JsonWebKey Key, IReadOnlyList<string> Endorsements);

/// <summary>The keys of one JWKS document, by <c>kid</c>, and when they were fetched.</summary>
internal sealed record OpenIdSigningKeySet(IReadOnlyDictionary<string, OpenIdSigningKey> Keys, DateTimeOffset FetchedAt)
{
    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <summary>Reads the <c>jwks_uri</c> of an OpenID configuration document.</summary>
    public static Uri ReadJwksUri(ReadOnlyMemory<byte> openIdConfiguration)
    {
        using var document = JsonDocument.Parse(openIdConfiguration, StrictJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("jwks_uri", out var value)
            || value.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out var jwksUri))
        {
            throw new InvalidDataException("The OpenID configuration document has no absolute 'jwks_uri'.");
        }

        return jwksUri;
    }

    /// <summary>Parses a JWKS (<c>{"keys":[...]}</c>) including the Bot Framework's per-key <c>endorsements</c> arrays.</summary>
    public static OpenIdSigningKeySet Parse(ReadOnlyMemory<byte> jwks, DateTimeOffset fetchedAt)
    {
        using var document = JsonDocument.Parse(jwks, StrictJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("keys", out var keys)
            || keys.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The JWKS document has no 'keys' array.");
        }

        var result = new Dictionary<string, OpenIdSigningKey>(StringComparer.Ordinal);
        foreach (var element in keys.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("kid", out var kid)
                || kid.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(kid.GetString()))
            {
                continue; // A key without a kid can never be chosen: tokens name their key.
            }

            result.TryAdd(kid.GetString()!, new OpenIdSigningKey(new JsonWebKey(element.GetRawText()), ReadEndorsements(element)));
        }

        return new OpenIdSigningKeySet(result, fetchedAt);
    }

    private static string[] ReadEndorsements(JsonElement key)
    {
        if (!key.TryGetProperty("endorsements", out var endorsements) || endorsements.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. endorsements.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.String)
            .Select(e => e.GetString()!)];
    }
}
