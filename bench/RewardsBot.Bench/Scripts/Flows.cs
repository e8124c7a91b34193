using System.Globalization;

namespace RewardsBot.Bench.Scripts;

/// <summary>
/// The scripted conversations, one per flow, as the dialog tests (tests/RewardsBot.Dialogs.Tests/Flows) play them:
/// join, pick the topic on the menu card, then the flow's own turns. Each step names what its replies must contain.
/// </summary>
internal static class Flows
{
    /// <summary>The old trivial script: join, then <paramref name="messages"/> messages the bot does not understand.</summary>
    public static Script Menu(int messages) => new("menu", "bench-user-{n}",
    [
        JoinStep(),
        .. Enumerable.Range(1, messages).Select(i => new Step(
            "unknown message " + i.ToString(CultureInfo.InvariantCulture),
            new Typed("hello " + i.ToString(CultureInfo.InvariantCulture)),
            Expect.Keys("not understood + menu", "main.menu.notUnderstood", "card.menu.fallback"))),
    ]);

    /// <summary>The marketing contact flow end to end: choose <paramref name="person"/>, email, phone, Japanese, assign.</summary>
    public static Script Contact(string identity, string person, string email, string phone) => new("contact", identity,
    [
        JoinStep(),
        // The title is also the menu button's words; the card's own explanation is not on the menu.
        Topic("card.menu.contact", Expect.Keys("current contact card", "card.contact-current.title", "card.contact-current.about")),
        new("assign or change", Click.Button("card.contact-current.assign", "card.contact-current.change"),
            Expect.Keys("people card", "contact.person.question", "card.contact-people.title")),
        new("pick the person", Click.Titled(person), Expect.Keys("email asked", "contact.email.question")),
        new("type the email", new Typed(email), Expect.Keys("phone asked", "contact.phone.question")),
        new("type the phone", new Typed(phone), Expect.Keys("language card", "contact.language.question", "card.contact-language.title")),
        new("choose the language", Click.Submit("card.contact-language.continue", Answer("ja")),
            Expect.Keys("summary card", "contact.summary.question", "card.contact-summary.title")),
        new("assign", Click.Button("card.contact-summary.assign"),
            Expect.Keys("receipt card", "contact.assigned", "card.contact-receipt.title", "main.menu.again")),
    ]);

    public static Script Eligibility(string identity) => new("eligibility", identity,
    [
        JoinStep(),
        Topic("card.menu.eligibility", EligibilityCard()),
    ]);

    /// <summary>The benefits card, then eligibility asked in words.</summary>
    public static Script Benefits(string identity) => new("benefits", identity,
    [
        JoinStep(),
        Topic("card.menu.benefits", Expect.Keys("benefits card", "benefits.heading", "main.menu.again")),
        new("ask eligibility in words", new Typed("am I eligible?"), EligibilityCard()),
    ]);

    /// <summary>
    /// Activates the first benefit offered. Once a company has activated every benefit it may, the flow says there is
    /// nothing left (or, without a marketing contact, offers to assign one): documented ends, not errors.
    /// </summary>
    public static Script Activation(string identity)
    {
        var alreadyActive = new Alternative(Expect.Keys("already active", "activation.alreadyActive"), Then.EndConversation);
        return new("activation", identity,
        [
            JoinStep(),
            new("menu: activate", Click.Button("card.menu.activate"), Expect.Keys("choose card", "activation.choose.prompt", "card.activation-choose.title"),
            [
                new(Expect.Keys("nothing left to activate", "activation.none.heading"), Then.EndConversation),
                new(Expect.Keys("needs a marketing contact", "activation.contact.offer"), Then.EndConversation),
            ]),
            new("choose a benefit", new Click([], TitlePrefix: Say.Prefix("activation.choose.button")),
                Expect.Keys("confirm card", "card.activation-confirm.title"), [alreadyActive]),
            new("confirm", Click.Button("card.activation-confirm.activate"),
                Expect.Keys("receipt card", "card.activation-receipt.title", "main.menu.again"), [alreadyActive]),
        ]);
    }

    /// <summary>The technical help form, submitted with a stage and a description: a request is filed.</summary>
    public static Script TechnicalHelp(string identity) => new("technical help", identity,
    [
        JoinStep(),
        Topic("card.menu.techHelp", Expect.Keys("form", "card.techhelp-form.title")),
        new("submit the form", Click.Submit("card.techhelp-form.submit", new Dictionary<string, string>
            {
                ["stage"] = "Deployment",
                ["description"] = "We need help sizing AKS for a customer pilot.",
            }),
            Expect.Keys("receipt card", "techHelp.receipt.text", "card.techhelp-receipt.title")),
    ]);

    /// <summary>An account admin asks why Rewards may be hidden, then for the portal steps (changes nothing, so it repeats).</summary>
    public static Script TenantAccess(string identity) => new("tenant access", identity,
    [
        JoinStep(),
        Topic("card.menu.tenant", Expect.Keys("diagnosis card", "tenant.diagnosis.text", "card.tenant-diagnosis.title")),
        new("show the portal steps", Click.Button("tenant.action.showSteps"), Expect.Keys("steps card", "tenant.steps.text", "card.tenant-steps.title")),
    ]);

    /// <summary>A user signed in from an unassociated tenant learns why, who can associate it, and the portal steps.</summary>
    public static Script TenantHidden(string identity) => new("tenant hidden", identity,
    [
        JoinStep(),
        Topic("card.menu.tenant", Expect.Keys("diagnosis + steps cards", "tenant.finding.tenant.notAssociated", "card.tenant-diagnosis.title", "card.tenant-steps.title")),
        new("ask for help", new Typed("help"), Expect.Keys("main help", "main.help")),
    ]);

    /// <summary>Offers live for weeks without word; none once the company activated a benefit or has a contact.</summary>
    public static Script OfferFollowUp(string identity) => new("offer follow-up", identity,
    [
        JoinStep(),
        new("menu: follow-up", Click.Button("card.menu.followUp"), Expect.Keys("follow-up card", "card.followup.title", "main.menu.again"),
        [
            new(Expect.Keys("nothing to follow up", "followUp.none"), Then.EndConversation),
        ]),
    ]);

    private static Step JoinStep() => new("join", new Join(), Expect.Keys("welcome + menu", "card.welcome.title", "main.menu.heading"));

    private static Step Topic(string menuButtonKey, Expect expect) => new("menu: " + menuButtonKey["card.menu.".Length..], Click.Button(menuButtonKey), expect);

    private static Expect EligibilityCard() => Expect.Keys("eligibility card", "card.eligibility.title", "card.eligibility.basics", "main.menu.again");

    private static Dictionary<string, string> Answer(string value) => new() { ["answer"] = value };
}
