using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Flows;
using RewardsBot.Rewards.Demo;
using RewardsBot.Runtime.Auth;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Prompts;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

namespace RewardsBot.Dialogs.Conversation;

/// <summary>
/// The bot: each turn it works out the chat language (the user's choice, else the channel's locale) and who is
/// talking, then welcomes, refuses secrets, switches language, or runs the main dialog; state is saved at the end.
/// </summary>
public sealed partial class MarketplaceRewardsBot : ActivityHandler
{
    public const string WelcomeCard = "welcome";

    private readonly BotTexts _texts;
    private readonly RewardsServices _services;
    private readonly RewardsConversationOptions _options;
    private readonly MainDialog _mainDialog;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;
    private readonly IStatePropertyAccessor<ConversationFlags> _flags;
    private readonly IStatePropertyAccessor<string> _lastActivityId;
    private readonly IStatePropertyAccessor<JsonText> _lastReplies;
    private readonly IStatePropertyAccessor<UserPreferences> _preferences;
    private readonly HashSet<string> _demoIdentities;
    private readonly BotStateSet _states;

    public MarketplaceRewardsBot(ConversationState conversationState, UserState userState, BotTexts texts, RewardsServices services, RewardsConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(userState);
        _texts = texts ?? throw new ArgumentNullException(nameof(texts));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _states = new BotStateSet(conversationState, userState);
        _mainDialog = new MainDialog(services);
        _dialogState = conversationState.CreateProperty<DialogState>(nameof(DialogState));
        _flags = conversationState.CreateProperty<ConversationFlags>(nameof(ConversationFlags));
        _lastActivityId = conversationState.CreateProperty<string>("LastActivityId");
        _lastReplies = conversationState.CreateProperty<JsonText>("LastReplies");
        _preferences = userState.CreateProperty<UserPreferences>(nameof(UserPreferences));
        _demoIdentities = DemoData.Identities.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Set<ITextCatalog>(_texts);
        var activity = turnContext.Activity;
        if (activity.IsType(ActivityTypes.Message))
        {
            activity.Text = StripMentions(activity.Text);
        }

        // Conversation and user state are read with one read and saved with one write at the end of the turn.
        await _states.LoadAllAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        if (await RepeatLastTurnAsync(turnContext, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // Read without a default: a user who never chose a language has no user state to write.
        var preferences = await _preferences.GetAsync(turnContext, null, cancellationToken).ConfigureAwait(false);
        if (preferences?.Language is { } chosen && BotLanguage.FromLocale(activity.Locale) != chosen)
        {
            activity.Locale = chosen; // Everything said this turn (and the replies' locale) follows the user's choice.
        }

        var claim = ChatIdentityReader.Read(activity, EmulatorIdentityAllowed(turnContext), _options.EmulatorDemoIdentity, _demoIdentities.Contains);
        var identity = claim is null ? null : await _services.Identity.ResolveAsync(claim, cancellationToken).ConfigureAwait(false);
        turnContext.TurnState.Set(new RewardsSession(BotLanguage.FromLocale(activity.Locale), claim, identity));

        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);

        // The last turn (saved with the dialog stack in the same write): the activity's id and the replies it got.
        // The replies are written once as JSON and kept as that text (JsonText), read back only when the same activity
        // arrives again: they cost the state's reads and writes a copy, not a tree of cards to rebuild every turn. The
        // expectReplies response is written from the same text.
        await _lastActivityId.SetAsync(turnContext, activity.Id!, cancellationToken).ConfigureAwait(false);
        await _lastReplies.SetAsync(turnContext, TurnReplies.PendingAsJson(turnContext), cancellationToken).ConfigureAwait(false);

        // One write for both states: a conflict on either (two chats of one user at once) saves neither, and the
        // adapter runs the turn again on fresh state.
        await _states.SaveAllChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The activity is the one the last turn answered (a channel's retry, or a client sending again after the host
    /// died before it could answer): the same replies again, and nothing runs twice.
    /// </summary>
    private async Task<bool> RepeatLastTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var id = turnContext.Activity.Id;
        if (string.IsNullOrEmpty(id)
            || !string.Equals(await _lastActivityId.GetAsync(turnContext, null, cancellationToken).ConfigureAwait(false), id, StringComparison.Ordinal))
        {
            return false;
        }

        var stored = await _lastReplies.GetAsync(turnContext, null, cancellationToken).ConfigureAwait(false);
        var replies = stored is null ? null : BotJson.Deserialize<Activity[]>(stored.Json);
        await turnContext.SendActivitiesAsync(replies ?? [], cancellationToken).ConfigureAwait(false);
        return true;
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        ArgumentNullException.ThrowIfNull(turnContext);
        var botId = turnContext.Activity.Recipient?.Id;
        if (membersAdded.Any(member => member.Id != botId))
        {
            await WelcomeAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => await WelcomeAsync(turnContext, cancellationToken).ConfigureAwait(false);

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var flags = await _flags.GetAsync(turnContext, () => new ConversationFlags(), cancellationToken).ConfigureAwait(false);
        if (!flags.Welcomed)
        {
            await SendWelcomeCardAsync(turnContext, flags, cancellationToken).ConfigureAwait(false);
        }

        var dc = await new DialogSet(_dialogState).Add(_mainDialog).CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (CarriesSecret(turnContext.Activity))
        {
            // Refused before any dialog sees it: nothing of it is stored, logged or repeated.
            turnContext.Activity.Text = null;
            turnContext.Activity.Value = null;
            await turnContext.SendTextAsync("main.secretRefused", cancellationToken).ConfigureAwait(false);
            await RepromptAsync(dc, turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (LanguageCommand.Detect(turnContext.Activity) is { } language && !IsAskingForALanguage(dc))
        {
            await SwitchLanguageAsync(turnContext, language, cancellationToken).ConfigureAwait(false);
            await RepromptAsync(dc, turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await dc.RunAsync(_mainDialog.Id, beginOptions: null, cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Cancelled || result.Result is PromptAbandoned)
        {
            // After "cancel", or a question given up after too many attempts, the user is back at the menu rather
            // than facing silence.
            await dc.BeginDialogAsync(_mainDialog.Id, new MainDialog.MainOptions { Again = true }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The typed text, or any value a card submitted (a form's text box), looks like a password, secret or token.</summary>
    private static bool CarriesSecret(Activity activity)
        => SecretDetector.LooksLikeSecret(activity.Text)
            || (CardSubmission.Read(activity).Values is { } values && values
                .Where(pair => pair.Key is not (CardSubmission.DialogKey or CardSubmission.ActionKey))
                .Any(pair => pair.Value is JsonValue value && value.TryGetValue<string>(out var text) && SecretDetector.LooksLikeSecret(text)));

    private static bool EmulatorIdentityAllowed(ITurnContext turnContext)
        => turnContext.TurnState.Get<BotAuthenticationResult>() is null or { IsAnonymous: true };

    /// <summary>The active question is the marketing contact's preferred language: "français" is its answer there.</summary>
    private static bool IsAskingForALanguage(DialogContext dc)
        => dc.Leaf is { ActiveDialog: { } leaf } leafContext && leafContext.FindDialog(leaf.Id) is LanguagePrompt;

    private async Task WelcomeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var flags = await _flags.GetAsync(turnContext, () => new ConversationFlags(), cancellationToken).ConfigureAwait(false);
        if (flags.Welcomed)
        {
            return; // Teams sends both installationUpdate and conversationUpdate; welcome once.
        }

        await SendWelcomeCardAsync(turnContext, flags, cancellationToken).ConfigureAwait(false);
        await _mainDialog.RunAsync(turnContext, _dialogState, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendWelcomeCardAsync(ITurnContext turnContext, ConversationFlags flags, CancellationToken cancellationToken)
    {
        flags.Welcomed = true;
        var session = turnContext.GetSession();
        var signedInAs = session.Identity is { } identity
            ? turnContext.Say("main.welcome.signedInAs", ("name", identity.User.Name), ("company", identity.Company.Name))
            : RefusalText.Describe(turnContext, session.IdentityRefusal!, _services.Catalogue);
        var otherLanguages = BotLanguage.All
            .Where(language => language != session.Language)
            .Select(language => new { title = _texts.Get("main.language.name", language), data = LanguageCommand.ButtonData(language) })
            .ToList();
        var card = _services.Cards.Message(WelcomeCard, new { signedInAs, recognized = session.Identity is not null, otherLanguages }, turnContext.Activity.Locale);
        await turnContext.SendActivityAsync(card, cancellationToken).ConfigureAwait(false);
    }

    private async Task SwitchLanguageAsync(ITurnContext turnContext, string language, CancellationToken cancellationToken)
    {
        // Conversation and user state are read with one read and saved with one write at the end of the turn.
        await _states.LoadAllAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        var preferences = await _preferences.GetAsync(turnContext, () => new UserPreferences(), cancellationToken).ConfigureAwait(false);
        preferences.Language = language;
        await _preferences.SetAsync(turnContext, preferences, cancellationToken).ConfigureAwait(false);
        turnContext.Activity.Locale = language;
        turnContext.TurnState.Set(turnContext.GetSession().WithLanguage(language));
        await turnContext.SendTextAsync("main.language.switched", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the waiting question again, or shows the menu when nothing is waiting (the first message of the
    /// conversation, or after a cancel): its first heading, since no flow ran before it.
    /// </summary>
    private async Task RepromptAsync(DialogContext dc, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null)
        {
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await dc.BeginDialogAsync(_mainDialog.Id, new MainDialog.MainOptions(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? StripMentions(string? text)
        => text is null || !text.Contains("<at>", StringComparison.OrdinalIgnoreCase) ? text : Mention().Replace(text, string.Empty).Trim();

    [GeneratedRegex("<at>[^<]{0,200}</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Mention();
}
