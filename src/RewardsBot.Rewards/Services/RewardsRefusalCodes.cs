namespace RewardsBot.Rewards.Services;

/// <summary>
/// The stable refusal codes of the Rewards services, shared by them. Dialogs turn each into words (en, fr, zh-TW) with
/// the fix; the facts named here travel in <see cref="Refusal.Facts"/>. Service-specific codes are listed on each service.
/// </summary>
public static class RewardsRefusalCodes
{
    /// <summary>No company with this id. Facts: <c>companyId</c>.</summary>
    public const string CompanyUnknown = "company.unknown";

    /// <summary>The acting user is not known. Facts: <c>userId</c>.</summary>
    public const string UserUnknown = "user.unknown";

    /// <summary>The acting user has left the company and cannot act. Facts: <c>userId</c>.</summary>
    public const string UserDeparted = "user.departed";

    /// <summary>The acting user belongs to another company. Facts: <c>userId</c>, <c>companyId</c>.</summary>
    public const string UserNotInCompany = "user.notInCompany";

    /// <summary>The acting user lacks the role (from <see cref="RolePolicy.Check"/>). Facts: <c>roles</c>, <c>holders</c>.</summary>
    public const string RoleRequired = "auth.roleRequired";

    /// <summary>No benefit with this id in the catalogue. Facts: <c>benefitId</c>.</summary>
    public const string BenefitUnknown = "benefit.unknown";

    /// <summary>
    /// The benefit is locked because the company is not eligible. Facts: <c>benefitId</c>, <c>reasons</c>
    /// (comma-separated <see cref="EligibilityCodes"/> reason codes; the eligibility report has their fixes).
    /// </summary>
    public const string BenefitNotEligible = "benefit.notEligible";

    /// <summary>
    /// The benefit is locked because no counted live offer has a listing type it applies to. Facts: <c>benefitId</c>,
    /// <c>listingTypes</c> (those it applies to), <c>liveListingTypes</c> (the company's).
    /// </summary>
    public const string BenefitListingTypeNotLive = "benefit.listingTypeNotLive";

    /// <summary>
    /// The benefit is locked because the transact tier is too low. Facts: <c>benefitId</c>, <c>neededTier</c>,
    /// <c>currentTier</c>, <c>neededSalesUsd</c>, <c>countedSalesUsd</c> (invariant culture).
    /// </summary>
    public const string BenefitTierTooLow = "benefit.tierTooLow";
}
