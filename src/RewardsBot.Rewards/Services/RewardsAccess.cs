using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>A user allowed to change a company's Rewards, with the company and its users.</summary>
internal sealed record RewardsActor(Company Company, PartnerUser User, IReadOnlyList<PartnerUser> CompanyUsers);

/// <summary>The checks every change starts with: the company exists, the actor is an active user of it and holds the role.</summary>
internal static class RewardsAccess
{
    public static async Task<Outcome<Company>> FindCompanyAsync(IRewardsStore store, string companyId, CancellationToken cancellationToken)
    {
        var company = await store.GetCompanyAsync(companyId, cancellationToken).ConfigureAwait(false);
        return company is null ? UnknownCompany<Company>(companyId) : Outcome.Success(company);
    }

    /// <summary>The refusal <c>company.unknown</c> (facts <c>companyId</c>).</summary>
    public static Outcome<T> UnknownCompany<T>(string companyId) => Outcome.Refused<T>(RewardsRefusalCodes.CompanyUnknown, ("companyId", companyId));

    /// <summary>
    /// Refuses with <c>company.unknown</c>, <c>user.unknown</c>, <c>user.departed</c>, <c>user.notInCompany</c> or
    /// <c>auth.roleRequired</c> (in that order); otherwise the actor. One read of the store.
    /// </summary>
    public static async Task<Outcome<RewardsActor>> AuthorizeAsync(
        IRewardsStore store, string actorUserId, string companyId, IReadOnlyList<PartnerRole> roles, CancellationToken cancellationToken)
    {
        var (actor, company, users) = await store.ReadCompanyActorAsync(actorUserId, companyId, cancellationToken).ConfigureAwait(false);
        if (company is null)
        {
            return UnknownCompany<RewardsActor>(companyId);
        }

        if (actor is null)
        {
            return Outcome.Refused<RewardsActor>(RewardsRefusalCodes.UserUnknown, ("userId", actorUserId));
        }

        if (actor.Status == UserStatus.Departed)
        {
            return Outcome.Refused<RewardsActor>(RewardsRefusalCodes.UserDeparted, ("userId", actorUserId));
        }

        if (!string.Equals(actor.CompanyId, companyId, StringComparison.Ordinal))
        {
            return Outcome.Refused<RewardsActor>(RewardsRefusalCodes.UserNotInCompany, ("userId", actorUserId), ("companyId", companyId));
        }

        var refusal = RolePolicy.Check(actor, roles, users);
        return refusal is null
            ? Outcome.Success(new RewardsActor(company, actor, users))
            : Outcome.Refused<RewardsActor>(refusal);
    }
}
