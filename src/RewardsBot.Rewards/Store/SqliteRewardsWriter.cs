using Microsoft.Data.Sqlite;
using RewardsBot.Rewards.Model;
using RewardsBot.Sqlite;
using static RewardsBot.Rewards.Store.SqliteRewardsValues;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The changes of one <see cref="SqliteRewardsStore.WriteAsync"/> call, on its connection and <c>BEGIN IMMEDIATE</c>
/// transaction: its reads see its own changes. Valid only until that call returns.
/// </summary>
internal sealed class SqliteRewardsWriter(SqliteConnectionLease lease, SqliteTransaction transaction) : IRewardsWriter
{
    private const string UpsertCompanySql = """
        INSERT INTO rewards_companies (id, name, partner_id, account_email, home_tenant_id) VALUES ($id, $name, $partner, $email, $home)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, partner_id = excluded.partner_id, account_email = excluded.account_email, home_tenant_id = excluded.home_tenant_id;
        """;

    private const string UpsertTenantSql = """
        INSERT INTO rewards_tenants (id, display_name, company_id) VALUES ($id, $name, $company)
        ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, company_id = excluded.company_id;
        """;

    private const string UpsertUserSql = """
        INSERT INTO rewards_users (id, company_id, name, email, tenant_id, entra_object_id, status) VALUES ($id, $company, $name, $email, $tenant, $object, $status)
        ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, name = excluded.name, email = excluded.email,
            tenant_id = excluded.tenant_id, entra_object_id = excluded.entra_object_id, status = excluded.status;
        DELETE FROM rewards_user_roles WHERE user_id = $id;
        """;

    private const string UpsertProfileSql = """
        INSERT INTO rewards_publisher_profiles (id, company_id, name, linked_to_pga) VALUES ($id, $company, $name, $linked)
        ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, name = excluded.name, linked_to_pga = excluded.linked_to_pga;
        """;

    private const string UpsertOfferSql = """
        INSERT INTO rewards_offers (id, publisher_profile_id, name, marketplace, listing_type, state, go_live_date, owner_user_id)
        VALUES ($id, $profile, $name, $marketplace, $listing, $state, $live, $owner)
        ON CONFLICT (id) DO UPDATE SET publisher_profile_id = excluded.publisher_profile_id, name = excluded.name, marketplace = excluded.marketplace,
            listing_type = excluded.listing_type, state = excluded.state, go_live_date = excluded.go_live_date, owner_user_id = excluded.owner_user_id;
        """;

    private const string SetContactSql = """
        INSERT INTO rewards_marketing_contacts (company_id, user_id, email, phone_e164, preferred_language, assigned_at, assigned_by_user_id)
        VALUES ($company, $user, $email, $phone, $language, $at, $by)
        ON CONFLICT (company_id) DO UPDATE SET user_id = excluded.user_id, email = excluded.email, phone_e164 = excluded.phone_e164,
            preferred_language = excluded.preferred_language, assigned_at = excluded.assigned_at, assigned_by_user_id = excluded.assigned_by_user_id;
        """;

    private const string SaveTenantRequestSql = """
        INSERT INTO rewards_tenant_association_requests (id, company_id, tenant_id, requested_by_user_id, requested_at, state, decided_by_user_id, decided_at)
        VALUES ($id, $company, $tenant, $by, $at, $state, $decidedBy, $decidedAt)
        ON CONFLICT (id) DO UPDATE SET company_id = excluded.company_id, tenant_id = excluded.tenant_id, requested_by_user_id = excluded.requested_by_user_id,
            requested_at = excluded.requested_at, state = excluded.state, decided_by_user_id = excluded.decided_by_user_id, decided_at = excluded.decided_at;
        """;

    private bool _closed;

    public Task<Activation?> GetActivationAsync(string companyId, string benefitId, CancellationToken cancellationToken)
        => SqliteRewardsQueries.GetActivationAsync(Connection, transaction, companyId, benefitId, cancellationToken);

    public Task<MarketingContact?> GetMarketingContactAsync(string companyId, CancellationToken cancellationToken)
        => SqliteRewardsQueries.GetMarketingContactAsync(Connection, transaction, companyId, cancellationToken);

