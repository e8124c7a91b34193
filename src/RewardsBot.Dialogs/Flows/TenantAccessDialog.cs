using System.Globalization;
using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// "Why can't I see Marketplace Rewards?" (DOMAIN.md rules 6 and 7), also for users the bot does not recognise
/// because of the tenant they sign in from: diagnose, explain each finding, then — for those who may act — start an
/// association (account admin or global admin) or confirm / decline one waiting for the tenant they administer
/// (global admin signed in from it). Everyone gets the portal steps. Never a password: the other tenant's administrator
/// confirms from their own signed-in identity.
/// </summary>
public sealed class TenantAccessDialog : RewardsFlowDialog
{
    public const string DiagnosisCard = "tenant-diagnosis";
    public const string StepsCard = "tenant-steps";

    private const string WaterfallId = nameof(TenantAccessDialog) + ".Waterfall";
    private const string ActionPromptId = nameof(TenantAccessDialog) + ".Action";
    private const string TenantPromptId = nameof(TenantAccessDialog) + ".Tenant";
    private const string RequestChoice = "request";
    private const string StepsChoice = "steps";
    private const string NotNowChoice = "notNow";
    private const string ConfirmPrefix = "confirm-";
    private const string DeclinePrefix = "decline-";

    private readonly TenantLookup _lookup;

