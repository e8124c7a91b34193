using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The Rewards data in memory (lost at exit): for experiments and as the second implementation the store contract
/// tests run against. Writes run one at a time on a copy that replaces the data only when the transaction succeeds.
/// </summary>
public sealed class MemoryRewardsStore : IRewardsStore, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private volatile Snapshot _data = new();

    public Task<Company?> GetCompanyAsync(string companyId, CancellationToken cancellationToken) => Task.FromResult(_data.Companies.GetValueOrDefault(companyId));

    public Task<IReadOnlyList<Company>> ListCompaniesAsync(CancellationToken cancellationToken) => List(_data.Companies.Values.OrderBy(c => c.Id, StringComparer.Ordinal));

    public Task<EntraTenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken) => Task.FromResult(_data.Tenants.GetValueOrDefault(tenantId));

    public Task<IReadOnlyList<EntraTenant>> ListTenantsOfCompanyAsync(string companyId, CancellationToken cancellationToken)
        => List(_data.Tenants.Values.Where(t => t.CompanyId == companyId).OrderBy(t => t.Id, StringComparer.Ordinal));

    public Task<PartnerUser?> GetUserAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(_data.Users.GetValueOrDefault(userId));

    public Task<PartnerUser?> FindUserByObjectIdAsync(string tenantId, string entraObjectId, CancellationToken cancellationToken)
        => Task.FromResult(_data.Users.Values.FirstOrDefault(u => u.TenantId == tenantId && string.Equals(u.EntraObjectId, entraObjectId, StringComparison.OrdinalIgnoreCase)));

    public Task<string?> FindUserIdByChatIdentityAsync(string channel, string channelUserId, CancellationToken cancellationToken)
        => Task.FromResult(_data.ChatIdentities.FirstOrDefault(i => i.Channel == channel && i.ChannelUserId == channelUserId)?.UserId);

    public Task<IReadOnlyList<ChatIdentity>> ListChatIdentitiesAsync(string channel, CancellationToken cancellationToken)
        => List(_data.ChatIdentities.Where(i => i.Channel == channel));

    public Task<UserSignIn> FindTeamsSignInAsync(string tenantId, string entraObjectId, CancellationToken cancellationToken)
    {
        var data = _data;
        var user = data.Users.Values.FirstOrDefault(u => u.TenantId == tenantId && string.Equals(u.EntraObjectId, entraObjectId, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(SignIn(data, user, tenantId));
    }

    public Task<UserSignIn> FindChatSignInAsync(string channel, string channelUserId, CancellationToken cancellationToken)
    {
        var data = _data;
        var userId = data.ChatIdentities.FirstOrDefault(i => i.Channel == channel && i.ChannelUserId == channelUserId)?.UserId;
        var user = userId is null ? null : data.Users.GetValueOrDefault(userId);
        return Task.FromResult(user is null ? new UserSignIn(null, null, null) : SignIn(data, user, user.TenantId));
    }

    public Task<IReadOnlyList<PartnerUser>> ListUsersAsync(string companyId, CancellationToken cancellationToken)
        => List(_data.Users.Values.Where(u => u.CompanyId == companyId).OrderBy(u => u.Id, StringComparer.Ordinal));

    public async Task<CompanyActor> ReadCompanyActorAsync(string userId, string? companyId, CancellationToken cancellationToken)
    {
        var data = _data;
        var user = data.Users.GetValueOrDefault(userId);
        var company = (companyId ?? user?.CompanyId) is { } id ? data.Companies.GetValueOrDefault(id) : null;
        return new CompanyActor(user, company, company is null ? [] : await ListUsersAsync(company.Id, cancellationToken).ConfigureAwait(false));
    }

    public async Task<CompanyRewardsData> ReadCompanyRewardsAsync(string companyId, CancellationToken cancellationToken)
    {
        if (_data.Companies.GetValueOrDefault(companyId) is not { } company)
        {
            return CompanyRewardsData.None;
        }

        return new CompanyRewardsData(
            company,
            await ListPublisherProfilesAsync(companyId, cancellationToken).ConfigureAwait(false),
            await ListOffersAsync(companyId, cancellationToken).ConfigureAwait(false),
            await ListSalesAsync(companyId, cancellationToken).ConfigureAwait(false),
            await ListActivationsAsync(companyId, cancellationToken).ConfigureAwait(false));
    }

    public Task<IReadOnlyList<PublisherProfile>> ListPublisherProfilesAsync(string companyId, CancellationToken cancellationToken)
        => List(_data.Profiles.Values.Where(p => p.CompanyId == companyId).OrderBy(p => p.Id, StringComparer.Ordinal));

    public Task<IReadOnlyList<Offer>> ListOffersAsync(string companyId, CancellationToken cancellationToken)
    {
        var data = _data;
        return List(data.Offers.Values.Where(o => data.Profiles.TryGetValue(o.PublisherProfileId, out var p) && p.CompanyId == companyId).OrderBy(o => o.Id, StringComparer.Ordinal));
    }

    public async Task<IReadOnlyList<BilledSale>> ListSalesAsync(string companyId, CancellationToken cancellationToken)
    {
        var offers = (await ListOffersAsync(companyId, cancellationToken).ConfigureAwait(false)).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        return _data.Sales.Where(s => offers.Contains(s.OfferId)).ToList();
    }

    public Task<MarketingContact?> GetMarketingContactAsync(string companyId, CancellationToken cancellationToken) => Task.FromResult(_data.Contacts.GetValueOrDefault(companyId));

    public Task<CompanyContact> ReadCompanyContactAsync(string companyId, CancellationToken cancellationToken)
    {
        var data = _data;
        var company = data.Companies.GetValueOrDefault(companyId);
        var contact = company is null ? null : data.Contacts.GetValueOrDefault(companyId);
        return Task.FromResult(new CompanyContact(company, contact, contact is null ? null : data.Users.GetValueOrDefault(contact.UserId)));
    }

    public Task<IReadOnlyList<MarketingContactChange>> ListMarketingContactHistoryAsync(string companyId, CancellationToken cancellationToken)
        => List(_data.ContactHistory.Where(c => c.CompanyId == companyId));

    public Task<IReadOnlyList<Activation>> ListActivationsAsync(string companyId, CancellationToken cancellationToken)
        => List(_data.Activations.Where(a => a.CompanyId == companyId));

    public Task<IReadOnlyList<TechnicalHelpRequest>> ListTechnicalHelpRequestsAsync(string companyId, CancellationToken cancellationToken)
        => List(_data.HelpRequests.Where(r => r.CompanyId == companyId));

    public Task<TenantAssociationRequest?> GetTenantAssociationRequestAsync(string requestId, CancellationToken cancellationToken)
        => Task.FromResult(_data.TenantRequests.GetValueOrDefault(requestId));

    public Task<IReadOnlyList<TenantAssociationRequest>> ListTenantAssociationRequestsAsync(string companyId, CancellationToken cancellationToken)
        => List(_data.TenantRequests.Values.Where(r => r.CompanyId == companyId).OrderBy(r => r.RequestedAt));

    public Task<IReadOnlyList<TenantAssociationRequest>> ListPendingTenantAssociationRequestsAsync(string companyId, string tenantId, CancellationToken cancellationToken)
        => List(_data.TenantRequests.Values
            .Where(r => r.CompanyId == companyId && r.TenantId == tenantId && r.State == TenantAssociationState.PendingConfirmation)
            .OrderBy(r => r.RequestedAt));

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string companyId, CancellationToken cancellationToken)
        => List(_data.Audit.Where(a => a.CompanyId == companyId));

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => Task.FromResult(_data.Companies.Count == 0);

    public async Task WriteAsync(Func<IRewardsWriter, CancellationToken, Task> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var draft = _data.Copy();
            await changes(new Writer(draft), cancellationToken).ConfigureAwait(false);
            _data = draft;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();

    private static UserSignIn SignIn(Snapshot data, PartnerUser? user, string tenantId)
        => new(user, data.Tenants.GetValueOrDefault(tenantId), user is null ? null : data.Companies.GetValueOrDefault(user.CompanyId));

    private static Task<IReadOnlyList<T>> List<T>(IEnumerable<T> items) => Task.FromResult<IReadOnlyList<T>>(items.ToList());

    private sealed class Snapshot
    {
        public Dictionary<string, Company> Companies { get; init; } = new(StringComparer.Ordinal);
        public Dictionary<string, EntraTenant> Tenants { get; init; } = new(StringComparer.Ordinal);
        public Dictionary<string, PartnerUser> Users { get; init; } = new(StringComparer.Ordinal);
        public Dictionary<string, PublisherProfile> Profiles { get; init; } = new(StringComparer.Ordinal);
        public Dictionary<string, Offer> Offers { get; init; } = new(StringComparer.Ordinal);
        public List<BilledSale> Sales { get; init; } = [];
        public List<ChatIdentity> ChatIdentities { get; init; } = [];
        public Dictionary<string, MarketingContact> Contacts { get; init; } = new(StringComparer.Ordinal);
        public List<MarketingContactChange> ContactHistory { get; init; } = [];
        public List<Activation> Activations { get; init; } = [];
        public List<TechnicalHelpRequest> HelpRequests { get; init; } = [];
        public Dictionary<string, TenantAssociationRequest> TenantRequests { get; init; } = new(StringComparer.Ordinal);
        public List<AuditEntry> Audit { get; init; } = [];

        // Entities are immutable records, so copying the collections copies the data.
        public Snapshot Copy() => new()
        {
            Companies = new(Companies, StringComparer.Ordinal),
            Tenants = new(Tenants, StringComparer.Ordinal),
            Users = new(Users, StringComparer.Ordinal),
            Profiles = new(Profiles, StringComparer.Ordinal),
            Offers = new(Offers, StringComparer.Ordinal),
            Sales = [.. Sales],
            ChatIdentities = [.. ChatIdentities],
            Contacts = new(Contacts, StringComparer.Ordinal),
            ContactHistory = [.. ContactHistory],
            Activations = [.. Activations],
            HelpRequests = [.. HelpRequests],
            TenantRequests = new(TenantRequests, StringComparer.Ordinal),
            Audit = [.. Audit],
        };
    }

    private sealed class Writer(Snapshot data) : IRewardsWriter
    {
        public Task<Activation?> GetActivationAsync(string companyId, string benefitId, CancellationToken cancellationToken)
            => Task.FromResult(data.Activations.FirstOrDefault(a => a.CompanyId == companyId && a.BenefitId == benefitId));

        public Task<MarketingContact?> GetMarketingContactAsync(string companyId, CancellationToken cancellationToken) => Task.FromResult(data.Contacts.GetValueOrDefault(companyId));

        public Task<EntraTenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken) => Task.FromResult(data.Tenants.GetValueOrDefault(tenantId));

        public Task<TenantAssociationRequest?> GetTenantAssociationRequestAsync(string requestId, CancellationToken cancellationToken)
            => Task.FromResult(data.TenantRequests.GetValueOrDefault(requestId));

        public Task<TechnicalHelpRequest?> GetTechnicalHelpRequestAsync(string requestId, CancellationToken cancellationToken)
            => Task.FromResult(data.HelpRequests.FirstOrDefault(r => r.Id == requestId));

        public Task UpsertCompanyAsync(Company company, CancellationToken cancellationToken) => Done(data.Companies[company.Id] = company);

        public Task UpsertTenantAsync(EntraTenant tenant, CancellationToken cancellationToken) => Done(data.Tenants[tenant.Id] = tenant);

        public Task UpsertUserAsync(PartnerUser user, CancellationToken cancellationToken) => Done(data.Users[user.Id] = user);

        public Task UpsertPublisherProfileAsync(PublisherProfile profile, CancellationToken cancellationToken) => Done(data.Profiles[profile.Id] = profile);

        public Task UpsertOfferAsync(Offer offer, CancellationToken cancellationToken) => Done(data.Offers[offer.Id] = offer);

        public Task AddSaleAsync(BilledSale sale, CancellationToken cancellationToken)
        {
            RequireNewId(data.Sales.Any(s => s.Id == sale.Id), "sale", sale.Id);
            data.Sales.Add(sale);
            return Task.CompletedTask;
        }

        public Task AddChatIdentityAsync(ChatIdentity identity, CancellationToken cancellationToken)
        {
            data.ChatIdentities.RemoveAll(i => i.Channel == identity.Channel && i.ChannelUserId == identity.ChannelUserId);
            data.ChatIdentities.Add(identity);
            return Task.CompletedTask;
        }

        public Task SetMarketingContactAsync(MarketingContact contact, MarketingContactChange change, CancellationToken cancellationToken)
        {
            data.Contacts[contact.CompanyId] = contact;
            data.ContactHistory.Add(change);
            return Task.CompletedTask;
        }

        public Task AddActivationAsync(Activation activation, CancellationToken cancellationToken)
        {
            if (data.Activations.Any(a => a.CompanyId == activation.CompanyId && a.BenefitId == activation.BenefitId))
            {
                throw new InvalidOperationException($"The benefit '{activation.BenefitId}' is already activated for this company; check GetActivationAsync first.");
            }

            RequireNewId(data.Activations.Any(a => a.Id == activation.Id), "activation", activation.Id);
            data.Activations.Add(activation);
            return Task.CompletedTask;
        }

        public Task AddTechnicalHelpRequestAsync(TechnicalHelpRequest request, CancellationToken cancellationToken)
        {
            RequireNewId(data.HelpRequests.Any(r => r.Id == request.Id), "technical help request", request.Id);
            data.HelpRequests.Add(request);
            return Task.CompletedTask;
        }

        public Task SaveTenantAssociationRequestAsync(TenantAssociationRequest request, CancellationToken cancellationToken) => Done(data.TenantRequests[request.Id] = request);

        public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
        {
            data.Audit.Add(entry);
            return Task.CompletedTask;
        }

        private static Task Done(object _) => Task.CompletedTask;

        /// <summary>Like the SQLite store: ids are unique.</summary>
        private static void RequireNewId(bool exists, string what, string id)
        {
            if (exists)
            {
                throw new InvalidOperationException($"A {what} with the id '{id}' already exists; ids must be unique (create a new id for each record).");
            }
        }
    }
}
