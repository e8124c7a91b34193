using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// Whether a company may use Marketplace Rewards, computed over all its publisher profiles (DOMAIN.md, rule 1).
/// </summary>
/// <param name="Eligible">A partner ID and at least one counted offer (live, on a profile linked to the PGA).</param>
/// <param name="ReceivesBasics">Always true: every listing gets basic recommendations and self-serve emails (rule 8).</param>
/// <param name="Offers">Every offer of every publisher profile, with whether it counts.</param>
/// <param name="LiveListingTypes">The listing types of the counted offers.</param>
/// <param name="TransactTier">The tier reached by <paramref name="CountedSalesUsd"/> (0: none).</param>
/// <param name="CountedSalesUsd">Cumulative billed sales of transact offers on linked profiles, fraudulent sales excluded.</param>
/// <param name="ExcludedFraudulentSalesUsd">Billed sales left out of the tier because they were fraudulent.</param>
/// <param name="NextTierThresholdUsd">The sales needed for the next tier; null at the highest tier.</param>
/// <param name="Reasons">Why the company is not eligible, each with its fix; empty when eligible.</param>
public sealed record EligibilityReport(
    string CompanyId,
    bool Eligible,
    bool ReceivesBasics,
    IReadOnlyList<OfferEligibility> Offers,
    IReadOnlyList<ListingType> LiveListingTypes,
    int TransactTier,
    decimal CountedSalesUsd,
    decimal ExcludedFraudulentSalesUsd,
    decimal? NextTierThresholdUsd,
    IReadOnlyList<EligibilityReason> Reasons);

/// <summary>One offer as eligibility sees it.</summary>
/// <param name="Counts">Live, and its publisher profile is linked to the PGA.</param>
/// <param name="UnlockedGroups">The benefit groups it unlocks (none when it does not count or the company is not eligible).</param>
public sealed record OfferEligibility(
    string OfferId,
    string Name,
    string PublisherProfileId,
    bool ProfileLinkedToPga,
    Marketplace Marketplace,
    ListingType ListingType,
    OfferState State,
    bool Counts,
    IReadOnlyList<BenefitGroup> UnlockedGroups);

/// <summary>Why a company is not eligible (<see cref="EligibilityCodes"/>), what fixes it, and the profiles or offers concerned.</summary>
public sealed record EligibilityReason(string Code, string FixCode, IReadOnlyList<string> PublisherProfileIds, IReadOnlyList<string> OfferIds);

/// <summary>Reason and fix codes of an <see cref="EligibilityReport"/>; dialogs turn them into words.</summary>
public static class EligibilityCodes
{
    /// <summary>The company has no partner ID. Fix: <see cref="FixGetPartnerId"/>.</summary>
    public const string NoPartnerId = "eligibility.noPartnerId";

    /// <summary>No offer is live or on its way (drafts, reviews) on any profile. Fix: <see cref="FixPublishOffer"/>.</summary>
    public const string NoLiveOffer = "eligibility.noLiveOffer";

    /// <summary>Live offers exist only on profiles not linked to the PGA (listed). Fix: <see cref="FixLinkPublisherProfile"/>.</summary>
    public const string ProfileNotLinked = "eligibility.profileNotLinked";

    /// <summary>Offers are in draft or in review (listed) and none counts yet. Fix: <see cref="FixFinishPublishing"/>.</summary>
    public const string OfferNotLive = "eligibility.offerNotLive";

    /// <summary>Get a partner ID by enrolling in the AI Cloud Partner Program.</summary>
    public const string FixGetPartnerId = "fix.getPartnerId";

    /// <summary>Publish an offer on AppSource or Azure Marketplace.</summary>
    public const string FixPublishOffer = "fix.publishOffer";

    /// <summary>Link the listed publisher profiles to the company's PGA.</summary>
    public const string FixLinkPublisherProfile = "fix.linkPublisherProfile";

    /// <summary>Finish publishing the listed offers (submit the draft, wait for the review, go live).</summary>
    public const string FixFinishPublishing = "fix.finishPublishing";
}
