using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// The company's marketing contact (DOMAIN.md, rule 3). Shows who it is; a user with a Rewards role may then choose
/// another person among the users of the company's Partner Center account, give their email (not the account's),
/// phone and the language the Rewards team writes in, check a summary, change any one detail, and assign. Other users
/// see the contact and are told who may change it. Details already given are never asked again: the summary's
/// "change the phone" clears only the phone and runs the waterfall again, which skips to the one empty question.
/// </summary>
public sealed class MarketingContactDialog : RewardsFlowDialog
{
    public const string CurrentCard = "contact-current";
    public const string PeopleCard = "contact-people";
    public const string LanguageCard = "contact-language";
    public const string SummaryCard = "contact-summary";
    public const string ReceiptCard = "contact-receipt";

    /// <summary>The answers of the current contact card's buttons.</summary>
    public const string ChangeAnswer = "change";
    public const string KeepAnswer = "keep";

    /// <summary>More people than this are not shown as buttons; typing a name still finds them.</summary>
    private const int MaxPeopleOnCard = 20;

    private const string WaterfallId = nameof(MarketingContactDialog) + ".Waterfall";
    private const string ChangeOrKeepPromptId = nameof(MarketingContactDialog) + ".ChangeOrKeep";
    private const string PersonPromptId = nameof(MarketingContactDialog) + ".Person";
    private const string EmailPromptId = nameof(MarketingContactDialog) + ".Email";
    private const string PhonePromptId = nameof(MarketingContactDialog) + ".Phone";
    private const string LanguagePromptId = nameof(MarketingContactDialog) + ".Language";
    private const string SummaryPromptId = nameof(MarketingContactDialog) + ".Summary";
    private const string FieldPromptId = nameof(MarketingContactDialog) + ".Field";

