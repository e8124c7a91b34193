using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// What to do for an offer that went live without word from the Rewards team: <see cref="Code"/> is
/// <c>followUp.askOwner</c> (ask <see cref="Owner"/>, the notification went to them) or <c>followUp.supportTicket</c>
/// (open a publisher support ticket at <see cref="OfferFollowUpService.PublisherSupportUrl"/>), with
/// <see cref="Reason"/> <c>owner.unknown</c> or <c>owner.departed</c>.
/// </summary>
public sealed record OfferFollowUp(Offer Offer, int DaysLive, string Code, PartnerUser? Owner, string? Reason);

/// <summary>
/// Rule 5: an offer live for more than four weeks when nobody at the company has heard from the Rewards team (no
/// marketing contact assigned and no activation). Only offers on publisher profiles linked to the PGA count, as for
/// eligibility (rule 1). Refusal: <c>company.unknown</c> (facts <c>companyId</c>). Item codes: <c>followUp.askOwner</c>,
/// <c>followUp.supportTicket</c>; reasons <c>owner.unknown</c> (no owner recorded, or not a user of the company) and
/// <c>owner.departed</c>.
/// </summary>
public sealed class OfferFollowUpService(IRewardsStore store, TimeProvider clock)
{
    public const string CompanyUnknown = "company.unknown";
    public const string AskOwner = "followUp.askOwner";
    public const string SupportTicket = "followUp.supportTicket";
    public const string OwnerUnknown = "owner.unknown";
    public const string OwnerDeparted = "owner.departed";

    /// <summary>Where publishers open a support ticket (the page's own link).</summary>
    public static Uri PublisherSupportUrl { get; } = new("https://aka.ms/marketplacepublishersupport");

    /// <summary>How long an offer may be live before silence from the Rewards team needs a follow-up: more than four weeks.</summary>
    public static TimeSpan QuietPeriod { get; } = TimeSpan.FromDays(28);

    /// <summary>The offers that need a follow-up, longest live first; empty when the company has heard from the Rewards team.</summary>
    public async Task<Outcome<IReadOnlyList<OfferFollowUp>>> FindAsync(string companyId, CancellationToken cancellationToken)
    {
        var data = await store.ReadCompanyRewardsAsync(companyId, cancellationToken).ConfigureAwait(false);
        if (data.Company is null)
        {
            return Outcome.Refused<IReadOnlyList<OfferFollowUp>>(CompanyUnknown, ("companyId", companyId));
        }

        var contact = await store.GetMarketingContactAsync(companyId, cancellationToken).ConfigureAwait(false);
        if (contact is not null || data.Activations.Count > 0)
        {
            return Outcome.Success<IReadOnlyList<OfferFollowUp>>([]);
        }

        var now = clock.GetUtcNow();
        var linked = data.Profiles.Where(p => p.LinkedToPga).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var quiet = data.Offers
            .Where(o => o.State == OfferState.Live && o.GoLiveDate is { } live && now - live > QuietPeriod && linked.Contains(o.PublisherProfileId))
            .OrderBy(o => o.GoLiveDate)
            .ThenBy(o => o.Id, StringComparer.Ordinal);

        var followUps = new List<OfferFollowUp>();
        foreach (var offer in quiet)
        {
            var owner = offer.OwnerUserId is null ? null : await store.GetUserAsync(offer.OwnerUserId, cancellationToken).ConfigureAwait(false);
            var days = (int)(now - offer.GoLiveDate!.Value).TotalDays;
            followUps.Add(owner switch
            {
                null => new OfferFollowUp(offer, days, SupportTicket, null, OwnerUnknown),
                { CompanyId: var c } when c != companyId => new OfferFollowUp(offer, days, SupportTicket, null, OwnerUnknown),
                { Status: UserStatus.Departed } => new OfferFollowUp(offer, days, SupportTicket, owner, OwnerDeparted),
                _ => new OfferFollowUp(offer, days, AskOwner, owner, null),
            });
        }

        return Outcome.Success<IReadOnlyList<OfferFollowUp>>(followUps);
    }
}
