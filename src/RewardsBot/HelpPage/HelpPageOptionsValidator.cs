using System.Net;
using Microsoft.Extensions.Options;

namespace RewardsBot.HelpPage;

/// <summary>Checks the <c>HelpPage</c> section at start-up; each failure names the setting and the fix.</summary>
internal sealed class HelpPageOptionsValidator : IValidateOptions<HelpPageOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpPageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directLine = options.DirectLine;
        var failures = new List<string>();
        if (!directLine.UsesExternalDirectLine)
        {
            if (!string.IsNullOrWhiteSpace(directLine.Secret) || !string.IsNullOrWhiteSpace(directLine.TokenEndpoint))
            {
                failures.Add("HelpPage:DirectLine:Secret and HelpPage:DirectLine:TokenEndpoint are only used with HelpPage:DirectLine:Domain (Azure's Direct Line). Set the domain too, or remove them to use the host's own Direct Line.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!IsServiceAddress(directLine.Domain))
        {
            failures.Add("HelpPage:DirectLine:Domain must be an absolute https address ending in /v3/directline, for example https://directline.botframework.com/v3/directline (http only for a loopback address).");
        }

        if (!string.IsNullOrWhiteSpace(directLine.TokenEndpoint) && !IsServiceAddress(directLine.TokenEndpoint))
        {
            failures.Add("HelpPage:DirectLine:TokenEndpoint must be an absolute https address, for example https://directline.botframework.com/v3/directline/tokens/generate, or empty for {Domain}/tokens/generate.");
        }

        if (string.IsNullOrWhiteSpace(directLine.Secret))
        {
            failures.Add("HelpPage:DirectLine:Secret is required with HelpPage:DirectLine:Domain: copy a secret key of the bot's Direct Line channel (Azure portal, Channels, Direct Line) into user secrets or the HelpPage__DirectLine__Secret environment variable.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsServiceAddress(string? value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri)
           && string.IsNullOrEmpty(uri.Query)
           && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
