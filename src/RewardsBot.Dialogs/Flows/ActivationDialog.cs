using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// Activates a sales and marketing benefit (DOMAIN.md, rule 4): only a Rewards role may; choose the benefit (skipped
/// when an Activate button or the first message named it); without a marketing contact, offer to assign one and then
/// resume; a confirmation card naming the contact; activate; a receipt with the follow-up date. A benefit already
/// active says since when and is never requested twice.
/// </summary>
public sealed class ActivationDialog : RewardsFlowDialog
{
    /// <summary>The key of the benefit id in an Activate button's data (benefits card: <c>{"answer":"activate","benefitId":"…"}</c>).</summary>
    public const string BenefitIdKey = "benefitId";

    public const string ChooseCard = "activation-choose";
    public const string ConfirmCard = "activation-confirm";
    public const string ReceiptCard = "activation-receipt";

    private const string WaterfallId = nameof(ActivationDialog) + ".Waterfall";
    private const string ChooseBenefitPromptId = nameof(ActivationDialog) + ".ChooseBenefit";
    private const string AssignContactPromptId = nameof(ActivationDialog) + ".AssignContact";
    private const string ConfirmActivationPromptId = nameof(ActivationDialog) + ".ConfirmActivation";
    private const string ActivateAnswer = "activate";
    private const string CancelAnswer = "cancel";

    private readonly ActivationBenefits _benefits;

    public ActivationDialog(RewardsServices services)
        : base(nameof(ActivationDialog), services)
    {
        _benefits = new ActivationBenefits(services);
        AddDialog(new ActivationBenefitPrompt(ChooseBenefitPromptId, services.Catalogue, ValidateBenefitAsync));
        AddDialog(new ConfirmPrompt(AssignContactPromptId));
        AddDialog(new ChoicePrompt(ConfirmActivationPromptId));
        AddDialog(new WaterfallDialog<ActivationState>(WaterfallId, [
            ChooseBenefitStepAsync,
            CheckContactStepAsync,
            AssignContactStepAsync,
            ConfirmActivationStepAsync,
            ActivateBenefitStepAsync,
        ]));

        // MarketingContactDialog is started by id: MainDialog registers it, and a dialog is found in the parents' sets.
        InitialDialogId = WaterfallId;
    }

