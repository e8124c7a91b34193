using Microsoft.Extensions.DependencyInjection;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

namespace RewardsBot.Tests.Infrastructure;

/// <summary>
/// A bot owned by the host tests, so they test the host (delivery, expectReplies, state over restarts, conflicts
/// between hosts) and not the product's words: it counts the messages of a conversation in conversation state and
/// answers <c>count=N</c>, and greets each member other than itself who joins with <c>welcome=&lt;member id&gt;</c>.
/// The count is saved before the reply is sent, so a reply means the count is stored.
/// Register it per test: <c>BotHost.StartAsync(folder, services: CountingBot.Register)</c>.
/// </summary>
public sealed class CountingBot(ConversationState conversationState, CountingBot.Pause? pause = null) : ActivityHandler
{
    private readonly IStatePropertyAccessor<CountState> _count = conversationState.CreateProperty<CountState>("count");

    /// <summary>A wait between reading and saving the count, so turns on two hosts overlap.</summary>
    public sealed record Pause(TimeSpan BeforeSave);

    public static string Counted(int count) => "count=" + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Welcome(string memberId) => "welcome=" + memberId;

    /// <summary>Registers the counting bot in place of the product's bot.</summary>
    public static void Register(IServiceCollection services) => services.AddSingleton<IBot, CountingBot>();

    /// <summary>Registers the counting bot with a pause of <paramref name="beforeSave"/> between reading and saving.</summary>
    public static Action<IServiceCollection> RegisterSlow(TimeSpan beforeSave) => services =>
    {
        services.AddSingleton(new Pause(beforeSave));
        Register(services);
    };

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var state = await _count.GetAsync(turnContext, () => new CountState(), cancellationToken);
        state.Value++;
        if (pause is not null)
        {
            await Task.Delay(pause.BeforeSave, cancellationToken);
        }

        await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        await turnContext.SendActivityAsync(Counted(state.Value), cancellationToken: cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        foreach (var member in membersAdded)
        {
            await turnContext.SendActivityAsync(Welcome(member.Id!), cancellationToken: cancellationToken);
        }
    }

    private sealed class CountState
    {
        public int Value { get; set; }
    }
}
