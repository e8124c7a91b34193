using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Services;

/// <summary>The eligibility rule (DOMAIN.md, rules 1 and 8) on data already read: pure, so every case is easy to test.</summary>
internal static class EligibilityRules
{
    public static EligibilityReport Evaluate(
        Company company,
        IReadOnlyList<PublisherProfile> profiles,
        IReadOnlyList<Offer> offers,
        IReadOnlyList<BilledSale> sales,
        BenefitCatalogue catalogue)
    {
        var linked = profiles.Where(p => p.LinkedToPga).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        bool Counts(Offer offer) => offer.State == OfferState.Live && linked.Contains(offer.PublisherProfileId);

        var hasPartnerId = !string.IsNullOrWhiteSpace(company.PartnerId);
        var counted = offers.Where(Counts).ToList();
        var eligible = hasPartnerId && counted.Count > 0;
        var liveTypes = counted.Select(o => o.ListingType).Distinct().Order().ToList();

        // Cumulative: a transact offer delisted since still had its sales billed through the marketplace.
        var transactOffers = offers
            .Where(o => o.ListingType == ListingType.Transact && linked.Contains(o.PublisherProfileId))
            .Select(o => o.Id)
            .ToHashSet(StringComparer.Ordinal);
        var transactSales = sales.Where(s => transactOffers.Contains(s.OfferId)).ToList();
        var countedSales = transactSales.Where(s => !s.Fraudulent).Sum(s => s.AmountUsd);
        var fraudulentSales = transactSales.Where(s => s.Fraudulent).Sum(s => s.AmountUsd);
        var tier = catalogue.TierFor(countedSales);

        var offerViews = offers
            .Select(o => new OfferEligibility(
                o.Id,
                o.Name,
                o.PublisherProfileId,
                linked.Contains(o.PublisherProfileId),
                o.Marketplace,
                o.ListingType,
                o.State,
                Counts(o),
                eligible && Counts(o) ? UnlockedGroups(catalogue, o.ListingType, tier) : []))
            .ToList();

        return new EligibilityReport(
            company.Id,
            eligible,
            ReceivesBasics: true,
            offerViews,
            liveTypes,
            tier,
            countedSales,
            fraudulentSales,
            catalogue.ThresholdFor(tier + 1),
            eligible ? [] : Reasons(hasPartnerId, counted.Count > 0, offers, linked));
    }

    private static List<BenefitGroup> UnlockedGroups(BenefitCatalogue catalogue, ListingType listingType, int tier)
        => catalogue.Benefits
            .Where(b => b.AppliesTo(listingType) && b.MinimumTier <= tier)
            .Select(b => b.Group)
            .Distinct()
            .Order()
            .ToList();

    private static List<EligibilityReason> Reasons(bool hasPartnerId, bool hasCountedOffer, IReadOnlyList<Offer> offers, HashSet<string> linked)
    {
        var reasons = new List<EligibilityReason>();
        if (!hasPartnerId)
        {
            reasons.Add(new EligibilityReason(EligibilityCodes.NoPartnerId, EligibilityCodes.FixGetPartnerId, [], []));
        }

        if (hasCountedOffer)
        {
            return reasons;
        }

        var liveUnlinked = offers.Where(o => o.State == OfferState.Live && !linked.Contains(o.PublisherProfileId)).ToList();
        if (liveUnlinked.Count > 0)
        {
            var profileIds = liveUnlinked.Select(o => o.PublisherProfileId).Distinct().Order(StringComparer.Ordinal).ToList();
            reasons.Add(new EligibilityReason(EligibilityCodes.ProfileNotLinked, EligibilityCodes.FixLinkPublisherProfile, profileIds, Ids(liveUnlinked)));
        }

        var inProgress = offers.Where(o => o.State is OfferState.Draft or OfferState.InReview).ToList();
        if (inProgress.Count > 0)
        {
            var profileIds = inProgress.Select(o => o.PublisherProfileId).Distinct().Order(StringComparer.Ordinal).ToList();
            reasons.Add(new EligibilityReason(EligibilityCodes.OfferNotLive, EligibilityCodes.FixFinishPublishing, profileIds, Ids(inProgress)));
        }

        if (liveUnlinked.Count == 0 && inProgress.Count == 0)
        {
            reasons.Add(new EligibilityReason(EligibilityCodes.NoLiveOffer, EligibilityCodes.FixPublishOffer, [], []));
        }

        return reasons;
    }

    private static List<string> Ids(IEnumerable<Offer> offers) => offers.Select(o => o.Id).Order(StringComparer.Ordinal).ToList();
}