    public TenantAccessDialog(RewardsServices services)
        : base(nameof(TenantAccessDialog), services)
    {
        _lookup = new TenantLookup(services.Store);
        AddDialog(new ChoicePrompt(ActionPromptId));
        AddDialog(new TenantPickPrompt(TenantPromptId, services.Cards));
        AddDialog(new WaterfallDialog<TenantAccessState>(WaterfallId, [DiagnoseStepAsync, ActOnChoiceStepAsync, RequestAssociationStepAsync]));
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> DiagnoseStepAsync(WaterfallStepContext<TenantAccessState> step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var session = context.GetSession();
        if (await _lookup.FindUserAsync(session, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return await ExplainWithoutUserAsync(step, session, cancellationToken).ConfigureAwait(false);
        }

        var diagnosis = await Services.Tenants.DiagnoseAsync(user.Id, cancellationToken).ConfigureAwait(false);
        if (diagnosis.Value is not { } findings)
        {
            await SendRefusalAsync(context, diagnosis.Refusal!, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        step.Values.UserId = user.Id;
        step.Values.TenantId = findings.FirstOrDefault(f => f.Code == TenantAssociationCodes.TenantNotAssociated) is { } tenantFinding
            && TenantFindingText.IsFixedByAssociation(tenantFinding) && tenantFinding.Fact("pendingRequestId") is null
            ? tenantFinding.Fact("tenantId")
            : null;
        var toConfirm = await _lookup.RequestsToConfirmAsync(session, user, cancellationToken).ConfigureAwait(false);
        step.Values.PendingRequestIds = [.. toConfirm.Select(r => r.Id)];

        var paragraphs = findings.SelectMany(f => TenantFindingText.Describe(context, f)).ToList();
        var mayRequest = RolePolicy.Holds(user, RolePolicy.AssociateTenant);
        if (!mayRequest && toConfirm.Count == 0)
        {
            // Nothing to decide here: the explanation (it names who can associate a tenant), and the portal steps when they are the fix.
            await SendDiagnosisAsync(context, paragraphs, cancellationToken).ConfigureAwait(false);
            if (findings.Any(TenantFindingText.IsFixedByAssociation))
            {
                await SendStepsAsync(context, cancellationToken).ConfigureAwait(false);
            }

            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        // An account admin associates the tenant they sign in from when that is the problem, otherwise one they pick.
        var requestTitleKey = !mayRequest ? null
            : step.Values.TenantId is null ? "tenant.action.associateAnother"
            : "tenant.action.startAssociation";
        var choices = Choices(context, toConfirm.Count, requestTitleKey);
        var requests = await DescribeRequestsAsync(context, toConfirm, cancellationToken).ConfigureAwait(false);
        var buttons = choices.Where(c => !c.Value.StartsWith(ConfirmPrefix, StringComparison.Ordinal) && !c.Value.StartsWith(DeclinePrefix, StringComparison.Ordinal))
            .Select(c => new { title = c.DisplayText, data = Answer(c.Value) })
            .ToList();
        var card = CardMessage(context, DiagnosisCard, new { findings = Findings(paragraphs), requests, choices = buttons }, context.Say("tenant.diagnosis.text"));
        return await step.PromptAsync(
            ActionPromptId,
            new PromptOptions { Prompt = card, Choices = choices, Style = ListStyle.None, HelpText = context.Say("tenant.diagnosis.help") },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ActOnChoiceStepAsync(WaterfallStepContext<TenantAccessState> step, CancellationToken cancellationToken)
    {
        var choice = ((FoundChoice)step.Result!).Value;
        switch (choice)
        {
            case StepsChoice:
                await SendStepsAsync(step.Context, cancellationToken).ConfigureAwait(false);
                return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
            case NotNowChoice:
                await step.Context.SendTextAsync("tenant.notNow", cancellationToken).ConfigureAwait(false);
                return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
            case RequestChoice when step.Values.TenantId is { } known:
                return await step.NextAsync(known, cancellationToken).ConfigureAwait(false);
            case RequestChoice:
                var candidates = await _lookup.CandidateTenantsAsync(step.Values.UserId!, cancellationToken).ConfigureAwait(false);
                return await step.PromptAsync(
                    TenantPromptId,
                    new PromptOptions { Choices = candidates, Style = ListStyle.None, HelpText = step.Context.Say("tenant.pick.help") },
                    cancellationToken).ConfigureAwait(false);
        }

        var confirm = choice.StartsWith(ConfirmPrefix, StringComparison.Ordinal);
        var index = int.Parse(choice[(confirm ? ConfirmPrefix : DeclinePrefix).Length..], CultureInfo.InvariantCulture);
        await DecideAsync(step.Context, step.Values.PendingRequestIds[index], confirm, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> RequestAssociationStepAsync(WaterfallStepContext<TenantAccessState> step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var outcome = await Services.Tenants.RequestAsync(step.Values.UserId!, (string)step.Result!, cancellationToken).ConfigureAwait(false);
        if (outcome.Value is not { } requested)
        {
            await SendRefusalAsync(context, outcome.Refusal!, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var request = requested.Request;
        var tenantName = await _lookup.TenantNameAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
        if (requested.AlreadyPending)
        {
            await context.SendTextAsync(
                "tenant.request.alreadyPending",
                cancellationToken,
                ("tenantName", tenantName),
                ("date", context.FormatDate(request.RequestedAt)),
                ("requester", await _lookup.UserNameAsync(request.RequestedByUserId, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var companyName = await _lookup.CompanyNameAsync(request.CompanyId, cancellationToken).ConfigureAwait(false);
        await context.SendTextAsync("tenant.request.sent", cancellationToken, ("tenantName", tenantName), ("companyName", companyName)).ConfigureAwait(false);
        var confirmers = await _lookup.ConfirmerNamesAsync(request.CompanyId, request.TenantId, cancellationToken).ConfigureAwait(false);
        await (confirmers.Count > 0
            ? context.SendTextAsync("tenant.request.confirmers", cancellationToken, ("names", string.Join(", ", confirmers)))
            : context.SendTextAsync("tenant.request.noConfirmerKnown", cancellationToken, ("tenantName", tenantName))).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>No Partner Center user behind the sign-in: explain what the tenant alone tells (Teams), else who to ask.</summary>
    private async Task<DialogTurnResult> ExplainWithoutUserAsync(WaterfallStepContext<TenantAccessState> step, RewardsSession session, CancellationToken cancellationToken)
    {
        var refusal = session.IdentityRefusal;
        string? paragraph = null;
        if (refusal?.Code == IdentityCodes.UnknownTenant)
        {
            paragraph = TenantFindingText.UnknownTenant(step.Context, refusal.Fact("tenantId") ?? string.Empty);
        }
        else if (refusal?.Code == IdentityCodes.TenantNotAssociated && refusal.Fact("tenantId") is { } tenantId)
        {
            paragraph = TenantFindingText.NotAssociatedWithoutUser(step.Context, await _lookup.TenantNameAsync(tenantId, cancellationToken).ConfigureAwait(false));
        }

        if (paragraph is null)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        await SendDiagnosisAsync(step.Context, [paragraph], cancellationToken).ConfigureAwait(false);
        await SendStepsAsync(step.Context, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private async Task DecideAsync(ITurnContext context, string requestId, bool confirm, CancellationToken cancellationToken)
    {
        var claim = context.GetSession().Claim ?? throw new InvalidOperationException("A decision needs the confirmer's own sign-in; the session has no claim.");
        var outcome = confirm
            ? await Services.Tenants.ConfirmAsync(requestId, claim, cancellationToken).ConfigureAwait(false)
            : await Services.Tenants.DeclineAsync(requestId, claim, cancellationToken).ConfigureAwait(false);
        if (outcome.Value is not { } request)
        {
            await SendRefusalAsync(context, outcome.Refusal!, cancellationToken).ConfigureAwait(false);
            return;
        }

        await context.SendTextAsync(
            confirm ? "tenant.confirm.done" : "tenant.decline.done",
            cancellationToken,
            ("tenantName", await _lookup.TenantNameAsync(request.TenantId, cancellationToken).ConfigureAwait(false)),
            ("companyName", await _lookup.CompanyNameAsync(request.CompanyId, cancellationToken).ConfigureAwait(false)),
            ("requester", await _lookup.UserNameAsync(request.RequestedByUserId, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
    }

    private async Task<List<object>> DescribeRequestsAsync(ITurnContext context, IReadOnlyList<TenantAssociationRequest> requests, CancellationToken cancellationToken)
    {
        var described = new List<object>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var company = await _lookup.CompanyNameAsync(request.CompanyId, cancellationToken).ConfigureAwait(false);
            var tenant = await _lookup.TenantNameAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
            described.Add(new
            {
                summary = context.Say("tenant.pending.summary", ("companyName", company), ("tenantName", tenant)),
                company,
                tenant,
                requestedBy = await _lookup.UserNameAsync(request.RequestedByUserId, cancellationToken).ConfigureAwait(false),
                requestedOn = context.FormatDate(request.RequestedAt),
                confirm = Answer(ConfirmPrefix + i.ToString(CultureInfo.InvariantCulture)),
                decline = Answer(DeclinePrefix + i.ToString(CultureInfo.InvariantCulture)),
            });
        }

        return described;
    }

    /// <summary>What the action prompt accepts: a decision per waiting request, then the association, the steps, or nothing.</summary>
    private static List<Choice> Choices(ITurnContext context, int requestCount, string? requestTitleKey)
    {
        var choices = new List<Choice>();
        for (var i = 0; i < requestCount; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            choices.Add(new Choice(ConfirmPrefix + index) { Title = context.Say("card.tenant-diagnosis.confirm") });
            choices.Add(new Choice(DeclinePrefix + index) { Title = context.Say("card.tenant-diagnosis.decline") });
        }

        if (requestTitleKey is not null)
        {
            choices.Add(new Choice(RequestChoice) { Title = context.Say(requestTitleKey) });
        }

        choices.Add(new Choice(StepsChoice) { Title = context.Say("tenant.action.showSteps") });
        choices.Add(new Choice(NotNowChoice) { Title = context.Say("tenant.action.notNow") });
        return choices;
    }

    private Task SendDiagnosisAsync(ITurnContext context, IReadOnlyList<string> paragraphs, CancellationToken cancellationToken)
        => SendCardAsync(context, DiagnosisCard, new { findings = Findings(paragraphs), requests = Array.Empty<object>(), choices = Array.Empty<object>() }, context.Say("tenant.diagnosis.text"), cancellationToken);

    private Task SendStepsAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        var culture = context.Culture();
        var steps = TenantAssociationService.PortalSteps
            .Select((code, i) => new { number = (i + 1).ToString(culture) + ".", text = context.Say("tenant." + code) })
            .ToList();
        return SendCardAsync(context, StepsCard, new { steps }, context.Say("tenant.steps.text"), cancellationToken);
    }

    private static List<object> Findings(IEnumerable<string> paragraphs) => [.. paragraphs.Select(text => new { text })];

    private static JsonObject Answer(string value) => new() { [CardSubmission.AnswerKey] = value };

    /// <summary>What the flow keeps between turns: who was diagnosed, the tenant to associate, the requests they may decide.</summary>
    public sealed class TenantAccessState
    {
        /// <summary>The Partner Center user diagnosed (and acting), recognised or not.</summary>
        public string? UserId { get; set; }

        /// <summary>The unassociated tenant the user signs in from, when it can be associated and no request waits for it.</summary>
        public string? TenantId { get; set; }

        /// <summary>Requests waiting for the tenant this user administers, in the order of the card's buttons.</summary>
        public List<string> PendingRequestIds { get; set; } = [];
    }
}
