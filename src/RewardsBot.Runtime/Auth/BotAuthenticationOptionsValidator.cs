using Microsoft.Extensions.Options;

namespace RewardsBot.Runtime.Auth;

/// <summary>
/// Checks <see cref="BotAuthenticationOptions"/> and says, per problem, what to change. Used by the options pipeline
/// (<c>ValidateOnStart</c>) and by the authenticator and token provider constructors.
/// </summary>
public sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!BotAuthenticationOptions.TryParseAppType(options.MicrosoftAppType, out var type))
        {
            failures.Add($"MicrosoftAppType '{options.MicrosoftAppType}' is not known. Set it to MultiTenant, SingleTenant or UserAssignedMSI (case-insensitive), or leave it empty for MultiTenant.");
        }
        else
        {
            AddCredentialFailures(type, options, failures);
        }

        AddEndpointFailures(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void ThrowIfInvalid(BotAuthenticationOptions options)
    {
        var result = new BotAuthenticationOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(BotAuthenticationOptions), result.Failures);
        }
    }

    private static void AddCredentialFailures(BotAppType type, BotAuthenticationOptions options, List<string> failures)
    {
        var hasId = !string.IsNullOrWhiteSpace(options.MicrosoftAppId);
        var hasPassword = !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword);
        var hasTenant = !string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId);
        switch (type)
        {
            case BotAppType.SingleTenant:
                Require(hasId, "MicrosoftAppType is SingleTenant, so MicrosoftAppId is required. Set it to the bot's app registration (client) id.", failures);
                Require(hasPassword, "MicrosoftAppType is SingleTenant, so MicrosoftAppPassword is required. Set it to a client secret of the bot's app registration.", failures);
                Require(hasTenant, "MicrosoftAppType is SingleTenant, so MicrosoftAppTenantId is required. Set it to the id of the tenant that holds the bot's app registration.", failures);
                break;
            case BotAppType.UserAssignedMSI:
                Require(hasId, "MicrosoftAppType is UserAssignedMSI, so MicrosoftAppId is required. Set it to the client id of the user-assigned managed identity.", failures);
                Require(hasTenant, "MicrosoftAppType is UserAssignedMSI, so MicrosoftAppTenantId is required. Set it to the tenant of the managed identity.", failures);
                Require(!hasPassword, "MicrosoftAppType is UserAssignedMSI, which signs in with the managed identity, so MicrosoftAppPassword must be empty. Remove the password from configuration.", failures);
                break;
            default:
                Require(!hasId || hasPassword, "MicrosoftAppId is set but MicrosoftAppPassword is empty. Set MicrosoftAppPassword to a client secret of the bot's app registration, or clear MicrosoftAppId to run without authentication (local testing only).", failures);
                Require(hasId || !hasPassword, "MicrosoftAppPassword is set but MicrosoftAppId is empty, which turns authentication off. Set MicrosoftAppId to the bot's app registration (client) id, or remove the password.", failures);
                break;
        }
    }

    private static void AddEndpointFailures(BotAuthenticationOptions options, List<string> failures)
    {
        RequireMetadataUrl(options.ToBotFromChannelOpenIdMetadataUrl, nameof(options.ToBotFromChannelOpenIdMetadataUrl), failures);
        RequireMetadataUrl(options.ToBotFromEmulatorOpenIdMetadataUrl, nameof(options.ToBotFromEmulatorOpenIdMetadataUrl), failures);
        Require(
            !string.IsNullOrWhiteSpace(options.ToBotFromChannelTokenIssuer),
            $"ToBotFromChannelTokenIssuer is empty. Remove the setting to use {BotAuthenticationOptions.DefaultChannelTokenIssuer}, or set the channel service's issuer.",
            failures);
        Require(
            !string.IsNullOrWhiteSpace(options.ToChannelFromBotOAuthScope),
            $"ToChannelFromBotOAuthScope is empty. Remove the setting to use {BotAuthenticationOptions.DefaultOAuthScope}, or set the Connector's scope.",
            failures);
        var login = options.ToChannelFromBotLoginUrl;
        Require(
            login is null || (login.IsAbsoluteUri && login.Scheme == Uri.UriSchemeHttps),
            $"ToChannelFromBotLoginUrl '{login}' is not an absolute https URL. Set an authority such as {BotAuthenticationOptions.MultiTenantLoginUrl}, or remove the setting to use the default.",
            failures);
    }

    private static void RequireMetadataUrl(Uri? url, string key, List<string> failures) => Require(
        BotAuthenticationOptions.IsAllowedMetadataUrl(url),
        $"{key} '{url}' is not an absolute https URL. Use https (plain http is allowed only for a loopback host such as 127.0.0.1), or remove the setting to use the default.",
        failures);

    private static void Require(bool condition, string failure, List<string> failures)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}
