using Microsoft.Extensions.Options;

namespace RewardsBot.HelpPage;

/// <summary>
/// Tokens from Azure Bot Service's Direct Line channel (<c>HelpPage:DirectLine:Domain</c>): the secret stays on this
/// server, the user id goes inside the token. Azure accepts only user ids that start with <see cref="UserIdPrefix"/>.
/// </summary>
internal sealed class AzureDirectLineTokenSource(DirectLineTokenClient client, IOptions<HelpPageOptions> options) : IHelpPageTokenSource
{
    public const string UserIdPrefix = "dl_";

    public async Task<HelpPageToken?> GetTokenAsync(HelpPageUser user, string? resumeConversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = options.Value.DirectLine;
        var domain = new Uri(settings.Domain!.TrimEnd('/'));
        var secret = settings.Secret!;
        if (resumeConversationId is not null)
        {
            var resumed = await client.ReconnectAsync(domain, secret, resumeConversationId, cancellationToken);
            return resumed is null ? null : ToToken(resumed, domain);
        }

        var tokenEndpoint = string.IsNullOrWhiteSpace(settings.TokenEndpoint)
            ? new Uri(DirectLineTokenClient.WithTrailingSlash(domain), "tokens/generate")
            : new Uri(settings.TokenEndpoint);
        var issued = await client.GenerateAsync(tokenEndpoint, secret, user with { Id = UserIdPrefix + user.Id }, cancellationToken);
        return ToToken(issued, domain);
    }

    private static HelpPageToken ToToken(DirectLineConversation conversation, Uri domain)
        => new(conversation.Token, domain.AbsoluteUri.TrimEnd('/'), conversation.ConversationId, conversation.ExpiresIn);
}