    public Task<EntraTenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
        => SqliteRewardsQueries.GetTenantAsync(Connection, transaction, tenantId, cancellationToken);

    public Task<TenantAssociationRequest?> GetTenantAssociationRequestAsync(string requestId, CancellationToken cancellationToken)
        => SqliteRewardsQueries.GetTenantAssociationRequestAsync(Connection, transaction, requestId, cancellationToken);

    public Task<TechnicalHelpRequest?> GetTechnicalHelpRequestAsync(string requestId, CancellationToken cancellationToken)
        => SqliteRewardsQueries.GetTechnicalHelpRequestAsync(Connection, transaction, requestId, cancellationToken);

    public Task UpsertCompanyAsync(Company company, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        return Execute(UpsertCompanySql, [("$id", company.Id), ("$name", company.Name), ("$partner", company.PartnerId), ("$email", company.AccountEmail), ("$home", company.HomeTenantId)], cancellationToken);
    }

    public Task UpsertTenantAsync(EntraTenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return Execute(UpsertTenantSql, [("$id", tenant.Id), ("$name", tenant.DisplayName), ("$company", tenant.CompanyId)], cancellationToken);
    }

    public async Task UpsertUserAsync(PartnerUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await Execute(
            UpsertUserSql,
            [("$id", user.Id), ("$company", user.CompanyId), ("$name", user.Name), ("$email", user.Email), ("$tenant", user.TenantId), ("$object", user.EntraObjectId), ("$status", user.Status)],
            cancellationToken).ConfigureAwait(false);
        for (var position = 0; position < user.Roles.Count; position++)
        {
            const string Sql = "INSERT INTO rewards_user_roles (user_id, position, role) VALUES ($user, $position, $role);";
            await Execute(Sql, [("$user", user.Id), ("$position", position), ("$role", user.Roles[position])], cancellationToken).ConfigureAwait(false);
        }
    }

    public Task UpsertPublisherProfileAsync(PublisherProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Execute(UpsertProfileSql, [("$id", profile.Id), ("$company", profile.CompanyId), ("$name", profile.Name), ("$linked", profile.LinkedToPga)], cancellationToken);
    }

    public Task UpsertOfferAsync(Offer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return Execute(
            UpsertOfferSql,
            [("$id", offer.Id), ("$profile", offer.PublisherProfileId), ("$name", offer.Name), ("$marketplace", offer.Marketplace), ("$listing", offer.ListingType), ("$state", offer.State), ("$live", offer.GoLiveDate), ("$owner", offer.OwnerUserId)],
            cancellationToken);
    }

    public Task AddSaleAsync(BilledSale sale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        const string Sql = "INSERT INTO rewards_sales (id, offer_id, amount_usd, billed_at, fraudulent) VALUES ($id, $offer, $amount, $at, $fraudulent);";
        return Insert(Sql, [("$id", sale.Id), ("$offer", sale.OfferId), ("$amount", sale.AmountUsd), ("$at", sale.BilledAt), ("$fraudulent", sale.Fraudulent)], "sale", sale.Id, cancellationToken);
    }

