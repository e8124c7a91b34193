using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Flows;

/// <summary>What every Rewards flow shares: the services, who the user is, cards and refusals in the user's language.</summary>
public abstract class RewardsFlowDialog : ComponentDialog
{
    protected RewardsFlowDialog(string dialogId, RewardsServices services)
        : base(dialogId)
        => Services = services ?? throw new ArgumentNullException(nameof(services));

    protected RewardsServices Services { get; }

    /// <summary>The recognised user and company, or null (then call <see cref="EndUnrecognizedAsync"/>).</summary>
    protected static ResolvedIdentity? IdentityOf(ITurnContext turnContext) => turnContext.GetSession().Identity;

    /// <summary>
    /// Says why the user is not recognised and ends the flow; when the cause is the tenant the user signed in from,
    /// the main dialog goes on with the tenant diagnosis.
    /// </summary>
    protected Task<DialogTurnResult> EndUnrecognizedAsync(DialogContext dc, CancellationToken cancellationToken)
        => EndUnrecognizedAsync(dc, Services, cancellationToken);

    public static async Task<DialogTurnResult> EndUnrecognizedAsync(DialogContext dc, RewardsServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(services);
        var refusal = dc.Context.GetSession().IdentityRefusal ?? new Refusal(IdentityCodes.UnknownUser);
        await dc.Context.SendActivityAsync(RefusalText.Describe(dc.Context, refusal, services.Catalogue), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (refusal.Code is IdentityCodes.TenantNotAssociated or IdentityCodes.UnknownTenant)
        {
            return await dc.EndDialogAsync(new TopicRedirect(Topics.Tenant), cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendTextAsync("main.unrecognized.next", cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the refusal in the user's words.</summary>
    protected Task SendRefusalAsync(ITurnContext turnContext, Refusal refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(RefusalText.Describe(turnContext, refusal, Services.Catalogue), cancellationToken: cancellationToken);
    }

    /// <summary>Says why the domain refused and ends the flow.</summary>
    protected async Task<DialogTurnResult> EndWithRefusalAsync(DialogContext dc, Refusal refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await SendRefusalAsync(dc.Context, refusal, cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the card <paramref name="cardName"/> with <paramref name="data"/>; <paramref name="text"/> goes with it.</summary>
    protected Task SendCardAsync(ITurnContext turnContext, string cardName, object data, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(Services.Cards.Message(cardName, data, turnContext.Activity.Locale, text), cancellationToken);
    }

    /// <summary>A message carrying the card, e.g. as a prompt.</summary>
    protected Activity CardMessage(ITurnContext turnContext, string cardName, object data, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return Services.Cards.Message(cardName, data, turnContext.Activity.Locale, text);
    }
}
