using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Tests.Dialogs;

/// <summary>What the test form collects (typed state that must survive the JSON round trip between turns).</summary>
public sealed class ContactForm
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Language { get; set; }
    public bool? Confirmed { get; set; }
    public long CorrelationNumber { get; set; }
    public List<string> History { get; set; } = [];
}

/// <summary>A form-filling dialog shaped like the bot's marketing-contact flow, for the engine's tests.</summary>
public sealed class ContactFormDialog : InterruptibleComponentDialog
{
    public const string NameHelp = "Type the person's full name, as in Partner Center.";

    public ContactFormDialog(string dialogId = nameof(ContactFormDialog))
        : base(dialogId)
    {
        AddDialog(new WaterfallDialog<ContactForm>(nameof(WaterfallDialog),
        [
            AskNameStepAsync,
            AskEmailStepAsync,
            AskPhoneStepAsync,
            AskLanguageStepAsync,
            ConfirmStepAsync,
            FinishStepAsync,
        ]));
        AddDialog(new TextPrompt(nameof(TextPrompt)));
        AddDialog(new EmailPrompt(nameof(EmailPrompt)));
        AddDialog(new PhoneNumberPrompt(nameof(PhoneNumberPrompt)));
        AddDialog(new LanguagePrompt(nameof(LanguagePrompt)));
        AddDialog(new ConfirmPrompt(nameof(ConfirmPrompt)));
        InitialDialogId = nameof(WaterfallDialog);
    }

    private static PromptOptions Ask(string text, string? help = null) => new() { Prompt = Activity.CreateMessageActivity(text), HelpText = help };

    private static Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<ContactForm> step, CancellationToken cancellationToken)
        => step.Values.Name is { } known ? step.NextAsync(known, cancellationToken) : step.PromptAsync(nameof(TextPrompt), Ask("Who is the contact?", NameHelp), cancellationToken);

    private static Task<DialogTurnResult> AskEmailStepAsync(WaterfallStepContext<ContactForm> step, CancellationToken cancellationToken)
    {
        step.Values.Name = (string)step.Result!;
        step.Values.History.Add("name");
        step.Values.CorrelationNumber = 5_000_000_000L;
        return step.Values.Email is { } known ? step.NextAsync(known, cancellationToken) : step.PromptAsync(nameof(EmailPrompt), Ask("Their email?"), cancellationToken);
    }

    private static Task<DialogTurnResult> AskPhoneStepAsync(WaterfallStepContext<ContactForm> step, CancellationToken cancellationToken)
    {
        step.Values.Email = (string)step.Result!;
        step.Values.History.Add("email");
        return step.Values.Phone is { } known ? step.NextAsync(known, cancellationToken) : step.PromptAsync(nameof(PhoneNumberPrompt), Ask("Their phone?"), cancellationToken);
    }

    private static Task<DialogTurnResult> AskLanguageStepAsync(WaterfallStepContext<ContactForm> step, CancellationToken cancellationToken)
    {
        step.Values.Phone = (string)step.Result!;
        step.Values.History.Add("phone");
        var options = Ask("Their preferred language?");
        options.Choices = [new Choice("en"), new Choice("fr"), new Choice("zh-Hant"), new Choice("de")];
        return step.Values.Language is { } known ? step.NextAsync(known, cancellationToken) : step.PromptAsync(nameof(LanguagePrompt), options, cancellationToken);
    }

    private static Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<ContactForm> step, CancellationToken cancellationToken)
    {
        step.Values.Language = (string)step.Result!;
        step.Values.History.Add("language");
        return step.PromptAsync(nameof(ConfirmPrompt), Ask($"Assign {step.Values.Name}?"), cancellationToken);
    }

    private static Task<DialogTurnResult> FinishStepAsync(WaterfallStepContext<ContactForm> step, CancellationToken cancellationToken)
    {
        step.Values.Confirmed = (bool)step.Result!;
        return step.EndDialogAsync(step.Values, cancellationToken);
    }
}

/// <summary>A parent that asks what to do, then runs the contact form as a nested component.</summary>
public sealed class MenuDialog : InterruptibleComponentDialog
{
    public MenuDialog()
        : base(nameof(MenuDialog))
    {
        AddDialog(new WaterfallDialog<WaterfallValues>("menu", [ChooseStepAsync, RunStepAsync, DoneStepAsync]));
        AddDialog(new ChoicePrompt(nameof(ChoicePrompt)));
        AddDialog(new ContactFormDialog());
        InitialDialogId = "menu";
    }

    private static Task<DialogTurnResult> ChooseStepAsync(WaterfallStepContext<WaterfallValues> step, CancellationToken cancellationToken)
        => step.PromptAsync(nameof(ChoicePrompt), new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity("What would you like to do?"),
            Choices = [new Choice("contact") { Title = "Marketing contact" }, new Choice("benefits") { Title = "Benefits" }],
        }, cancellationToken);

    private static Task<DialogTurnResult> RunStepAsync(WaterfallStepContext<WaterfallValues> step, CancellationToken cancellationToken)
        => step.BeginDialogAsync(nameof(ContactFormDialog), null, cancellationToken);

    private static async Task<DialogTurnResult> DoneStepAsync(WaterfallStepContext<WaterfallValues> step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync("menu done", cancellationToken: cancellationToken);
        return await step.EndDialogAsync(step.Result, cancellationToken);
    }
}