    public async Task AddChatIdentityAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        // Delete then insert: the replaced binding moves to the end of the list, as in MemoryRewardsStore.
        const string Sql = """
            DELETE FROM rewards_chat_identities WHERE channel = $channel AND channel_user_id = $user;
            INSERT INTO rewards_chat_identities (channel, channel_user_id, user_id) VALUES ($channel, $user, $userId);
            """;
        await Execute(Sql, [("$channel", identity.Channel), ("$user", identity.ChannelUserId), ("$userId", identity.UserId)], cancellationToken).ConfigureAwait(false);
    }

    public async Task SetMarketingContactAsync(MarketingContact contact, MarketingContactChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(change);
        await Execute(
            SetContactSql,
            [("$company", contact.CompanyId), ("$user", contact.UserId), ("$email", contact.Email), ("$phone", contact.PhoneE164), ("$language", contact.PreferredLanguage), ("$at", contact.AssignedAt), ("$by", contact.AssignedByUserId)],
            cancellationToken).ConfigureAwait(false);
        const string History = "INSERT INTO rewards_marketing_contact_history (company_id, previous_user_id, new_user_id, changed_by_user_id, changed_at) VALUES ($company, $previous, $new, $by, $at);";
        await Execute(History, [("$company", change.CompanyId), ("$previous", change.PreviousUserId), ("$new", change.NewUserId), ("$by", change.ChangedByUserId), ("$at", change.ChangedAt)], cancellationToken).ConfigureAwait(false);
    }

    public async Task AddActivationAsync(Activation activation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activation);
        const string Sql = """
            INSERT INTO rewards_activations (id, company_id, benefit_id, activated_by_user_id, activated_at, follow_up_due, expires_at)
            VALUES ($id, $company, $benefit, $by, $at, $due, $expires);
            """;
        try
        {
            await Execute(
                Sql,
                [("$id", activation.Id), ("$company", activation.CompanyId), ("$benefit", activation.BenefitId), ("$by", activation.ActivatedByUserId), ("$at", activation.ActivatedAt), ("$due", activation.FollowUpDue), ("$expires", activation.ExpiresAt)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            // The failed statement alone is undone; the transaction goes on if the caller catches this.
            var sameBenefit = await GetActivationAsync(activation.CompanyId, activation.BenefitId, cancellationToken).ConfigureAwait(false);
            throw sameBenefit is not null
                ? new InvalidOperationException($"The benefit '{activation.BenefitId}' is already activated for this company; check GetActivationAsync first.", ex)
                : Duplicate("activation", activation.Id, ex);
        }
    }

    public Task AddTechnicalHelpRequestAsync(TechnicalHelpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string Sql = """
            INSERT INTO rewards_technical_help_requests (id, company_id, requested_by_user_id, stage, description, status, created_at)
            VALUES ($id, $company, $by, $stage, $description, $status, $at);
            """;
        return Insert(
            Sql,
            [("$id", request.Id), ("$company", request.CompanyId), ("$by", request.RequestedByUserId), ("$stage", request.Stage), ("$description", request.Description), ("$status", request.Status), ("$at", request.CreatedAt)],
            "technical help request", request.Id, cancellationToken);
    }

    public Task SaveTenantAssociationRequestAsync(TenantAssociationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Execute(
            SaveTenantRequestSql,
            [("$id", request.Id), ("$company", request.CompanyId), ("$tenant", request.TenantId), ("$by", request.RequestedByUserId), ("$at", request.RequestedAt), ("$state", request.State), ("$decidedBy", request.DecidedByUserId), ("$decidedAt", request.DecidedAt)],
            cancellationToken);
    }

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        const string Sql = "INSERT INTO rewards_audit (at, actor_user_id, company_id, action, before, after) VALUES ($at, $actor, $company, $action, $before, $after);";
        return Execute(Sql, [("$at", entry.At), ("$actor", entry.ActorUserId), ("$company", entry.CompanyId), ("$action", entry.Action), ("$before", entry.Before), ("$after", entry.After)], cancellationToken);
    }

    /// <summary>Called when the write ends (committed or not): the writer cannot be used past its transaction.</summary>
    public void Close() => _closed = true;

    private SqliteConnectionLease Connection => _closed
        ? throw new InvalidOperationException("This IRewardsWriter belongs to a WriteAsync call that has ended. Make every change inside the delegate passed to WriteAsync, and await each call before it returns.")
        : lease;

    private async Task Execute(string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
        => await ExecuteAsync(Connection, transaction, sql, parameters, cancellationToken).ConfigureAwait(false);

    private async Task Insert(string sql, IReadOnlyList<(string Name, object? Value)> parameters, string what, string id, CancellationToken cancellationToken)
    {
        try
        {
            await Execute(sql, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            throw Duplicate(what, id, ex);
        }
    }

    private static InvalidOperationException Duplicate(string what, string id, SqliteException inner)
        => new($"A {what} with id '{id}' already exists; ids are unique. Give each new {what} a new id (for example a GUID).", inner);
}
