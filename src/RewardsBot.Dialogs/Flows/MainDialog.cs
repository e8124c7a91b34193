using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// The root of every conversation: routes what the user says (or clicks on the menu) to a flow, and after the
/// flow shows the menu again. Help, cancel and start over are handled here once for every flow inside.
/// </summary>
public sealed class MainDialog : InterruptibleComponentDialog
{
    private const string MenuPromptId = nameof(MainDialog) + ".Menu";
    private const string WaterfallId = nameof(MainDialog) + ".Waterfall";

    private static readonly Dictionary<string, string> FlowOfTopic = new(StringComparer.Ordinal)
    {
        [Topics.Eligibility] = nameof(EligibilityDialog),
        [Topics.Benefits] = nameof(BenefitsDialog),
        [Topics.Activate] = nameof(ActivationDialog),
        [Topics.Contact] = nameof(MarketingContactDialog),
        [Topics.TechnicalHelp] = nameof(TechnicalHelpDialog),
        [Topics.Tenant] = nameof(TenantAccessDialog),
        [Topics.FollowUp] = nameof(OfferFollowUpDialog),
    };

    public MainDialog(RewardsServices services)
        : base(nameof(MainDialog))
    {
        ArgumentNullException.ThrowIfNull(services);
        AddDialog(new TopicPrompt(MenuPromptId, services.Cards));
        AddDialog(new EligibilityDialog(services));
        AddDialog(new BenefitsDialog(services));
        AddDialog(new MarketingContactDialog(services));
        AddDialog(new ActivationDialog(services));
        AddDialog(new TechnicalHelpDialog(services));
        AddDialog(new TenantAccessDialog(services));
        AddDialog(new OfferFollowUpDialog(services));
        AddDialog(new WaterfallDialog<MainState>(WaterfallId, [ChooseTopicStepAsync, RunFlowStepAsync, ShowMenuAgainStepAsync]));
        InitialDialogId = WaterfallId;
    }

    /// <summary>The flow dialog id of a topic.</summary>
    public static string FlowId(string topic) => FlowOfTopic[topic];

    protected override string DefaultHelpText(DialogContext innerDc)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.Context.Say("main.help");
    }

    /// <summary>The menu's own waterfall is always past its first step while a flow runs; only the flow's answers count.</summary>
    protected override bool HasProgress(DialogContext innerDc)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return HasProgress(innerDc.Stack.Where(instance => instance.Id != WaterfallId));
    }

    private static async Task<DialogTurnResult> ChooseTopicStepAsync(WaterfallStepContext<MainState> step, CancellationToken cancellationToken)
    {
        var options = step.GetOptions<MainOptions>() ?? new MainOptions();
        if (options.Topic is { } redirected)
        {
            return await step.NextAsync(redirected, cancellationToken).ConfigureAwait(false);
        }

        // The message that started the conversation may already say what the user wants ("activate a benefit").
        // After a flow, the message that ended it was an answer, not a new request.
        var activity = step.Context.Activity;
        if (!options.Again && CardSubmission.Read(activity) is { IsCardSubmit: false, Text: { } text }
            && Topics.Recognize(text, step.Context.GetTextCatalog()) is { } topic)
        {
            return await step.NextAsync(topic, cancellationToken).ConfigureAwait(false);
        }

        var heading = options.Again ? "main.menu.again" : "main.menu.heading";
        return await step.PromptAsync(MenuPromptId, TopicPrompt.Options(heading), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DialogTurnResult> RunFlowStepAsync(WaterfallStepContext<MainState> step, CancellationToken cancellationToken)
    {
        if (step.Result is not string topic || !FlowOfTopic.TryGetValue(topic, out var flowId))
        {
            return await step.ReplaceDialogAsync(WaterfallId, new MainOptions { Again = true }, cancellationToken).ConfigureAwait(false);
        }

        step.Values.Topic = topic;
        return await step.BeginDialogAsync(flowId, FlowOptions(topic, step.Context.Activity), cancellationToken).ConfigureAwait(false);
    }

    private static Task<DialogTurnResult> ShowMenuAgainStepAsync(WaterfallStepContext<MainState> step, CancellationToken cancellationToken)
        => step.ReplaceDialogAsync(
            WaterfallId,
            step.Result is TopicRedirect redirect && redirect.Topic != step.Values.Topic
                ? new MainOptions { Topic = redirect.Topic }
                : new MainOptions { Again = true },
            cancellationToken);

    /// <summary>What a flow starts with: the benefit of an Activate button on the benefits card.</summary>
    private static ActivationDialog.Options? FlowOptions(string topic, Activity activity)
        => topic == Topics.Activate && CardSubmission.Read(activity).StringValue(ActivationDialog.BenefitIdKey) is { Length: > 0 } benefitId
            ? new ActivationDialog.Options { BenefitId = benefitId }
            : null;

    /// <summary>What the main waterfall remembers: the topic of the running flow.</summary>
    public sealed class MainState
    {
        public string? Topic { get; set; }
    }

    /// <summary>How the main waterfall starts: afresh, after a flow, or straight into a topic.</summary>
    public sealed class MainOptions
    {
        public bool Again { get; set; }

        public string? Topic { get; set; }
    }
}
