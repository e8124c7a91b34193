namespace RewardsBot.DirectLine;

/// <summary>Who is calling: the secret's holder (the host's own server), or a token's user.</summary>
internal sealed record DirectLineCaller(DirectLineTokenClaims? Token, string? RawToken)
{
    public static DirectLineCaller Secret { get; } = new(null, null);

    public bool IsSecret => Token is null;
}

/// <summary>
/// Checks a call's credential: the secret (compared in constant time), or a token — valid (else 401), not expired (else
/// 403 <c>TokenExpired</c>), for this conversation (else 403), and within its rate (else 429 with Retry-After).
/// </summary>
internal sealed class DirectLineGate(DirectLineKeys keys, DirectLineTokens tokens, DirectLineThrottle throttle)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The caller, or the refusal to answer with.</summary>
    /// <param name="credential">The bearer credential (header, or the <c>t</c> of a streamUrl).</param>
    /// <param name="conversationId">The conversation the call is about, when it names one.</param>
    /// <param name="allowToken">False where only the secret will do (token generation).</param>
    public (DirectLineCaller? Caller, IResult? Refusal) Check(string? credential, string? conversationId, bool allowToken = true)
    {
        if (string.IsNullOrEmpty(credential))
        {
            return (null, DirectLineErrors.Unauthorized("Send 'Authorization: Bearer <token>' (a server may use the Direct Line secret)."));
        }

        if (keys.IsSecret(credential))
        {
            return (DirectLineCaller.Secret, null);
        }

        var (status, claims) = tokens.Read(credential);
        if (status == TokenStatus.Invalid)
        {
            return (null, DirectLineErrors.Unauthorized(allowToken ? "The token or secret was not recognised." : "The Direct Line secret was not recognised."));
        }

        if (!allowToken)
        {
            return (null, DirectLineErrors.Forbidden("Generating a token needs the Direct Line secret, not a token; refresh a token with tokens/refresh."));
        }

        if (status == TokenStatus.Expired)
        {
            return (null, DirectLineErrors.Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; ask the page's server for a new one."));
        }

        if (conversationId is not null && !string.Equals(conversationId, claims!.ConversationId, StringComparison.Ordinal))
        {
            return (null, DirectLineErrors.Forbidden("This token is for another conversation."));
        }

        if (!throttle.TryAcquire(claims!, out var retryAfter))
        {
            return (null, DirectLineErrors.Throttled(retryAfter));
        }

        return (new DirectLineCaller(claims, credential), null);
    }

    /// <summary>The credential of an <c>Authorization: Bearer …</c> header; null when absent or not a bearer.</summary>
    public static string? Bearer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }
}
