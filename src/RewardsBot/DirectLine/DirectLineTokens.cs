using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RewardsBot.DirectLine;

/// <summary>What a valid token vouches for: one conversation, one user, until <see cref="Expires"/>.</summary>
internal sealed record DirectLineTokenClaims(string ConversationId, string UserId, string? UserName, DateTimeOffset Expires);

internal enum TokenStatus { Valid, Expired, Invalid }

/// <summary>
/// Direct Line tokens: JWTs signed with HMAC-SHA256 (<see cref="DirectLineKeys.SigningKey"/>) carrying the conversation
/// id (<c>conv</c>), the user id (<c>user</c>, which Web Chat reads as its own user id), the user's name and the expiry.
/// Signatures are compared in constant time; only tokens this service wrote are accepted.
/// </summary>
internal sealed class DirectLineTokens(DirectLineKeys keys, IOptions<DirectLineOptions> options, TimeProvider clock)
{
    /// <summary>Longest token read; anything longer is refused unread.</summary>
    public const int MaxTokenLength = 4096;

    private const string Issuer = "rewardsbot/directline";
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    /// <summary>A new token for the conversation and user, and its lifetime in seconds.</summary>
    public (string Token, int ExpiresIn) Issue(string conversationId, string userId, string? userName)
    {
        var lifetime = options.Value.TokenLifetime;
        var now = clock.GetUtcNow();
        var payload = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", Issuer);
            writer.WriteString("conv", conversationId);
            writer.WriteString("user", userId);
            if (!string.IsNullOrEmpty(userName))
            {
                writer.WriteString("name", userName);
            }

            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("nbf", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", WholeSecondsUp(now + lifetime));
            writer.WriteEndObject();
        }

        var signed = Header + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        var token = signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(keys.SigningKey, Encoding.ASCII.GetBytes(signed)));
        return (token, (int)Math.Ceiling(lifetime.TotalSeconds));
    }

    /// <summary>Checks a token: signature first, then expiry. Claims are returned for valid and expired tokens.</summary>
    public (TokenStatus Status, DirectLineTokenClaims? Claims) Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxTokenLength)
        {
            return (TokenStatus.Invalid, null);
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || !string.Equals(parts[0], Header, StringComparison.Ordinal) || !TryDecode(parts[2], out var signature))
        {
            return (TokenStatus.Invalid, null);
        }

        var expected = HMACSHA256.HashData(keys.SigningKey, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature) || !TryDecode(parts[1], out var payload))
        {
            return (TokenStatus.Invalid, null);
        }

        var claims = ReadClaims(payload);
        if (claims is null)
        {
            return (TokenStatus.Invalid, null);
        }

        return clock.GetUtcNow() >= claims.Expires ? (TokenStatus.Expired, claims) : (TokenStatus.Valid, claims);
    }

    /// <summary>Seconds until <paramref name="claims"/> expire (at least 0).</summary>
    public int SecondsLeft(DirectLineTokenClaims claims)
        => (int)Math.Max(0, Math.Ceiling((claims.Expires - clock.GetUtcNow()).TotalSeconds));

    /// <summary>Unix seconds rounded up, so a token lives at least its lifetime.</summary>
    private static long WholeSecondsUp(DateTimeOffset time)
        => time.ToUnixTimeSeconds() + (time.ToUnixTimeMilliseconds() % 1000 == 0 ? 0 : 1);

    private static DirectLineTokenClaims? ReadClaims(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != Issuer
                || !root.TryGetProperty("conv", out var conv) || conv.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expires))
            {
                return null;
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return string.IsNullOrEmpty(conv.GetString()) || string.IsNullOrEmpty(user.GetString())
                ? null
                : new DirectLineTokenClaims(conv.GetString()!, user.GetString()!, name, DateTimeOffset.FromUnixTimeSeconds(expires));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = [];
        if (part.Length == 0 || !Base64Url.IsValid(part))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }
}
