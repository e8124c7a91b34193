namespace RewardsBot.Runtime.Auth;

/// <summary>Bearer tokens for calls from the bot to a channel's Connector service.</summary>
public interface IAccessTokenProvider
{
    /// <summary>
    /// A token for the Connector, or <c>null</c> when the bot runs without credentials (Emulator, local), in which
    /// case the call is made without an Authorization header. Tokens are cached until shortly before they expire;
    /// <paramref name="forceRefresh"/> skips the cache (after a 401 from the Connector).
    /// </summary>
    Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
