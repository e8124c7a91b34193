using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

namespace RewardsBot.Bots;

/// <summary>
/// The host's minimal bot until the rewards dialogs replace it: greets people who join and counts the messages of
/// each conversation in conversation state (which proves state survives turns and restarts).
/// </summary>
public sealed class WelcomeBot : ActivityHandler
{
    private readonly ConversationState _conversationState;
    private readonly UserState _userState;
    private readonly IStatePropertyAccessor<ConversationProgress> _progress;
    private readonly BotTexts _texts;

    public WelcomeBot(ConversationState conversationState, UserState userState, BotTexts texts)
    {
        _conversationState = conversationState;
        _userState = userState;
        _texts = texts;
        _progress = conversationState.CreateProperty<ConversationProgress>(nameof(ConversationProgress));
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await _conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        await _userState.SaveChangesAsync(turnContext, false, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await turnContext.SendActivityAsync(_texts.Get("host.welcome", turnContext.Activity.Locale), cancellationToken: cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var progress = await _progress.GetAsync(turnContext, () => new ConversationProgress(), cancellationToken);
        progress.MessageCount++;
        await turnContext.SendActivityAsync(_texts.Get("host.turnCount", turnContext.Activity.Locale, ("count", progress.MessageCount)), cancellationToken: cancellationToken);
    }
}

/// <summary>What the minimal bot keeps per conversation.</summary>
public sealed class ConversationProgress
{
    public int MessageCount { get; set; }
}
