using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;

namespace RewardsBot.Dialogs.Conversation;

/// <summary>
/// Who is talking and in which language, worked out once at the start of each turn and kept in TurnState.
/// Nothing here is stored: the identity is looked up again every turn, so a change of role applies at once.
/// </summary>
public sealed class RewardsSession
{
    public RewardsSession(string language, ChatIdentityClaim? claim, Outcome<ResolvedIdentity>? identity)
    {
        Language = language;
        Claim = claim;
        Identity = identity?.Value;
        IdentityRefusal = identity is null
            ? new Refusal(IdentityCodes.UnknownUser)
            : identity.Refusal;
    }

    private RewardsSession(RewardsSession other, string language)
    {
        Language = language;
        Claim = other.Claim;
        Identity = other.Identity;
        IdentityRefusal = other.IdentityRefusal;
    }

    /// <summary>The same session in another chat language.</summary>
    public RewardsSession WithLanguage(string language) => new(this, language);

    /// <summary>The chat language: en, fr or zh-TW.</summary>
    public string Language { get; }

    /// <summary>What the channel says about the user, or null when the channel gives nothing the bot can trust.</summary>
    public ChatIdentityClaim? Claim { get; }

    /// <summary>The Partner Center user and company, when recognised.</summary>
    public ResolvedIdentity? Identity { get; }

    /// <summary>Why the user is not recognised (an <see cref="IdentityCodes"/> code), when <see cref="Identity"/> is null.</summary>
    public Refusal? IdentityRefusal { get; }

    public PartnerUser? User => Identity?.User;

    public Company? Company => Identity?.Company;
}

public static class RewardsSessionExtensions
{
    /// <summary>The session the bot put in TurnState for this turn.</summary>
    public static RewardsSession GetSession(this ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<RewardsSession>()
            ?? throw new InvalidOperationException("No RewardsSession in TurnState. Run dialogs through MarketplaceRewardsBot (or set a session in tests).");
    }
}
