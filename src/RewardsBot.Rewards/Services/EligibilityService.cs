using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// Tells whether a company is eligible for Marketplace Rewards, offer by offer, with its transact tier and, when it is
/// not eligible, each reason with its fix (<see cref="EligibilityCodes"/>). Read-only; anyone may ask.
/// Refusal codes: <c>company.unknown</c> (facts <c>companyId</c>).
/// </summary>
public sealed class EligibilityService
{
    private readonly IRewardsStore _store;
    private readonly BenefitCatalogue _catalogue;

    public EligibilityService(IRewardsStore store, BenefitCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        _store = store;
        _catalogue = catalogue;
    }

    public async Task<Outcome<EligibilityReport>> CheckAsync(string companyId, CancellationToken cancellationToken)
    {
        var data = await _store.ReadCompanyRewardsAsync(companyId, cancellationToken).ConfigureAwait(false);
        return Evaluate(data, companyId, _catalogue);
    }

    /// <summary>The report on data already read, or <c>company.unknown</c>.</summary>
    internal static Outcome<EligibilityReport> Evaluate(CompanyRewardsData data, string companyId, BenefitCatalogue catalogue)
        => data.Company is { } company
            ? Outcome.Success(EligibilityRules.Evaluate(company, data.Profiles, data.Offers, data.Sales, catalogue))
            : RewardsAccess.UnknownCompany<EligibilityReport>(companyId);
}
