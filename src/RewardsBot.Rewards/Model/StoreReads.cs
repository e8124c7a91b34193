namespace RewardsBot.Rewards.Model;

/// <summary>
/// Who is behind a sign-in, read at once: the user (null when nobody is), the tenant they sign in from (null when the
/// data does not know it) and the user's company (null without a user, or when the user's company is missing).
/// </summary>
public sealed record UserSignIn(PartnerUser? User, EntraTenant? Tenant, Company? Company);

/// <summary>
/// A user and the company they act for, read at once: the user (null when unknown), the company (null when unknown)
/// and the company's users by id (empty without a company).
/// </summary>
public sealed record CompanyActor(PartnerUser? User, Company? Company, IReadOnlyList<PartnerUser> CompanyUsers);

/// <summary>
/// A company's marketing contact, read at once: the company (null when unknown, and then nothing else), its contact
/// (null when none is assigned) and the contact's user record (null when that user no longer exists).
/// </summary>
public sealed record CompanyContact(Company? Company, MarketingContact? Contact, PartnerUser? ContactUser);

/// <summary>
/// What a company's eligibility and benefit states are computed from, read at once: the company (null when unknown,
/// and then every list is empty), its publisher profiles, offers, billed sales and activations, each as its own
/// <see cref="Store.IRewardsStore"/> list returns it.
/// </summary>
public sealed record CompanyRewardsData(
    Company? Company,
    IReadOnlyList<PublisherProfile> Profiles,
    IReadOnlyList<Offer> Offers,
    IReadOnlyList<BilledSale> Sales,
    IReadOnlyList<Activation> Activations)
{
    /// <summary>What is read for a company that does not exist.</summary>
    public static CompanyRewardsData None { get; } = new(null, [], [], [], []);
}
