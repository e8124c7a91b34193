using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// The company's benefits: every catalogue benefit with its state — available, locked (with the reason and, for a tier,
/// the tier needed), activated (when, follow-up due) or expired. Read-only; anyone may ask.
/// Refusal codes: <c>company.unknown</c> (facts <c>companyId</c>), <c>benefit.unknown</c> (facts <c>benefitId</c>).
/// </summary>
public sealed class BenefitService
{
    private readonly IRewardsStore _store;
    private readonly BenefitCatalogue _catalogue;
    private readonly TimeProvider _clock;

    public BenefitService(IRewardsStore store, BenefitCatalogue catalogue, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        _catalogue = catalogue;
        _clock = clock;
    }

    /// <summary>Every benefit of the catalogue, in catalogue order, with its state for the company.</summary>
    public async Task<Outcome<IReadOnlyList<BenefitStatus>>> ListAsync(string companyId, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(companyId, cancellationToken).ConfigureAwait(false);
        if (read.Value is not { } rewards)
        {
            return Outcome.Refused<IReadOnlyList<BenefitStatus>>(read.Refusal!);
        }

        var now = _clock.GetUtcNow();
        return Outcome.Success<IReadOnlyList<BenefitStatus>>(_catalogue.Benefits.Select(b => rewards.StatusOf(b, now, _catalogue)).ToList());
    }

    /// <summary>One benefit's state for the company.</summary>
    public async Task<Outcome<BenefitStatus>> GetAsync(string companyId, string benefitId, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(companyId, benefitId, cancellationToken).ConfigureAwait(false);
        return check.Value is { } value ? Outcome.Success(value.Status) : Outcome.Refused<BenefitStatus>(check.Refusal!);
    }

    /// <summary>The benefit's state and the eligibility report it was computed from (for lock refusals).</summary>
    internal async Task<Outcome<BenefitCheck>> CheckAsync(string companyId, string benefitId, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(companyId, cancellationToken).ConfigureAwait(false);
        if (read.Value is not { } rewards)
        {
            return Outcome.Refused<BenefitCheck>(read.Refusal!);
        }

        var benefit = _catalogue.Find(benefitId);
        return benefit is null
            ? Outcome.Refused<BenefitCheck>(RewardsRefusalCodes.BenefitUnknown, ("benefitId", benefitId))
            : Outcome.Success(new BenefitCheck(rewards.StatusOf(benefit, _clock.GetUtcNow(), _catalogue), rewards.Report));
    }

    /// <summary>The state of every benefit of one group, for the company.</summary>
    internal async Task<Outcome<IReadOnlyList<BenefitCheck>>> CheckGroupAsync(string companyId, BenefitGroup group, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(companyId, cancellationToken).ConfigureAwait(false);
        if (read.Value is not { } rewards)
        {
            return Outcome.Refused<IReadOnlyList<BenefitCheck>>(read.Refusal!);
        }

        var now = _clock.GetUtcNow();
        return Outcome.Success<IReadOnlyList<BenefitCheck>>(_catalogue.Benefits
            .Where(b => b.Group == group)
            .Select(b => new BenefitCheck(rewards.StatusOf(b, now, _catalogue), rewards.Report))
            .ToList());
    }

    /// <summary>The eligibility report and the activations, from one read of the store.</summary>
    private async Task<Outcome<CompanyRewards>> ReadAsync(string companyId, CancellationToken cancellationToken)
    {
        var data = await _store.ReadCompanyRewardsAsync(companyId, cancellationToken).ConfigureAwait(false);
        var report = EligibilityService.Evaluate(data, companyId, _catalogue);
        return report.Value is null
            ? Outcome.Refused<CompanyRewards>(report.Refusal!)
            : Outcome.Success(new CompanyRewards(report.Value, data.Activations));
    }

    private sealed record CompanyRewards(EligibilityReport Report, IReadOnlyList<Activation> Activations)
    {
        public BenefitStatus StatusOf(BenefitDefinition benefit, DateTimeOffset now, BenefitCatalogue catalogue)
            => BenefitStatusRules.Evaluate(
                benefit,
                Report,
                Activations.FirstOrDefault(a => string.Equals(a.BenefitId, benefit.Id, StringComparison.Ordinal)),
                now,
                catalogue);
    }
}

/// <summary>A benefit's state with the eligibility report it was computed from.</summary>
internal sealed record BenefitCheck(BenefitStatus Status, EligibilityReport Report);
