using System.Security.Claims;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// Checks on a Bot Framework channel token after its signature, issuer, audience and lifetime are validated
/// (protocol reference 4.2): the token is bound to the activity's service URL, and the signing key vouches for the
/// activity's channel.
/// </summary>
internal static class ChannelTokenRules
{
    public static void Check(ClaimsIdentity identity, OpenIdSigningKey key, Activity activity)
    {
        var serviceUrl = identity.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(serviceUrl))
        {
            throw new BotAuthenticationException(
                "The token has no 'serviceurl' claim; Bot Framework channel tokens always name the service that sends the activity.");
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            throw new BotAuthenticationException(
                "The token's 'serviceurl' claim does not match the activity's serviceUrl; a channel token is valid only for the service it was issued to.");
        }

        if (key.Endorsements.Count == 0)
        {
            throw new BotAuthenticationException(
                "The token's signing key has no endorsements, so it cannot vouch for any channel; channel tokens must be signed by an endorsed key.");
        }

        if (string.IsNullOrEmpty(activity.ChannelId))
        {
            throw new BotAuthenticationException("The activity has no channelId, so the signing key's endorsements cannot be checked.");
        }

        if (!key.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            throw new BotAuthenticationException(
                "The token's signing key is not endorsed for the activity's channelId; the token was issued for a different channel.");
        }
    }
}
