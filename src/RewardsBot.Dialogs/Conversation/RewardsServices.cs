using RewardsBot.Dialogs.Content;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Dialogs.Conversation;

/// <summary>What the dialogs need: the Rewards domain services, the catalogue, the cards and the clock.</summary>
public sealed class RewardsServices
{
    public RewardsServices(IRewardsStore store, BenefitCatalogue catalogue, TimeProvider clock, CardLibrary cards)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(cards);
        Store = store;
        Catalogue = catalogue;
        Clock = clock;
        Cards = cards;
        Identity = new IdentityService(store);
        Eligibility = new EligibilityService(store, catalogue);
        Benefits = new BenefitService(store, catalogue, clock);
        Contacts = new MarketingContactService(store, catalogue, clock);
        Activations = new ActivationService(store, catalogue, clock);
        TechnicalHelp = new TechnicalHelpService(store, catalogue, clock);
        Tenants = new TenantAssociationService(store, clock);
        FollowUps = new OfferFollowUpService(store, clock);
    }

    public IRewardsStore Store { get; }

    public BenefitCatalogue Catalogue { get; }

    public TimeProvider Clock { get; }

    public CardLibrary Cards { get; }

    public IdentityService Identity { get; }

    public EligibilityService Eligibility { get; }

    public BenefitService Benefits { get; }

    public MarketingContactService Contacts { get; }

    public ActivationService Activations { get; }

    public TechnicalHelpService TechnicalHelp { get; }

    public TenantAssociationService Tenants { get; }

    public OfferFollowUpService FollowUps { get; }
}
