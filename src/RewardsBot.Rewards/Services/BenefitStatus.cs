using System.Globalization;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Services;

public enum BenefitState
{
    /// <summary>The company may activate it (sales and marketing) or request it (technical).</summary>
    Available,

    /// <summary>Not open to the company; <see cref="BenefitStatus.LockReason"/> says why.</summary>
    Locked,

    /// <summary>Activated; the Rewards team follows up by <see cref="Activation.FollowUpDue"/>.</summary>
    Activated,

    /// <summary>A one-time benefit whose activation is past its expiry.</summary>
    Expired,
}

public enum BenefitLockReason
{
    /// <summary>The company is not eligible (see the eligibility report's reasons).</summary>
    NotEligible,

    /// <summary>No counted live offer has a listing type the benefit applies to.</summary>
    ListingTypeNotLive,

    /// <summary>The transact tier is below the benefit's minimum (<see cref="BenefitStatus.NeededTier"/>).</summary>
    TierTooLow,
}

/// <summary>A catalogue benefit as it stands for one company.</summary>
/// <param name="Activation">The activation (when, by whom, follow-up due, expiry) once activated or expired.</param>
/// <param name="NeededTier">With <see cref="BenefitLockReason.TierTooLow"/>: the tier needed.</param>
/// <param name="NeededSalesUsd">With <see cref="BenefitLockReason.TierTooLow"/>: the counted sales that reach it.</param>
public sealed record BenefitStatus(
    BenefitDefinition Benefit,
    BenefitState State,
    BenefitLockReason? LockReason,
    Activation? Activation,
    int? NeededTier,
    decimal? NeededSalesUsd)
{
    public string BenefitId => Benefit.Id;

    /// <summary>Why this locked benefit cannot be activated, as the refusal the services give (benefit.notEligible, listingTypeNotLive or tierTooLow).</summary>
    /// <exception cref="InvalidOperationException">The benefit is not locked.</exception>
    public Refusal LockRefusal(EligibilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return BenefitStatusRules.LockRefusal(this, report);
    }
}

/// <summary>How a benefit's state follows from eligibility, the activation and the time: pure.</summary>
internal static class BenefitStatusRules
{
    public static BenefitStatus Evaluate(BenefitDefinition benefit, EligibilityReport report, Activation? activation, DateTimeOffset now, BenefitCatalogue catalogue)
    {
        if (activation is not null)
        {
            var expired = activation.ExpiresAt is { } expiresAt && now >= expiresAt;
            return new BenefitStatus(benefit, expired ? BenefitState.Expired : BenefitState.Activated, null, activation, null, null);
        }

        if (!report.Eligible)
        {
            return Locked(benefit, BenefitLockReason.NotEligible);
        }

        if (!benefit.ListingTypes.Any(report.LiveListingTypes.Contains))
        {
            return Locked(benefit, BenefitLockReason.ListingTypeNotLive);
        }

        return benefit.MinimumTier > report.TransactTier
            ? Locked(benefit, BenefitLockReason.TierTooLow) with { NeededTier = benefit.MinimumTier, NeededSalesUsd = catalogue.ThresholdFor(benefit.MinimumTier) }
            : new BenefitStatus(benefit, BenefitState.Available, null, null, null, null);
    }

    /// <summary>The refusal for a locked benefit: <c>benefit.notEligible</c>, <c>benefit.listingTypeNotLive</c> or <c>benefit.tierTooLow</c>.</summary>
    public static Refusal LockRefusal(BenefitStatus status, EligibilityReport report)
    {
        var benefitId = ("benefitId", status.BenefitId);
        var outcome = status.LockReason switch
        {
            BenefitLockReason.NotEligible => Outcome.Refused<BenefitStatus>(
                RewardsRefusalCodes.BenefitNotEligible, benefitId, ("reasons", string.Join(",", report.Reasons.Select(r => r.Code)))),
            BenefitLockReason.ListingTypeNotLive => Outcome.Refused<BenefitStatus>(
                RewardsRefusalCodes.BenefitListingTypeNotLive,
                benefitId,
                ("listingTypes", string.Join(",", status.Benefit.ListingTypes)),
                ("liveListingTypes", string.Join(",", report.LiveListingTypes))),
            BenefitLockReason.TierTooLow => Outcome.Refused<BenefitStatus>(
                RewardsRefusalCodes.BenefitTierTooLow,
                benefitId,
                ("neededTier", Invariant(status.NeededTier)),
                ("currentTier", Invariant(report.TransactTier)),
                ("neededSalesUsd", Invariant(status.NeededSalesUsd)),
                ("countedSalesUsd", Invariant(report.CountedSalesUsd))),
            _ => throw new InvalidOperationException($"The benefit '{status.BenefitId}' is {status.State}, not locked; ask for a lock refusal only when State is Locked."),
        };
        return outcome.Refusal!;
    }

    private static BenefitStatus Locked(BenefitDefinition benefit, BenefitLockReason reason)
        => new(benefit, BenefitState.Locked, reason, null, null, null);

    private static string Invariant(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture) ?? string.Empty;
}
