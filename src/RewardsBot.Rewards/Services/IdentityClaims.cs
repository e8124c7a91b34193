using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// Who the channel says is talking, as the bot may trust it (DOMAIN.md, "Who talks to the bot"). Never an id the user
/// typed: the host builds a claim from the verified activity.
/// </summary>
public abstract record ChatIdentityClaim;

/// <summary>Microsoft Teams: <c>from.aadObjectId</c> and <c>channelData.tenant.id</c> of an authenticated activity.</summary>
public sealed record TeamsIdentityClaim(string AadObjectId, string TenantId) : ChatIdentityClaim;

/// <summary>Web Chat on the help site: the user id bound inside the Direct Line token the site's server requested.</summary>
public sealed record DirectLineIdentityClaim(string UserId) : ChatIdentityClaim;

/// <summary>Bot Framework Emulator: a configured demo identity id (only when authentication is off).</summary>
public sealed record EmulatorIdentityClaim(string DemoIdentityId) : ChatIdentityClaim;

/// <summary>A Partner Center user whose sign-in tenant lets them see their company's Rewards.</summary>
public sealed record ResolvedIdentity(PartnerUser User, Company Company);

/// <summary>The channel names under which chat identities are stored (<see cref="ChatIdentity.Channel"/>).</summary>
public static class ChatIdentityChannels
{
    public const string DirectLine = "directline";
    public const string Emulator = "emulator";
}

/// <summary>Refusal codes of <see cref="IdentityService"/>.</summary>
public static class IdentityCodes
{
    /// <summary>A Teams tenant the data does not know at all. Facts: <c>tenantId</c>. Leads to rule 6.</summary>
    public const string UnknownTenant = "identity.unknownTenant";

    /// <summary>
    /// Signed in from a tenant that is neither the PGA's home tenant nor associated with it. Facts: <c>tenantId</c>,
    /// and when the user is known <c>userId</c> and <c>companyId</c>. Leads to rule 6.
    /// </summary>
    public const string TenantNotAssociated = "identity.tenantNotAssociated";

    /// <summary>No Partner Center user behind this identity. Facts: <c>channel</c>.</summary>
    public const string UnknownUser = "identity.unknownUser";

    /// <summary>The user has left the company. Facts: <c>userId</c>.</summary>
    public const string Departed = "identity.departed";
}

/// <summary>Finds the Partner Center user behind a claim, whatever their tenant (shared by identity and tenant confirmation).</summary>
internal static class IdentityLookup
{
    /// <summary>
    /// The user (or null), the tenant they sign in from (Teams: the claim's; otherwise the user's own) with the user's
    /// company, in one read of the store.
    /// </summary>
    public static Task<UserSignIn> FindAsync(IRewardsStore store, ChatIdentityClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim switch
        {
            TeamsIdentityClaim teams => store.FindTeamsSignInAsync(teams.TenantId, teams.AadObjectId, cancellationToken),
            DirectLineIdentityClaim directLine => store.FindChatSignInAsync(ChatIdentityChannels.DirectLine, directLine.UserId, cancellationToken),
            EmulatorIdentityClaim emulator => store.FindChatSignInAsync(ChatIdentityChannels.Emulator, emulator.DemoIdentityId, cancellationToken),
            _ => throw new ArgumentException($"Unknown claim type '{claim.GetType().Name}'; build a Teams, Direct Line or Emulator claim.", nameof(claim)),
        };
    }

    /// <summary>The tenant the claim signs in from: the Teams tenant, else the found user's own (null without a user).</summary>
    public static string? SignInTenantId(ChatIdentityClaim claim, UserSignIn signIn)
        => claim is TeamsIdentityClaim teams ? teams.TenantId : signIn.User?.TenantId;

    public static string ChannelOf(ChatIdentityClaim claim) => claim switch
    {
        TeamsIdentityClaim => "msteams",
        DirectLineIdentityClaim => ChatIdentityChannels.DirectLine,
        _ => ChatIdentityChannels.Emulator,
    };
}
