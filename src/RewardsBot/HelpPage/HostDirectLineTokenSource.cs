using RewardsBot.DirectLine;

namespace RewardsBot.HelpPage;

/// <summary>
/// Tokens from the host's own Direct Line (<c>/v3/directline</c>), issued in-process for the demo identity itself as
/// the user id (the bot finds Direct Line users by that id in its chat-identity table). The secret stays on the server.
/// </summary>
internal sealed class HostDirectLineTokenSource(DirectLineTokenIssuer issuer) : IHelpPageTokenSource
{
    /// <summary>Where the host serves Direct Line, relative to the page (Web Chat's <c>domain</c>).</summary>
    public const string RelativeDomain = "v3/directline";

    /// <summary>A token for a new conversation, or for <paramref name="resumeConversationId"/> when it is kept and this user's; null when it is not.</summary>
    public async Task<HelpPageToken?> GetTokenAsync(HelpPageUser user, string? resumeConversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!issuer.IsEnabled)
        {
            throw new HelpPageTokenException("The host's Direct Line is off (DirectLine:Enabled=false): turn it on, or set HelpPage:DirectLine to use Azure's.", notConfigured: true);
        }

        var grant = await issuer.IssueAsync(user.Id, user.Name, resumeConversationId, cancellationToken);
        return resumeConversationId is not null && grant.ConversationId != resumeConversationId
            ? null // Gone or not this user's: the caller starts a new conversation.
            : new HelpPageToken(grant.Token, RelativeDomain, grant.ConversationId, grant.ExpiresIn);
    }
}
