using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RewardsBot.DirectLine;

/// <summary>
/// The Direct Line secret and the token signing key, resolved once: the configured secret, or in Development a random
/// one when none is configured (the validator refuses an empty secret elsewhere). The signing key is derived with
/// HKDF-SHA256 from <see cref="DirectLineOptions.TokenSigningKey"/>, else from the secret.
/// </summary>
internal sealed class DirectLineKeys
{
    private static readonly byte[] SigningKeyInfo = Encoding.UTF8.GetBytes("RewardsBot Direct Line token signing v1");
    private readonly byte[] _secretHash;

    public DirectLineKeys(IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value;
        var secret = configured.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            SecretWasGenerated = true;
        }

        _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var keyMaterial = string.IsNullOrEmpty(configured.TokenSigningKey) ? secret : configured.TokenSigningKey;
        SigningKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(keyMaterial), 32, salt: [], info: SigningKeyInfo);
    }

    /// <summary>True when no secret was configured and a random one was made (Development only).</summary>
    public bool SecretWasGenerated { get; }

    /// <summary>The HMAC-SHA256 key of tokens.</summary>
    public byte[] SigningKey { get; }

    /// <summary>Whether <paramref name="presented"/> is the secret, in time independent of where they differ.</summary>
    public bool IsSecret(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _secretHash);
    }
}
