using System.Globalization;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// What the activation flow reads about a company's benefits and says about them: which sales and marketing benefits
/// can be activated, the choices and card of the choose step, and, in words, why a benefit cannot be activated now.
/// </summary>
internal sealed class ActivationBenefits(RewardsServices services)
{
    private const string ParagraphBreak = "\n\n";

    /// <summary>The company's sales and marketing benefits, in catalogue order, with their state.</summary>
    public async Task<Outcome<IReadOnlyList<BenefitStatus>>> ListSalesAndMarketingAsync(string companyId, CancellationToken cancellationToken)
    {
        var listed = await services.Benefits.ListAsync(companyId, cancellationToken).ConfigureAwait(false);
        return listed.Value is { } all
            ? Outcome.Success<IReadOnlyList<BenefitStatus>>(all.Where(s => s.Benefit.Group == BenefitGroup.SalesAndMarketing).ToList())
            : Outcome.Refused<IReadOnlyList<BenefitStatus>>(listed.Refusal!);
    }

    /// <summary>
    /// Why <paramref name="benefitId"/> cannot be activated for the company now (unknown, technical, locked and why,
    /// already active, expired), in the chat language; null when it can.
    /// </summary>
    public async Task<string?> ExplainBlockedAsync(ITurnContext turnContext, string companyId, string benefitId, CancellationToken cancellationToken)
    {
        var benefit = services.Catalogue.Find(benefitId);
        if (benefit is null)
        {
            return Describe(turnContext, RefusalOf(RewardsRefusalCodes.BenefitUnknown, ("benefitId", benefitId)));
        }

        if (benefit.Group == BenefitGroup.Technical)
        {
            return Describe(turnContext, RefusalOf(ActivationService.TechnicalBenefit, ("benefitId", benefit.Id), ("next", "technicalHelp")))
                + ParagraphBreak + turnContext.Say("activation.technical.next", ("menuItem", turnContext.Say("card.menu.techHelp")));
        }

        var status = await services.Activations.GetStatusAsync(companyId, benefit.Id, cancellationToken).ConfigureAwait(false);
        if (status.Value is not { } current)
        {
            return Describe(turnContext, status.Refusal!);
        }

        switch (current.State)
        {
            case BenefitState.Available:
                return null;
            case BenefitState.Activated:
                return AlreadyActive(turnContext, current.Activation!);
            case BenefitState.Expired:
                return Describe(turnContext, RefusalOf(
                    ActivationService.Expired,
                    ("benefitId", benefit.Id),
                    ("expiredAt", current.Activation!.ExpiresAt!.Value.ToString("O", CultureInfo.InvariantCulture))));
            default:
                var report = await services.Eligibility.CheckAsync(companyId, cancellationToken).ConfigureAwait(false);
                return report.Value is { } eligibility
                    ? Describe(turnContext, current.LockRefusal(eligibility))
                    : Describe(turnContext, report.Refusal!);
        }
    }

    /// <summary>Why none of <paramref name="salesAndMarketing"/> can be activated: the eligibility gaps, or each benefit's state.</summary>
    public async Task<string> ExplainNoneAvailableAsync(ITurnContext turnContext, string companyId, IReadOnlyList<BenefitStatus> salesAndMarketing, CancellationToken cancellationToken)
    {
        var report = await services.Eligibility.CheckAsync(companyId, cancellationToken).ConfigureAwait(false);
        if (report.Value is not { } eligibility)
        {
            return Describe(turnContext, report.Refusal!);
        }

        if (!eligibility.Eligible)
        {
            var reasons = turnContext.JoinAnd(eligibility.Reasons.Select(r => RefusalText.Reason(turnContext, r.Code)).ToList());
            return turnContext.Say("activation.none.notEligible", ("reasons", reasons), ("menuItem", turnContext.Say("card.menu.eligibility")));
        }

        var lines = new List<string> { turnContext.Say("activation.none.heading") };
        foreach (var status in salesAndMarketing)
        {
            lines.Add(status.State switch
            {
                BenefitState.Activated => turnContext.Say(
                    "activation.none.activated", ("benefit", Title(turnContext, status.Benefit)), ("date", turnContext.FormatDate(status.Activation!.ActivatedAt))),
                BenefitState.Expired => Describe(turnContext, RefusalOf(
                    ActivationService.Expired,
                    ("benefitId", status.BenefitId),
                    ("expiredAt", status.Activation!.ExpiresAt!.Value.ToString("O", CultureInfo.InvariantCulture)))),
                _ => Describe(turnContext, status.LockRefusal(eligibility)),
            });
        }

        return string.Join(ParagraphBreak, lines);
    }

