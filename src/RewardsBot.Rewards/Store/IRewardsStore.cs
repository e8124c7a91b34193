using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The system of record for Rewards data. Reads see committed data; every change goes through
/// <see cref="WriteAsync"/>, which runs all-or-nothing and one writer at a time (so check-then-write inside it is safe).
/// </summary>
public interface IRewardsStore
{
    Task<Company?> GetCompanyAsync(string companyId, CancellationToken cancellationToken);
    Task<IReadOnlyList<Company>> ListCompaniesAsync(CancellationToken cancellationToken);
    Task<EntraTenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken);
    Task<IReadOnlyList<EntraTenant>> ListTenantsOfCompanyAsync(string companyId, CancellationToken cancellationToken);
    Task<PartnerUser?> GetUserAsync(string userId, CancellationToken cancellationToken);
    Task<PartnerUser?> FindUserByObjectIdAsync(string tenantId, string entraObjectId, CancellationToken cancellationToken);
    Task<string?> FindUserIdByChatIdentityAsync(string channel, string channelUserId, CancellationToken cancellationToken);
    Task<IReadOnlyList<ChatIdentity>> ListChatIdentitiesAsync(string channel, CancellationToken cancellationToken);

    /// <summary>
    /// A Teams sign-in in one read (every turn starts with it): the user <see cref="FindUserByObjectIdAsync"/> finds,
    /// the tenant <paramref name="tenantId"/> (null when unknown, with or without a user) and the user's company.
    /// </summary>
    Task<UserSignIn> FindTeamsSignInAsync(string tenantId, string entraObjectId, CancellationToken cancellationToken);

    /// <summary>
    /// A Direct Line or Emulator sign-in in one read: the user bound to the chat identity (null when none, or when the
    /// bound user does not exist), the user's own tenant and company.
    /// </summary>
    Task<UserSignIn> FindChatSignInAsync(string channel, string channelUserId, CancellationToken cancellationToken);
    Task<IReadOnlyList<PartnerUser>> ListUsersAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>
    /// A user and a company in one read (what every change checks first): the user <paramref name="userId"/> as
    /// <see cref="GetUserAsync"/> reads it, the company <paramref name="companyId"/> — or, when null, the user's own —
    /// and that company's users as <see cref="ListUsersAsync"/> lists them.
    /// </summary>
    Task<CompanyActor> ReadCompanyActorAsync(string userId, string? companyId, CancellationToken cancellationToken);
    Task<IReadOnlyList<PublisherProfile>> ListPublisherProfilesAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>Offers of every publisher profile of the company (linked to the PGA or not).</summary>
    Task<IReadOnlyList<Offer>> ListOffersAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>Billed sales of the company's offers, fraudulent ones included (flagged).</summary>
    Task<IReadOnlyList<BilledSale>> ListSalesAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>
    /// The company with its profiles, offers, sales and activations in one read (eligibility and benefit states are
    /// computed from them); <see cref="CompanyRewardsData.None"/> when the company does not exist.
    /// </summary>
    Task<CompanyRewardsData> ReadCompanyRewardsAsync(string companyId, CancellationToken cancellationToken);

    Task<MarketingContact?> GetMarketingContactAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>The company, its marketing contact and the contact's user (as <see cref="GetUserAsync"/> reads it), in one read.</summary>
    Task<CompanyContact> ReadCompanyContactAsync(string companyId, CancellationToken cancellationToken);
    Task<IReadOnlyList<MarketingContactChange>> ListMarketingContactHistoryAsync(string companyId, CancellationToken cancellationToken);
    Task<IReadOnlyList<Activation>> ListActivationsAsync(string companyId, CancellationToken cancellationToken);
    Task<IReadOnlyList<TechnicalHelpRequest>> ListTechnicalHelpRequestsAsync(string companyId, CancellationToken cancellationToken);
    Task<TenantAssociationRequest?> GetTenantAssociationRequestAsync(string requestId, CancellationToken cancellationToken);
    Task<IReadOnlyList<TenantAssociationRequest>> ListTenantAssociationRequestsAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>
    /// The company's requests for <paramref name="tenantId"/> still waiting for confirmation, in the order of
    /// <see cref="ListTenantAssociationRequestsAsync"/> — without reading the decided ones, which only accumulate.
    /// </summary>
    Task<IReadOnlyList<TenantAssociationRequest>> ListPendingTenantAssociationRequestsAsync(string companyId, string tenantId, CancellationToken cancellationToken);

    /// <summary>The company's audit log, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>True when no company exists yet (demo data is loaded then).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="changes"/> in one transaction, alone; nothing is kept if it throws.</summary>
    Task WriteAsync(Func<IRewardsWriter, CancellationToken, Task> changes, CancellationToken cancellationToken);
}

/// <summary>What a transaction may read (fresh, inside the transaction) and change.</summary>
public interface IRewardsWriter
{
    Task<Activation?> GetActivationAsync(string companyId, string benefitId, CancellationToken cancellationToken);
    Task<MarketingContact?> GetMarketingContactAsync(string companyId, CancellationToken cancellationToken);
    Task<EntraTenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken);
    Task<TenantAssociationRequest?> GetTenantAssociationRequestAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>The technical help request with this id, whichever company filed it; null when none.</summary>
    Task<TechnicalHelpRequest?> GetTechnicalHelpRequestAsync(string requestId, CancellationToken cancellationToken);

    Task UpsertCompanyAsync(Company company, CancellationToken cancellationToken);
    Task UpsertTenantAsync(EntraTenant tenant, CancellationToken cancellationToken);
    Task UpsertUserAsync(PartnerUser user, CancellationToken cancellationToken);
    Task UpsertPublisherProfileAsync(PublisherProfile profile, CancellationToken cancellationToken);
    Task UpsertOfferAsync(Offer offer, CancellationToken cancellationToken);
    Task AddSaleAsync(BilledSale sale, CancellationToken cancellationToken);
    Task AddChatIdentityAsync(ChatIdentity identity, CancellationToken cancellationToken);

    /// <summary>Replaces the company's marketing contact and records the change.</summary>
    Task SetMarketingContactAsync(MarketingContact contact, MarketingContactChange change, CancellationToken cancellationToken);

    /// <summary>Adds an activation; a second one for the same company and benefit is refused by the store (unique).</summary>
    Task AddActivationAsync(Activation activation, CancellationToken cancellationToken);

    Task AddTechnicalHelpRequestAsync(TechnicalHelpRequest request, CancellationToken cancellationToken);
    Task SaveTenantAssociationRequestAsync(TenantAssociationRequest request, CancellationToken cancellationToken);
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);
}
