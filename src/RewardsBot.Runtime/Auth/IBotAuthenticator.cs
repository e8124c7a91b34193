using System.Security.Claims;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Auth;

/// <summary>Validates the Authorization header of an inbound activity.</summary>
public interface IBotAuthenticator
{
    /// <summary>
    /// Authenticates the request that carried <paramref name="activity"/>.
    /// Throws <see cref="BotAuthenticationException"/> (answered with 401) when it is refused.
    /// </summary>
    Task<BotAuthenticationResult> AuthenticateRequestAsync(Activity activity, string? authorizationHeader, CancellationToken cancellationToken);
}

/// <summary>Who sent a request: the validated claims, the caller id to stamp on the activity, anonymous or not.</summary>
public sealed record BotAuthenticationResult(ClaimsIdentity Identity, string? CallerId, bool IsAnonymous)
{
    public static BotAuthenticationResult Anonymous { get; } = new(new ClaimsIdentity(), null, true);
}

/// <summary>A request whose credentials were refused. The message says why, without echoing the token.</summary>
public sealed class BotAuthenticationException : Exception
{
    public BotAuthenticationException(string message) : base(message) { }
    public BotAuthenticationException(string message, Exception innerException) : base(message, innerException) { }
}
