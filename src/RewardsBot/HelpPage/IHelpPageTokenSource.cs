namespace RewardsBot.HelpPage;

/// <summary>
/// Gets the help page's Web Chat a Direct Line token bound to a user: the host's own Direct Line
/// (<see cref="HostDirectLineTokenSource"/>) or Azure's (<see cref="AzureDirectLineTokenSource"/>), by configuration.
/// </summary>
public interface IHelpPageTokenSource
{
    /// <summary>
    /// A token for <paramref name="user"/>: for <paramref name="resumeConversationId"/> when given (a page refresh; null
    /// when that conversation can no longer be joined), otherwise for a new conversation.
    /// </summary>
    /// <exception cref="HelpPageTokenException">Direct Line is not configured, refused, or could not be reached.</exception>
    Task<HelpPageToken?> GetTokenAsync(HelpPageUser user, string? resumeConversationId, CancellationToken cancellationToken);
}

/// <summary>Who the token is for: a demo identity id (the bot maps Direct Line user ids to users) and a display name.</summary>
public sealed record HelpPageUser(string Id, string Name);

/// <summary>
/// What Web Chat needs: the token, the Direct Line base address (<c>…/v3/directline</c>; relative to the page for the
/// host's own) and the conversation the token is for.
/// </summary>
public sealed record HelpPageToken(string Token, string Domain, string ConversationId, int ExpiresIn);

/// <summary>
/// No token could be had. The message is for operators and names the setting to check; it never holds a token or secret.
/// </summary>
public sealed class HelpPageTokenException : Exception
{
    public HelpPageTokenException(string message, bool notConfigured = false, Exception? inner = null)
        : base(message, inner) => NotConfigured = notConfigured;

    /// <summary>True when a setting is missing (503), false when Direct Line failed (502).</summary>
    public bool NotConfigured { get; }
}
