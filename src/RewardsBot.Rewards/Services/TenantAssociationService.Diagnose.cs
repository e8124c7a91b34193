using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Services;

public sealed partial class TenantAssociationService
{
    /// <summary>
    /// Why <paramref name="userId"/> does not see Marketplace Rewards, most blocking first: <c>user.departed</c>,
    /// <c>tenant.unknown</c> or <c>tenant.notAssociated</c>, <c>auth.noRewardsRole</c>, <c>eligibility.notEligible</c>;
    /// or the single finding <c>ok</c>. Refusal: <c>user.unknown</c>.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<DiagnosisFinding>>> DiagnoseAsync(string userId, CancellationToken cancellationToken)
    {
        var (user, userCompany, users) = await store.ReadCompanyActorAsync(userId, null, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return Outcome.Refused<IReadOnlyList<DiagnosisFinding>>(TenantAssociationCodes.UserUnknown, ("userId", userId));
        }

        var company = RequireCompany(user, userCompany);
        var findings = new List<DiagnosisFinding>();

        if (user.Status == UserStatus.Departed)
        {
            findings.Add(Finding(TenantAssociationCodes.UserDeparted, ("userId", user.Id)));
        }

        if (await DiagnoseTenantAsync(user, company, users, cancellationToken).ConfigureAwait(false) is { } tenantFinding)
        {
            findings.Add(tenantFinding);
        }

        if (user.Status == UserStatus.Active && RolePolicy.Check(user, RolePolicy.ManageRewards, users) is { } refusal)
        {
            findings.Add(new DiagnosisFinding(TenantAssociationCodes.NoRewardsRole, refusal.Facts));
        }

        var gaps = await EligibilityGapsAsync(company, cancellationToken).ConfigureAwait(false);
        if (gaps.Count > 0)
        {
            findings.Add(Finding(TenantAssociationCodes.NotEligible, ("companyName", company.Name), ("reasons", string.Join(",", gaps))));
        }

        if (findings.Count == 0)
        {
            findings.Add(Finding(TenantAssociationCodes.Ok));
        }

        return Outcome.Success<IReadOnlyList<DiagnosisFinding>>(findings);
    }

    private async Task<DiagnosisFinding?> DiagnoseTenantAsync(PartnerUser user, Company company, IReadOnlyList<PartnerUser> users, CancellationToken cancellationToken)
    {
        var tenant = await store.GetTenantAsync(user.TenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return Finding(TenantAssociationCodes.TenantUnknown, ("tenantId", user.TenantId));
        }

        if (tenant.CompanyId == company.Id)
        {
            return null;
        }

        var pending = await store.ListPendingTenantAssociationRequestsAsync(company.Id, tenant.Id, cancellationToken).ConfigureAwait(false);
        var requesters = users.Where(u => RolePolicy.Holds(u, RolePolicy.AssociateTenant)).Select(u => u.Name).Order(StringComparer.Ordinal);
        var facts = new List<(string, string)>
        {
            ("tenantId", tenant.Id),
            ("tenantName", tenant.DisplayName),
            ("companyId", company.Id),
            ("companyName", company.Name),
            ("associatedElsewhere", tenant.CompanyId is null ? "false" : "true"),
            ("requesters", string.Join(", ", requesters)),
        };
        if (pending.Count > 0)
        {
            facts.Add(("pendingRequestId", pending[0].Id));
        }

        return Finding(TenantAssociationCodes.TenantNotAssociated, [.. facts]);
    }

    /// <summary>
    /// The minimum of rule 1, enough to say why Rewards stay hidden: a partner ID, and a live offer on a publisher
    /// profile linked to the PGA. (Tiers and benefits are the eligibility service's business.)
    /// </summary>
    private async Task<IReadOnlyList<string>> EligibilityGapsAsync(Company company, CancellationToken cancellationToken)
    {
        var gaps = new List<string>();
        if (string.IsNullOrWhiteSpace(company.PartnerId))
        {
            gaps.Add("noPartnerId");
        }

        var data = await store.ReadCompanyRewardsAsync(company.Id, cancellationToken).ConfigureAwait(false);
        var linked = data.Profiles.Where(p => p.LinkedToPga).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var live = data.Offers.Where(o => o.State == OfferState.Live).ToList();
        if (!live.Any(o => linked.Contains(o.PublisherProfileId)))
        {
            gaps.Add(live.Count > 0 ? "profileNotLinked" : "noLiveOffer");
        }

        return gaps;
    }

    private static DiagnosisFinding Finding(string code, params (string Name, string Value)[] facts)
        => new(code, facts.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal));
}
