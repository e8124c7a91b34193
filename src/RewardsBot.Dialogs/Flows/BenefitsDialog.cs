using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// "View benefits": the benefits card, grouped by benefit group, each benefit with its state in words (available,
/// locked and why, activated with its follow-up date, expired). Users who may manage Rewards get an Activate button on
/// each available sales and marketing benefit (the main dialog routes it to <see cref="ActivationDialog"/>) and a
/// technical help button; the others can look, and the card says who can act.
/// </summary>
public sealed class BenefitsDialog : RewardsFlowDialog
{
    public const string CardName = "benefits";
    private const string WaterfallId = nameof(BenefitsDialog) + ".Waterfall";

    public BenefitsDialog(RewardsServices services)
        : base(nameof(BenefitsDialog), services)
    {
        AddDialog(new WaterfallDialog(WaterfallId, [ShowBenefitsStepAsync]));
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> ShowBenefitsStepAsync(WaterfallStepContext<WaterfallValues> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var list = await Services.Benefits.ListAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        if (list.Value is not { } benefits)
        {
            return await EndWithRefusalAsync(step, list.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        var whoCanAct = RolePolicy.Holds(identity.User, RolePolicy.ManageRewards)
            ? null
            : WhoCanAct(step.Context, await Services.Store.ListUsersAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false));
        var card = Describe(step.Context, identity.Company.Name, benefits, whoCanAct);
        await SendCardAsync(step.Context, CardName, card, card.Heading, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="whoCanAct">Null when the user may act; else who can, in words.</param>
    private BenefitsCard Describe(ITurnContext context, string companyName, IReadOnlyList<BenefitStatus> benefits, string? whoCanAct)
    {
        var mayAct = whoCanAct is null;
        var language = context.Language();
        var groups = Services.Catalogue.Groups
            .Select(group => (Group: group, Benefits: benefits.Where(b => b.Benefit.Group == group.Group).ToList()))
            .Where(g => g.Benefits.Count > 0)
            .Select(g =>
            {
                var text = g.Group.TextFor(language);
                return new GroupView(
                    text.Title,
                    text.Description,
                    [.. g.Benefits.Select(status => DescribeBenefit(context, status, mayAct))],
                    TechHelp: mayAct && g.Group.Group == BenefitGroup.Technical && g.Benefits.Any(b => b.State == BenefitState.Available));
            })
            .ToList();

        return new BenefitsCard(
            context.Say("benefits.heading", ("company", companyName)),
            groups,
            whoCanAct,
            CheckEligibility: benefits.Any(b => b.LockReason == BenefitLockReason.NotEligible));
    }

    private static BenefitView DescribeBenefit(ITurnContext context, BenefitStatus status, bool mayAct)
    {
        var text = status.Benefit.TextFor(context.Language());
        var technical = status.Benefit.Group == BenefitGroup.Technical;
        var state = status switch
        {
            { State: BenefitState.Available } => context.Say(technical ? "benefits.status.availableTechnical" : "benefits.status.available"),
            { State: BenefitState.Activated, Activation: { } activation } => context.Say(
                "benefits.status.activated",
                ("date", context.FormatDate(activation.ActivatedAt)),
                ("due", context.FormatDate(activation.FollowUpDue))),
            { State: BenefitState.Expired, Activation: { } activation } => context.Say(
                "benefits.status.expired",
                ("date", context.FormatDate(activation.ExpiresAt ?? activation.ActivatedAt))),
            { LockReason: BenefitLockReason.TierTooLow } => context.Say(
                "benefits.status.lockedTier",
                ("tier", status.NeededTier),
                ("amount", status.NeededSalesUsd is { } amount ? context.FormatUsd(amount) : string.Empty)),
            { LockReason: BenefitLockReason.ListingTypeNotLive } => context.Say(
                "benefits.status.lockedListingType",
                ("listingTypes", context.JoinOr([.. status.Benefit.ListingTypes.Select(type => context.Say("listingType." + type))]))),
            _ => context.Say("benefits.status.lockedNotEligible"),
        };
        var canActivate = mayAct && !technical && status.State == BenefitState.Available;
        return new BenefitView(
            status.BenefitId,
            text.Title,
            text.Description,
            state,
            canActivate,
            canActivate ? context.Say("benefits.activate", ("benefit", text.Title)) : null);
    }

    /// <summary>The roles that may activate benefits and request technical help, and the active users of the company who hold one.</summary>
    private static string WhoCanAct(ITurnContext context, IReadOnlyList<PartnerUser> companyUsers)
    {
        var roles = context.JoinOr([.. RolePolicy.ManageRewards.Select(role => RefusalText.Role(context, role.ToString()))]);
        var holders = companyUsers.Where(u => RolePolicy.Holds(u, RolePolicy.ManageRewards)).Select(u => u.Name).Order(StringComparer.Ordinal).ToList();
        return holders.Count > 0
            ? context.Say("benefits.whoCanAct", ("roles", roles), ("holders", context.JoinAnd(holders)))
            : context.Say("benefits.whoCanAct.nobody", ("roles", roles));
    }

    private sealed record BenefitsCard(string Heading, IReadOnlyList<GroupView> Groups, string? WhoCanAct, bool CheckEligibility);

    private sealed record GroupView(string Title, string Description, IReadOnlyList<BenefitView> Benefits, bool TechHelp);

    private sealed record BenefitView(string Id, string Title, string Description, string Status, bool CanActivate, string? ActivateTitle);
}
