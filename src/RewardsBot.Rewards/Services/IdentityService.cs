using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// Turns a trusted chat identity into a Partner Center user and company (DOMAIN.md, "Who talks to the bot" and rule 6).
/// Teams identities are looked up by tenant and Entra object id; Direct Line and Emulator ids through the stored chat
/// identities. A user sees their company's Rewards only when signed in from the PGA's home tenant or an associated one.
/// Refusal codes (see <see cref="IdentityCodes"/>):
/// <list type="bullet">
/// <item><c>identity.departed</c> — the user has left the company (<c>userId</c>).</item>
/// <item><c>identity.unknownTenant</c> — a Teams tenant the data does not know (<c>tenantId</c>).</item>
/// <item><c>identity.tenantNotAssociated</c> — signed in from a tenant not associated with the user's company
/// (<c>tenantId</c>, and <c>userId</c>, <c>companyId</c> when the user is known); the fix is rule 6.</item>
/// <item><c>identity.unknownUser</c> — no user behind the identity (<c>channel</c>).</item>
/// </list>
/// </summary>
public sealed class IdentityService(IRewardsStore store)
{
    public async Task<Outcome<ResolvedIdentity>> ResolveAsync(ChatIdentityClaim claim, CancellationToken cancellationToken)
    {
        // One read: the user, the sign-in tenant and the user's company (every turn starts here).
        var signIn = await IdentityLookup.FindAsync(store, claim, cancellationToken).ConfigureAwait(false);
        var (user, tenant, company) = signIn;

        if (user is null)
        {
            if (claim is TeamsIdentityClaim teams)
            {
                if (tenant is null)
                {
                    return Outcome.Refused<ResolvedIdentity>(IdentityCodes.UnknownTenant, ("tenantId", teams.TenantId));
                }

                if (tenant.CompanyId is null)
                {
                    return Outcome.Refused<ResolvedIdentity>(IdentityCodes.TenantNotAssociated, ("tenantId", teams.TenantId));
                }
            }

            return Outcome.Refused<ResolvedIdentity>(IdentityCodes.UnknownUser, ("channel", IdentityLookup.ChannelOf(claim)));
        }

        if (user.Status == UserStatus.Departed)
        {
            return Outcome.Refused<ResolvedIdentity>(IdentityCodes.Departed, ("userId", user.Id));
        }

        if (tenant?.CompanyId != user.CompanyId)
        {
            return Outcome.Refused<ResolvedIdentity>(
                IdentityCodes.TenantNotAssociated, ("tenantId", IdentityLookup.SignInTenantId(claim, signIn)!), ("userId", user.Id), ("companyId", user.CompanyId));
        }

        return company is null
            ? throw new InvalidOperationException($"User '{user.Id}' belongs to company '{user.CompanyId}', which is not in the store; add the company or fix the user's CompanyId.")
            : Outcome.Success(new ResolvedIdentity(user, company));
    }
}
