using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// "Am I eligible?" (DOMAIN.md, rules 1 and 8): the eligibility card — the verdict, every offer with its listing type,
/// state, whether it counts and the benefit groups it unlocks, the transact tier (fraudulent sales left out), and when
/// the company is not eligible each reason with its next step in Partner Center. Read-only: anyone recognised may look.
/// </summary>
public sealed class EligibilityDialog : RewardsFlowDialog
{
    public const string CardName = "eligibility";
    private const string WaterfallId = nameof(EligibilityDialog) + ".Waterfall";
    private const string CodePrefix = "eligibility.";

    public EligibilityDialog(RewardsServices services)
        : base(nameof(EligibilityDialog), services)
    {
        AddDialog(new WaterfallDialog(WaterfallId, [ShowEligibilityStepAsync]));
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> ShowEligibilityStepAsync(WaterfallStepContext<WaterfallValues> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var company = identity.Company;
        var check = await Services.Eligibility.CheckAsync(company.Id, cancellationToken).ConfigureAwait(false);
        if (check.Value is not { } report)
        {
            return await EndWithRefusalAsync(step, check.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        var profiles = (await Services.Store.ListPublisherProfilesAsync(company.Id, cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var card = Describe(step.Context, company.Name, report, profiles);
        await SendCardAsync(step.Context, CardName, card, card.Verdict, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The card's data: everything in the chat's words, amounts formatted.</summary>
    private static EligibilityCard Describe(ITurnContext context, string companyName, EligibilityReport report, Dictionary<string, string> profiles)
    {
        string OfferNames(IEnumerable<string> offerIds)
            => context.JoinAnd([.. offerIds.Select(id => report.Offers.FirstOrDefault(o => o.OfferId == id)?.Name ?? id)]);
        string ProfileNames(IEnumerable<string> profileIds)
            => context.JoinAnd([.. profileIds.Distinct(StringComparer.Ordinal).Select(id => profiles.GetValueOrDefault(id, id))]);
        ReasonView Explain(string reasonKey, string fixCode, IEnumerable<string> offerIds, IEnumerable<string> profileIds)
        {
            (string, object?)[] names = [("offers", OfferNames(offerIds)), ("profiles", ProfileNames(profileIds))];
            return new ReasonView(context.Say(reasonKey, names), context.Say(CodePrefix + fixCode, names));
        }

        var reasons = report.Reasons
            .Select(r => Explain(CodePrefix + "reason." + Unprefixed(r.Code), r.FixCode, r.OfferIds, r.PublisherProfileIds))
            .ToList();

        // Eligible, yet a live offer does not count because its publisher profile is not linked: say how to count it too.
        var uncounted = report.Offers.Where(o => o.State == OfferState.Live && !o.ProfileLinkedToPga).ToList();
        var linkTip = report.Eligible && uncounted.Count > 0
            ? Explain(CodePrefix + "unlinkedTip", EligibilityCodes.FixLinkPublisherProfile, uncounted.Select(o => o.OfferId), uncounted.Select(o => o.PublisherProfileId))
            : null;

        var hasTransact = report.Offers.Any(o => o.ListingType == ListingType.Transact) || report.CountedSalesUsd > 0;
        return new EligibilityCard(
            Verdict: context.Say(CodePrefix + (report.Eligible ? "verdict.eligible" : "verdict.notEligible"), ("company", companyName)),
            Eligible: report.Eligible,
            Offers: [.. report.Offers.Select(offer => DescribeOffer(context, offer, profiles))],
            HasOffers: report.Offers.Count > 0,
            LinkTip: linkTip,
            HasTransact: hasTransact,
            Tier: report.TransactTier == 0
                ? context.Say(CodePrefix + "tier.none")
                : context.Say(CodePrefix + "tier.value", ("tier", report.TransactTier)),
            CountedSales: context.FormatUsd(report.CountedSalesUsd),
            NextTier: report.NextTierThresholdUsd is { } next
                ? context.Say(CodePrefix + "nextTier.value", ("tier", report.TransactTier + 1), ("amount", context.FormatUsd(next)))
                : context.Say(CodePrefix + "nextTier.highest"),
            FraudExcluded: report.ExcludedFraudulentSalesUsd > 0
                ? context.Say(CodePrefix + "fraudExcluded", ("amount", context.FormatUsd(report.ExcludedFraudulentSalesUsd)))
                : null,
            Reasons: reasons);
    }

    private static OfferView DescribeOffer(ITurnContext context, OfferEligibility offer, Dictionary<string, string> profiles)
    {
        var counts = offer switch
        {
            { Counts: true } => context.Say(CodePrefix + "counts.yes"),
            { State: not OfferState.Live } => context.Say(CodePrefix + "counts.notLive"),
            _ => context.Say(CodePrefix + "counts.profileNotLinked", ("profile", profiles.GetValueOrDefault(offer.PublisherProfileId, offer.PublisherProfileId))),
        };
        return new OfferView(
            offer.Name,
            context.Say("marketplace." + offer.Marketplace),
            context.Say("listingType." + offer.ListingType),
            context.Say("offerState." + offer.State),
            counts,
            offer.UnlockedGroups.Count == 0
                ? context.Say("common.none")
                : string.Join(context.Say("common.separator"), offer.UnlockedGroups.Select(group => context.Say("benefitGroup." + group))));
    }

    private static string Unprefixed(string code) => code.StartsWith(CodePrefix, StringComparison.Ordinal) ? code[CodePrefix.Length..] : code;

    private sealed record EligibilityCard(
        string Verdict,
        bool Eligible,
        IReadOnlyList<OfferView> Offers,
        bool HasOffers,
        ReasonView? LinkTip,
        bool HasTransact,
        string Tier,
        string CountedSales,
        string NextTier,
        string? FraudExcluded,
        IReadOnlyList<ReasonView> Reasons);

    private sealed record OfferView(string Name, string Marketplace, string ListingType, string State, string Counts, string Unlocks);

    private sealed record ReasonView(string Reason, string NextStep);
}
