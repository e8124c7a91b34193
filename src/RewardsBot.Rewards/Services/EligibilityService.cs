using RewardsBot.Rewards.Catalogue;
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
        var company = await RewardsAccess.FindCompanyAsync(_store, companyId, cancellationToken).ConfigureAwait(false);
        if (company.Value is null)
        {
            return Outcome.Refused<EligibilityReport>(company.Refusal!);
        }

        var profiles = await _store.ListPublisherProfilesAsync(companyId, cancellationToken).ConfigureAwait(false);
        var offers = await _store.ListOffersAsync(companyId, cancellationToken).ConfigureAwait(false);
        var sales = await _store.ListSalesAsync(companyId, cancellationToken).ConfigureAwait(false);
        return Outcome.Success(EligibilityRules.Evaluate(company.Value, profiles, offers, sales, _catalogue));
    }
}
