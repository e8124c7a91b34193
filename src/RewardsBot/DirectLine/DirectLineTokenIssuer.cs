using Microsoft.Extensions.Options;

namespace RewardsBot.DirectLine;

/// <summary>A Direct Line token for one user and one conversation, and its lifetime in seconds.</summary>
public sealed record DirectLineTokenGrant(string ConversationId, string Token, int ExpiresIn);

/// <summary>
/// Issues Direct Line tokens in-process, for the host's own server-side code (the help page's token endpoint): the
/// secret never leaves the host. The user id is the signed-in user the server vouches for; it goes inside the token,
/// and the bot trusts only that one. Same as <c>POST /v3/directline/tokens/generate</c> with the secret.
/// </summary>
public sealed class DirectLineTokenIssuer
{
    private const int MaxConversationIdLength = 128;
    private const int MaxUserNameLength = 256;

    private readonly DirectLineTokens _tokens;
    private readonly IDirectLineStore _store;
    private readonly DirectLineOptions _options;

    internal DirectLineTokenIssuer(DirectLineTokens tokens, IDirectLineStore store, IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokens = tokens;
        _store = store;
        _options = options.Value;
    }

    /// <summary>False when <c>DirectLine:Enabled</c> is false; <see cref="IssueAsync(string, string?, CancellationToken)"/> then throws.</summary>
    public bool IsEnabled => _options.Enabled;

    /// <summary>A token for a new conversation of <paramref name="userId"/> (a <c>dl_</c> prefix is added when missing).</summary>
    public Task<DirectLineTokenGrant> IssueAsync(string userId, string? userName, CancellationToken cancellationToken)
        => IssueAsync(userId, userName, resumeConversationId: null, cancellationToken);

    /// <summary>
    /// A token for <paramref name="resumeConversationId"/> when that conversation is kept and belongs to the same user
    /// (a page refresh resumes with history); otherwise for a new conversation — compare the returned
    /// <see cref="DirectLineTokenGrant.ConversationId"/> to know which.
    /// </summary>
    public async Task<DirectLineTokenGrant> IssueAsync(string userId, string? userName, string? resumeConversationId, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            throw new InvalidOperationException("Direct Line is disabled (DirectLine:Enabled=false); enable it to issue tokens.");
        }

        var tokenUserId = DirectLineIds.TokenUserId(userId)
            ?? throw new ArgumentException($"A Direct Line user id must be 1 to {DirectLineIds.MaxUserIdLength} characters without control characters.", nameof(userId));
        var name = string.IsNullOrWhiteSpace(userName) ? null : userName.Trim();
        if (name is { Length: > MaxUserNameLength })
        {
            name = name[..MaxUserNameLength];
        }

        var conversationId = DirectLineIds.NewConversationId();
        if (resumeConversationId is { Length: > 0 and <= MaxConversationIdLength }
            && await _store.FindConversationAsync(resumeConversationId, cancellationToken) is { } kept
            && string.Equals(kept.UserId, tokenUserId, StringComparison.Ordinal))
        {
            conversationId = kept.Id;
        }

        var (token, expiresIn) = _tokens.Issue(conversationId, tokenUserId, name);
        return new DirectLineTokenGrant(conversationId, token, expiresIn);
    }
}
