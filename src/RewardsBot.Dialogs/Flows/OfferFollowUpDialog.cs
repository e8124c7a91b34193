using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// "No message after go-live" (DOMAIN.md, rule 5): the offers live for more than four weeks while the company has not
/// heard from the Rewards team, each with its owner (the notification went to them) or, when the owner is unknown or
/// has left, the publisher support ticket link. Read-only: anyone recognised may look.
/// </summary>
public sealed class OfferFollowUpDialog : RewardsFlowDialog
{
    public const string CardName = "followup";
    private const string WaterfallId = nameof(OfferFollowUpDialog) + ".Waterfall";

    public OfferFollowUpDialog(RewardsServices services)
        : base(nameof(OfferFollowUpDialog), services)
    {
        AddDialog(new WaterfallDialog(WaterfallId, [ShowFollowUpsStepAsync]));
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> ShowFollowUpsStepAsync(WaterfallStepContext<WaterfallValues> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var found = await Services.FollowUps.FindAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        if (found.Value is not { } followUps)
        {
            return await EndWithRefusalAsync(step, found.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        if (followUps.Count == 0)
        {
            await step.Context.SendTextAsync("followUp.none", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var card = new FollowUpCard(
            step.Context.Say("followUp.summary", ("count", followUps.Count)),
            [.. followUps.Select(followUp => DescribeFollowUp(step.Context, followUp, identity.User))],
            NeedsTicket: followUps.Any(f => f.Code == OfferFollowUpService.SupportTicket),
            SupportUrl: OfferFollowUpService.PublisherSupportUrl.AbsoluteUri);
        await SendCardAsync(step.Context, CardName, card, card.Summary, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private static FollowUpView DescribeFollowUp(ITurnContext context, OfferFollowUp followUp, PartnerUser user)
    {
        var owner = followUp.Owner;
        var isUser = owner is not null && owner.Id == user.Id;
        var (ownerText, nextStep) = (followUp.Code, followUp.Reason) switch
        {
            (OfferFollowUpService.AskOwner, _) when isUser => (
                context.Say("followUp.owner.you", ("owner", owner!.Name)),
                context.Say("followUp.askOwner.you")),
            (OfferFollowUpService.AskOwner, _) => (
                owner!.Name,
                context.Say("followUp.askOwner", ("owner", owner.Name))),
            (_, OfferFollowUpService.OwnerDeparted) when owner is not null => (
                context.Say("followUp.owner.departed", ("owner", owner.Name)),
                context.Say("followUp.supportTicket.departed", ("owner", owner.Name))),
            _ => (
                context.Say("followUp.owner.unknown"),
                context.Say("followUp.supportTicket.unknown")),
        };
        return new FollowUpView(
            followUp.Offer.Name,
            context.Say("marketplace." + followUp.Offer.Marketplace),
            context.Say("followUp.liveSince", ("date", context.FormatDate(followUp.Offer.GoLiveDate!.Value)), ("days", followUp.DaysLive)),
            ownerText,
            nextStep);
    }

    private sealed record FollowUpCard(string Summary, IReadOnlyList<FollowUpView> Offers, bool NeedsTicket, string SupportUrl);

    private sealed record FollowUpView(string Name, string Marketplace, string LiveSince, string Owner, string NextStep);
}
