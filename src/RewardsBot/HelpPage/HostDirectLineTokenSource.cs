using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RewardsBot.HelpPage;

/// <summary>
/// Tokens from the host's own Direct Line (<c>/v3/directline</c>), for the demo identity itself as the user id (the
/// bot finds Direct Line users by that id in its chat-identity table).
/// </summary>
/// <remarks>
/// It speaks standard Direct Line 3.0 to the host's own address with the <c>DirectLine:Secret</c> setting, the same
/// two calls as for Azure. The host's in-process issuer can replace <see cref="IssueAsync"/> and
/// <see cref="ReissueAsync"/> one for one.
/// </remarks>
internal sealed class HostDirectLineTokenSource(DirectLineTokenClient client, IServer server, IConfiguration configuration) : IHelpPageTokenSource
{
    /// <summary>Where the host serves Direct Line, relative to the page (Web Chat's <c>domain</c>).</summary>
    public const string RelativeDomain = "v3/directline";

    public const string SecretSetting = "DirectLine:Secret";

    public async Task<HelpPageToken?> GetTokenAsync(HelpPageUser user, string? resumeConversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var issued = resumeConversationId is null
            ? await IssueAsync(user, cancellationToken)
            : await ReissueAsync(resumeConversationId, cancellationToken);
        return issued is null ? null : new HelpPageToken(issued.Token, RelativeDomain, issued.ConversationId, issued.ExpiresIn);
    }

    /// <summary>A token for a new conversation of <paramref name="user"/>.</summary>
    private Task<DirectLineConversation> IssueAsync(HelpPageUser user, CancellationToken cancellationToken)
        => client.GenerateAsync(new Uri(OwnDirectLine(), "tokens/generate"), Secret(), user, cancellationToken);

    /// <summary>A fresh token for a conversation this page started; null when it is gone.</summary>
    private Task<DirectLineConversation?> ReissueAsync(string conversationId, CancellationToken cancellationToken)
        => client.ReconnectAsync(OwnDirectLine(), Secret(), conversationId, cancellationToken);

    private string Secret()
    {
        var secret = configuration[SecretSetting];
        return string.IsNullOrWhiteSpace(secret)
            ? throw new HelpPageTokenException($"{SecretSetting} is not set: the help page's server needs the host's Direct Line secret to ask it for tokens.", notConfigured: true)
            : secret;
    }

    /// <summary>The host's own Direct Line base on loopback, from the addresses Kestrel listens on (http preferred).</summary>
    private Uri OwnDirectLine()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var listening = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault()
            ?? throw new HelpPageTokenException("The host is not listening on any address yet.", notConfigured: true);
        var builder = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "localhost";
        }

        builder.Path = "/" + RelativeDomain + "/";
        return builder.Uri;
    }
}