    public MarketingContactDialog(RewardsServices services)
        : base(nameof(MarketingContactDialog), services)
    {
        AddDialog(new WaterfallDialog<ContactState>(WaterfallId,
        [
            ShowCurrentContactStepAsync,
            ConfirmChangeStepAsync,
            AskPersonStepAsync,
            AskEmailStepAsync,
            AskPhoneStepAsync,
            AskLanguageStepAsync,
            ShowSummaryStepAsync,
            ApplySummaryChoiceStepAsync,
            ChangeFieldStepAsync,
        ]));
        AddDialog(new ChoicePrompt(ChangeOrKeepPromptId));
        AddDialog(new ContactPersonPrompt(PersonPromptId));
        AddDialog(new EmailPrompt(EmailPromptId, ValidateEmailAsync));
        AddDialog(new PhoneNumberPrompt(PhonePromptId, validator: ValidatePhoneAsync));
        AddDialog(new LanguagePrompt(LanguagePromptId));
        AddDialog(new ContactSummaryPrompt(SummaryPromptId));
        AddDialog(new ChoicePrompt(FieldPromptId));
        InitialDialogId = WaterfallId;
    }

    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var state = new ContactState { ForActivation = options is Options { ForActivation: true } };
        return innerDc.BeginDialogAsync(WaterfallId, state, cancellationToken);
    }

    private async Task<DialogTurnResult> ShowCurrentContactStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        if (step.Values.Started)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var people = await Services.Contacts.ListCandidatesAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        var roleRefusal = RolePolicy.Check(identity.User, RolePolicy.ManageRewards, people.Value ?? []);
        if (step.Values.ForActivation)
        {
            if (roleRefusal is not null)
            {
                await SendRefusalAsync(step.Context, roleRefusal, cancellationToken).ConfigureAwait(false);
                return await step.EndDialogAsync(false, cancellationToken).ConfigureAwait(false);
            }

            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var current = await Services.Contacts.GetAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        if (current.Value is not { } info)
        {
            return await EndWithRefusalAsync(step, current.Refusal!, cancellationToken).ConfigureAwait(false);
        }

        var name = info.ContactName ?? info.Contact?.UserId;
        if (roleRefusal is not null)
        {
            // Anyone may look; only a Rewards role may change: the card without buttons, then who can change it.
            var lookOnly = info.Contact is null ? step.Context.Say("contact.current.none")
                : info.ContactActive ? step.Context.Say("contact.current.assigned", ("name", name))
                : step.Context.Say("contact.current.departed", ("name", name));
            await SendCardAsync(step.Context, CurrentCard, ContactCardData.Current(step.Context, info, Services.Catalogue, canChange: false), lookOnly, cancellationToken).ConfigureAwait(false);
            return await EndWithRefusalAsync(step, roleRefusal, cancellationToken).ConfigureAwait(false);
        }

        var question = info.Contact is null ? step.Context.Say("contact.current.askAssign")
            : info.ContactActive ? step.Context.Say("contact.current.askChange", ("name", name))
            : step.Context.Say("contact.current.askReplaceDeparted", ("name", name));
        var texts = step.Context.GetTextCatalog();
        return await step.PromptAsync(ChangeOrKeepPromptId, new PromptOptions
        {
            Prompt = CardMessage(step.Context, CurrentCard, ContactCardData.Current(step.Context, info, Services.Catalogue, canChange: true), question),
            Choices =
            [
                new Choice(ChangeAnswer) { Title = step.Context.Say(info.Contact is null ? "card.contact-current.assign" : "card.contact-current.change"), Synonyms = ContactWords.InAllLanguages(texts, "contact.keywords.changeContact") },
                new Choice(KeepAnswer) { Title = step.Context.Say(info.Contact is null ? "card.contact-current.notNow" : "card.contact-current.keep"), Synonyms = ContactWords.InAllLanguages(texts, "contact.keywords.keep") },
            ],
            Style = ListStyle.None,
            HelpText = step.Context.Say("contact.current.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DialogTurnResult> ConfirmChangeStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice { Value: KeepAnswer })
        {
            await step.Context.SendTextAsync("contact.kept", cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(false, cancellationToken).ConfigureAwait(false);
        }

        step.Values.Started = true;
        return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskPersonStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        if (step.Values.PersonId is not null)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var people = await Services.Contacts.ListCandidatesAsync(identity.Company.Id, cancellationToken).ConfigureAwait(false);
        if (people.Value is not { } candidates)
        {
            await SendRefusalAsync(step.Context, people.Refusal!, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(false, cancellationToken).ConfigureAwait(false);
        }

        return await step.PromptAsync(PersonPromptId, new PromptOptions
        {
            Prompt = CardMessage(step.Context, PeopleCard, ContactCardData.People(step.Context, candidates, MaxPeopleOnCard), step.Context.Say("contact.person.question")),
            Choices = [.. candidates.Select(p => new Choice(p.Id) { Title = p.Name })],
            HelpText = step.Context.Say("contact.person.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskEmailStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        var values = step.Values;
        if (step.Result is Choice person)
        {
            values.PersonId = person.Value;
            values.PersonName = person.DisplayText;
        }

        if (values.DetailsPersonId is { } owner && owner != values.PersonId)
        {
            // Another person was chosen: the email and phone given were the previous person's.
            values.Email = null;
            values.Phone = null;
            values.DetailsPersonId = null;
        }

        if (values.Email is not null)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var company = identity.Company;
        var question = Activity.CreateMessageActivity(step.Context.Say("contact.email.question", ("name", values.PersonName), ("accountEmail", company.AccountEmail)));
        var user = await Services.Store.GetUserAsync(values.PersonId!, cancellationToken).ConfigureAwait(false);
        if (user is not null && MarketingContactRules.IsValidEmail(user.Email) && !MarketingContactRules.SameAddress(user.Email, company.AccountEmail))
        {
            // Their Partner Center sign-in address is usually the right one: offered, never assumed.
            question.SuggestedActions = new SuggestedActions { Actions = [new CardAction { Type = ActionTypes.ImBack, Title = user.Email, Value = user.Email }] };
        }

        return await step.PromptAsync(EmailPromptId, new PromptOptions
        {
            Prompt = question,
            HelpText = step.Context.Say("contact.email.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DialogTurnResult> AskPhoneStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        if (step.Result is string email)
        {
            step.Values.Email = email;
            step.Values.DetailsPersonId = step.Values.PersonId;
        }

        if (step.Values.Phone is not null)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        return await step.PromptAsync(PhonePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity(step.Context.Say("contact.phone.question", ("name", step.Values.PersonName))),
            HelpText = step.Context.Say("contact.phone.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskLanguageStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        if (step.Result is string phone)
        {
            step.Values.Phone = phone;
            step.Values.DetailsPersonId = step.Values.PersonId;
        }

        if (step.Values.Language is not null)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var languages = Services.Catalogue.SupportedLanguages;
        return await step.PromptAsync(LanguagePromptId, new PromptOptions
        {
            Prompt = CardMessage(step.Context, LanguageCard, ContactCardData.Languages(step.Context, languages), step.Context.Say("contact.language.question", ("name", step.Values.PersonName))),
            Choices = [.. languages.Select(l => new Choice(l))],
            Style = ListStyle.None,
            HelpText = step.Context.Say("contact.language.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowSummaryStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        if (step.Result is string language)
        {
            step.Values.Language = language;
        }

        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var values = step.Values;
        var previous = await PreviousContactNameAsync(identity.Company.Id, values.PersonId!, cancellationToken).ConfigureAwait(false);
        return await step.PromptAsync(SummaryPromptId, new PromptOptions
        {
            Prompt = CardMessage(step.Context, SummaryCard, ContactCardData.Summary(step.Context, values, previous), step.Context.Say("contact.summary.question", ("name", values.PersonName))),
            HelpText = step.Context.Say("contact.summary.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ApplySummaryChoiceStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        switch (step.Result)
        {
            case ContactSummaryAnswer { Action: ContactSummaryAction.Assign }:
                return await AssignAsync(step, cancellationToken).ConfigureAwait(false);
            case ContactSummaryAnswer { Action: ContactSummaryAction.Cancel }:
                await step.Context.SendTextAsync("contact.cancelled", cancellationToken).ConfigureAwait(false);
                return await step.EndDialogAsync(false, cancellationToken).ConfigureAwait(false);
            case ContactSummaryAnswer { Field: { } field }:
                return await AskAgainAsync(step, field, cancellationToken).ConfigureAwait(false);
        }

        var texts = step.Context.GetTextCatalog();
        return await step.PromptAsync(FieldPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity(step.Context.Say("contact.change.question")),
            Choices = [.. Enum.GetValues<ContactField>().Select(field => new Choice(field.ToString())
            {
                Title = step.Context.Say("contact.field." + field.ToString().ToLowerInvariant()),
                Synonyms = ContactWords.InAllLanguages(texts, ContactSummaryPrompt.KeywordsOf(field)),
            })],
            Style = ListStyle.Card,
            HelpText = step.Context.Say("contact.change.help"),
        }, cancellationToken).ConfigureAwait(false);
    }

    private static Task<DialogTurnResult> ChangeFieldStepAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
        => AskAgainAsync(step, Enum.Parse<ContactField>(((FoundChoice)step.Result!).Value), cancellationToken);

    /// <summary>Forgets one detail and runs the waterfall again: every other question is skipped, then the summary comes back.</summary>
    private static Task<DialogTurnResult> AskAgainAsync(WaterfallStepContext<ContactState> step, ContactField field, CancellationToken cancellationToken)
    {
        var values = step.Values;
        switch (field)
        {
            case ContactField.Person:
                values.PersonId = null;
                values.PersonName = null;
                break;
            case ContactField.Email:
                values.Email = null;
                break;
            case ContactField.Phone:
                values.Phone = null;
                break;
            case ContactField.Language:
                values.Language = null;
                break;
        }

        return step.ReplaceDialogAsync(WaterfallId, values, cancellationToken);
    }

    private async Task<DialogTurnResult> AssignAsync(WaterfallStepContext<ContactState> step, CancellationToken cancellationToken)
    {
        if (IdentityOf(step.Context) is not { } identity)
        {
            return await EndUnrecognizedAsync(step, cancellationToken).ConfigureAwait(false);
        }

        var values = step.Values;
        var previous = await PreviousContactNameAsync(identity.Company.Id, values.PersonId!, cancellationToken).ConfigureAwait(false);
        var outcome = await Services.Contacts.AssignAsync(
            identity.User.Id, identity.Company.Id, values.PersonId!, values.Email!, values.Phone!, values.Language!, cancellationToken).ConfigureAwait(false);
        if (outcome.Value is not { } contact)
        {
            // The service checks again; a detail it refuses is asked again, anything else ends the flow.
            await SendRefusalAsync(step.Context, outcome.Refusal!, cancellationToken).ConfigureAwait(false);
            return FieldRefused(outcome.Refusal!.Code) is { } field
                ? await AskAgainAsync(step, field, cancellationToken).ConfigureAwait(false)
                : await step.EndDialogAsync(false, cancellationToken).ConfigureAwait(false);
        }

        var receipt = ContactCardData.Receipt(step.Context, values.PersonName!, contact, previous);
        await SendCardAsync(step.Context, ReceiptCard, receipt, step.Context.Say("contact.assigned", ("name", values.PersonName)), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(true, cancellationToken).ConfigureAwait(false);
    }

    private static ContactField? FieldRefused(string code) => code switch
    {
        MarketingContactService.UserNotInCompany => ContactField.Person,
        MarketingContactService.InvalidEmail or MarketingContactService.EmailSameAsAccount => ContactField.Email,
        MarketingContactService.InvalidPhone => ContactField.Phone,
        MarketingContactService.UnsupportedLanguage => ContactField.Language,
        _ => null,
    };

    /// <summary>The name of the current contact when assigning <paramref name="newContactUserId"/> would replace them.</summary>
    private async Task<string?> PreviousContactNameAsync(string companyId, string newContactUserId, CancellationToken cancellationToken)
    {
        var current = await Services.Contacts.GetAsync(companyId, cancellationToken).ConfigureAwait(false);
        return current.Value is { Contact: { } contact } info && contact.UserId != newContactUserId
            ? info.ContactName ?? contact.UserId
            : null;
    }

    /// <summary>The contact's email must be one plain address, and not the company's Partner Center account email.</summary>
    private Task<bool> ValidateEmailAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var email = prompt.Recognized.Value;
        var accountEmail = IdentityOf(prompt.Context)?.Company.AccountEmail;
        var code = !MarketingContactRules.IsValidEmail(email) ? MarketingContactService.InvalidEmail
            : accountEmail is not null && MarketingContactRules.SameAddress(email!, accountEmail) ? MarketingContactService.EmailSameAsAccount
            : null;
        return Refuse(prompt, code is null ? null : new Refusal(code));
    }

    /// <summary>The phone must be E.164 as the domain stores it (the prompt already gives E.164; this is the domain's rule).</summary>
    private Task<bool> ValidatePhoneAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
        => Refuse(prompt, MarketingContactRules.IsValidPhone(prompt.Recognized.Value)
            ? null
            : new Refusal(MarketingContactService.InvalidPhone, new Dictionary<string, string> { ["example"] = "+14255550100" }));

    private Task<bool> Refuse(PromptValidatorContext<string> prompt, Refusal? refusal)
    {
        if (refusal is not null)
        {
            prompt.RetryMessage = RefusalText.Describe(prompt.Context, refusal, Services.Catalogue);
        }

        return Task.FromResult(refusal is null);
    }

    /// <summary>
    /// How the flow starts. From an activation, it goes straight to assigning (the user already agreed to assign
    /// one) and ends with <c>true</c> when a contact was assigned, anything else when not.
    /// </summary>
    public sealed class Options
    {
        public bool ForActivation { get; set; }
    }
}