    /// <summary>"… has been active since …, so no second request": for a benefit found already activated.</summary>
    public string AlreadyActive(ITurnContext turnContext, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activation);
        var benefit = services.Catalogue.Find(activation.BenefitId);
        return turnContext.Say(
            "activation.alreadyActive",
            ("benefit", benefit is null ? activation.BenefitId : Title(turnContext, benefit)),
            ("date", turnContext.FormatDate(activation.ActivatedAt)));
    }

    /// <summary>
    /// What the choose step recognises: the available benefits first (in card order, so "the second" is the second on
    /// the card), then every other benefit of the catalogue, so that naming one gets the reason it cannot be activated.
    /// Each is known by its id (the card's buttons) and by its title in every catalogue language.
    /// </summary>
    public List<Choice> Choices(ITurnContext turnContext, IReadOnlyList<BenefitStatus> salesAndMarketing)
    {
        var available = salesAndMarketing.Where(s => s.State == BenefitState.Available).Select(s => s.Benefit).ToList();
        return [.. available.Concat(services.Catalogue.Benefits.Except(available))
            .Select(benefit => new Choice(benefit.Id)
            {
                Title = Title(turnContext, benefit),
                Synonyms = [.. benefit.Text.Values.Select(text => text.Title)],
            })];
    }

    /// <summary>The data of cards/activation-choose.json.</summary>
    public static object ChooseCardData(ITurnContext turnContext, IReadOnlyList<BenefitStatus> salesAndMarketing) => new
    {
        available = salesAndMarketing.Where(s => s.State == BenefitState.Available).Select(s => new
        {
            id = s.BenefitId,
            title = Title(turnContext, s.Benefit),
            description = s.Benefit.TextFor(turnContext.Language()).Description,
            oneTimeNote = OneTimeNote(turnContext, s.Benefit),
            button = turnContext.Say("activation.choose.button", ("benefit", Title(turnContext, s.Benefit))),
        }).ToList(),
        activated = salesAndMarketing.Where(s => s.State == BenefitState.Activated).Select(s => new
        {
            title = Title(turnContext, s.Benefit),
            since = turnContext.Say("activation.choose.activeSince", ("date", turnContext.FormatDate(s.Activation!.ActivatedAt))),
        }).ToList(),
    };

    /// <summary>"One-time benefit: it ends N days after activation", or empty for a benefit that does not end.</summary>
    public static string OneTimeNote(ITurnContext turnContext, BenefitDefinition benefit)
        => benefit is { OneTime: true, ExpiresAfterDays: { } days }
            ? turnContext.Say("activation.confirm.oneTime", ("days", days))
            : string.Empty;

    public static string Title(ITurnContext turnContext, BenefitDefinition benefit) => benefit.TextFor(turnContext.Language()).Title;

    /// <summary>
    /// The catalogue benefit whose title (in any catalogue language) appears in <paramref name="text"/>, e.g. in the
    /// message that started the flow ("activate the listing review"); null when none or several do.
    /// </summary>
    public static string? FindNamedIn(string? text, BenefitCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var said = NormalizedWords.Spaced(text);
        var named = catalogue.Benefits
            .Where(benefit => benefit.Text.Values.Any(t => Names(said, NormalizedWords.Spaced(t.Title))))
            .Select(benefit => benefit.Id)
            .ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private string Describe(ITurnContext turnContext, Refusal refusal) => RefusalText.Describe(turnContext, refusal, services.Catalogue);

    private static Refusal RefusalOf(string code, params (string Name, string Value)[] facts)
        => new(code, facts.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal));

    /// <summary>Latin titles match whole words; Chinese ones anywhere (written without spaces between words).</summary>
    private static bool Names(string said, string title)
        => title.Trim().Length > 0 && (title.Any(c => c > '\u2E7F')
            ? said.Contains(title.Trim(), StringComparison.Ordinal)
            : said.Contains(title, StringComparison.Ordinal));
}
