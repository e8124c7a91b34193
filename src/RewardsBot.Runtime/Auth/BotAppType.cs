namespace RewardsBot.Runtime.Auth;

/// <summary>How the bot's Azure identity is set up (configuration key <c>MicrosoftAppType</c>).</summary>
public enum BotAppType
{
    /// <summary>An app registration usable from any tenant; outbound tokens come from the botframework.com tenant.</summary>
    MultiTenant,

    /// <summary>An app registration in one tenant (<c>MicrosoftAppTenantId</c>); outbound tokens come from that tenant.</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity whose client id is <c>MicrosoftAppId</c>; no password.</summary>
    UserAssignedMSI,
}