    private async Task<DialogTurnResult> ChooseBenefitStepAsync(WaterfallStepContext<ActivationState> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        // Looking is fine, changing is not: the role is checked before anything is asked.
        var companyUsers = await Services.Store.ListUsersAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        if (RolePolicy.Check(identity.User, RolePolicy.ManageRewards, companyUsers) is { } noRole)
        {
            return await EndWithRefusalAsync(step, noRole, cancellationToken).ConfigureAwait(false);
        }

        step.Values.BenefitId ??= KnownBenefit(step);
        if (step.Values.BenefitId is { } known)
        {
            return await step.NextAsync(known, cancellationToken).ConfigureAwait(false);
        }

        var listed = await _benefits.ListSalesAndMarketingAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        if (listed.Value is not { } salesAndMarketing)
        {
            return await EndWithRefusalAsync(step, listed.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        if (!salesAndMarketing.Any(s => s.State == BenefitState.Available))
        {
            var why = await _benefits.ExplainNoneAvailableAsync(step.Context, identity.Company.Id, salesAndMarketing, cancellationToken).ConfigureAwait(false);
            return await EndWithTextAsync(step, why, cancellationToken).ConfigureAwait(false);
        }

        var choices = _benefits.Choices(step.Context, salesAndMarketing);
        return await step.PromptAsync(ChooseBenefitPromptId, new PromptOptions
        {
            Prompt = CardMessage(step.Context, ChooseCard, ActivationBenefits.ChooseCardData(step.Context, salesAndMarketing), step.Context.Say("activation.choose.prompt")),
            Choices = choices,
            Style = ListStyle.None,
            HelpText = step.Context.Say("activation.choose.help", ("example", choices[0].DisplayText)),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> CheckContactStepAsync(WaterfallStepContext<ActivationState> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var benefitId = step.Values.BenefitId = step.Result is FoundChoice chosen ? chosen.Value : step.Values.BenefitId!;
        var blocked = await _benefits.ExplainBlockedAsync(step.Context, identity.Company.Id, benefitId, cancellationToken).ConfigureAwait(false);
        if (blocked is not null)
        {
            return await EndWithTextAsync(step, blocked, cancellationToken).ConfigureAwait(false);
        }

        // The contact is checked before the confirmation: the Rewards team delivers the benefit through that person.
        var contact = await Services.Contacts.GetAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        if (contact.Value is not { } info)
        {
            return await EndWithRefusalAsync(step, contact.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        if (info is { Contact: not null, ContactActive: true })
        {
            step.Values.HadContact = true;
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var needsContact = new Refusal(ActivationService.NeedsMarketingContact, new Dictionary<string, string>
        {
            ["benefitId"] = benefitId,
            ["reason"] = info.Contact is null ? "none" : "contactInactive",
        });
        await SendRefusalAsync(step.Context, needsContact, cancellationToken).ConfigureAwait(false);
        if (info.Contact is not null && info.ContactName is { } leftName)
        {
            await step.Context.SendTextAsync("activation.contact.inactive", cancellationToken, ("name", leftName)).ConfigureAwait(false);
        }

        return await step.PromptAsync(AssignContactPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity(step.Context.Say("activation.contact.offer", ("benefit", BenefitTitle(step)))),
            HelpText = step.Context.Say("activation.contact.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AssignContactStepAsync(WaterfallStepContext<ActivationState> step, CancellationToken cancellationToken)
    {
        if (step.Values.HadContact)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (step.Result is not true)
        {
            await step.Context.SendTextAsync("activation.contact.declined", cancellationToken, ("benefit", BenefitTitle(step))).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        // Ends with true when a contact was assigned; anything else means none was.
        return await step.BeginDialogAsync(nameof(MarketingContactDialog), new MarketingContactDialog.Options { ForActivation = true }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ConfirmActivationStepAsync(WaterfallStepContext<ActivationState> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var contact = step.Values.HadContact || step.Result is true
            ? await Services.Contacts.GetAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false)
            : null;
        if (contact?.Value is not { Contact: not null, ContactActive: true } info)
        {
            await step.Context.SendTextAsync("activation.contact.notAssigned", cancellationToken, ("benefit", BenefitTitle(step))).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var benefit = Services.Catalogue.Find(step.Values.BenefitId!)!;
        var text = benefit.TextFor(step.Context.Language());
        var data = new { title = text.Title, description = text.Description, oneTimeNote = ActivationBenefits.OneTimeNote(step.Context, benefit), contact = info.ContactName };
        return await step.PromptAsync(ConfirmActivationPromptId, new PromptOptions
        {
            Prompt = CardMessage(step.Context, ConfirmCard, data, step.Context.Say("activation.confirm.prompt")),
            Choices = [Answer(step, ActivateAnswer, "card.activation-confirm.activate", PromptText.Yes), Answer(step, CancelAnswer, "card.activation-confirm.cancel", PromptText.No)],
            Style = ListStyle.None,
            HelpText = step.Context.Say("activation.confirm.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ActivateBenefitStepAsync(WaterfallStepContext<ActivationState> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        if (step.Result is not FoundChoice { Value: ActivateAnswer })
        {
            await step.Context.SendTextAsync("activation.cancelled", cancellationToken, ("benefit", BenefitTitle(step))).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await Services.Activations.ActivateAsync(identity.User.Id, identity.Company.Id, step.Values.BenefitId!, cancellationToken).ConfigureAwait(false);
        if (outcome.Value is not { } activated)
        {
            return await EndWithRefusalAsync(step, outcome.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        if (activated.AlreadyActive)
        {
            return await EndWithTextAsync(step, _benefits.AlreadyActive(step.Context, activated.Activation), cancellationToken).ConfigureAwait(false);
        }

        var contact = await Services.Contacts.GetAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        var activation = activated.Activation;
        var receipt = new
        {
            title = BenefitTitle(step),
            activatedOn = step.Context.FormatDate(activation.ActivatedAt),
            followUpDue = step.Context.FormatDate(activated.FollowUpDue),
            contact = contact.Value?.ContactName ?? string.Empty,
            endsOn = activation.ExpiresAt is { } endsOn ? step.Context.FormatDate(endsOn) : string.Empty,
        };
        var summary = step.Context.Say("activation.done", ("benefit", receipt.title), ("contact", receipt.contact), ("followUpDue", receipt.followUpDue));
        await SendCardAsync(step.Context, ReceiptCard, receipt, summary, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses a benefit that cannot be activated now; the user chooses again from the card.</summary>
    private async Task<bool> ValidateBenefitAsync(PromptValidatorContext<FoundChoice> prompt, CancellationToken cancellationToken)
    {
        if (IdentityOf(prompt.Context) is not { } identity || prompt.Recognized.Value is not { } chosen)
        {
            return true; // The next step ends the flow for an unrecognised user.
        }

        var blocked = await _benefits.ExplainBlockedAsync(prompt.Context, identity.Company.Id, chosen.Value, cancellationToken).ConfigureAwait(false);
        if (blocked is null)
        {
            return true;
        }

        prompt.RetryMessage = blocked + "\n\n" + prompt.Context.Say("activation.choose.again");
        return false;
    }

    /// <summary>The benefit of the Activate button that started the flow, or the one its first message names ("activate the listing review").</summary>
    private string? KnownBenefit(WaterfallStepContext<ActivationState> step)
    {
        if (step.GetOptions<Options>()?.BenefitId is { Length: > 0 } clicked)
        {
            return clicked;
        }

        var message = CardSubmission.Read(step.Context.Activity);
        return message.IsCardSubmit ? null : ActivationBenefits.FindNamedIn(message.Text, Services.Catalogue);
    }

    private string BenefitTitle(WaterfallStepContext<ActivationState> step)
        => Services.Catalogue.Find(step.Values.BenefitId!) is { } benefit ? ActivationBenefits.Title(step.Context, benefit) : step.Values.BenefitId!;

    /// <summary>A confirmation answer: its button's value, and its label and yes/no in every language as words for it.</summary>
    private static Choice Answer(WaterfallStepContext<ActivationState> step, string value, string labelKey, string yesOrNoKey)
    {
        var texts = step.Context.GetTextCatalog();
        return new Choice(value)
        {
            Title = step.Context.Say(labelKey),
            Synonyms = [.. BotLanguage.All.SelectMany(language => new[] { texts.Get(labelKey, language), texts.Get(yesOrNoKey, language) })],
        };
    }

    private static async Task<DialogTurnResult> EndWithTextAsync(WaterfallStepContext<ActivationState> step, string text, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How the activation starts: with the benefit already chosen (an Activate button), or not.</summary>
    public sealed class Options
    {
        public string? BenefitId { get; set; }
    }

    /// <summary>What the flow has collected: the benefit, and whether the company already had an active marketing contact.</summary>
    public sealed class ActivationState
    {
        public string? BenefitId { get; set; }

        public bool HadContact { get; set; }
    }
}
