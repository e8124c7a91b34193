using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;
using RewardsBot.Rewards.Model;
using static RewardsBot.Rewards.Store.SqliteRewardsValues;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The SELECTs of the Rewards tables and how a row becomes a model record. Each runs as one statement, so it reads one
/// snapshot; with a transaction it also sees that transaction's own changes. Lists are ordered as in
/// <see cref="MemoryRewardsStore"/>: entities by id, logs and requests in the order they were added. The reads of
/// several things at once are in the other part of the class.
/// </summary>
internal static partial class SqliteRewardsQueries
{
    private const string CompanySelect = "SELECT id, name, partner_id, account_email, home_tenant_id FROM rewards_companies";
    private const string TenantSelect = "SELECT id, display_name, company_id FROM rewards_tenants";
    private const string OfferSelect = "SELECT o.id, o.publisher_profile_id, o.name, o.marketplace, o.listing_type, o.state, o.go_live_date, o.owner_user_id FROM rewards_offers o";
    private const string ContactSelect = "SELECT company_id, user_id, email, phone_e164, preferred_language, assigned_at, assigned_by_user_id FROM rewards_marketing_contacts";
    private const string ActivationSelect = "SELECT id, company_id, benefit_id, activated_by_user_id, activated_at, follow_up_due, expires_at FROM rewards_activations";
    private const string TechnicalHelpSelect = "SELECT id, company_id, requested_by_user_id, stage, description, status, created_at FROM rewards_technical_help_requests";
    private const string TenantRequestSelect = "SELECT id, company_id, tenant_id, requested_by_user_id, requested_at, state, decided_by_user_id, decided_at FROM rewards_tenant_association_requests";

    // One row per user and role (LEFT JOIN: a user without roles is one row with a NULL role), in role order.
    private const string UserSelect = """
        SELECT u.id, u.company_id, u.name, u.email, u.tenant_id, u.entra_object_id, u.status, r.role
        FROM rewards_users u LEFT JOIN rewards_user_roles r ON r.user_id = u.id
        """;

    // A company's lists, each with the parameter $company; also run together by ReadCompanyRewardsAsync.
    private const string ProfilesOfCompany = "SELECT id, company_id, name, linked_to_pga FROM rewards_publisher_profiles WHERE company_id = $company ORDER BY id;";
    private const string OffersOfCompany = OfferSelect + " JOIN rewards_publisher_profiles p ON p.id = o.publisher_profile_id WHERE p.company_id = $company ORDER BY o.id;";
    private const string SalesOfCompany = """
        SELECT s.id, s.offer_id, s.amount_usd, s.billed_at, s.fraudulent FROM rewards_sales s
        JOIN rewards_offers o ON o.id = s.offer_id JOIN rewards_publisher_profiles p ON p.id = o.publisher_profile_id
        WHERE p.company_id = $company ORDER BY s.seq;
        """;
    private const string ActivationsOfCompany = ActivationSelect + " WHERE company_id = $company ORDER BY seq;";

    public static Task<Company?> GetCompanyAsync(SqliteConnectionLease c, SqliteTransaction? t, string companyId, CancellationToken ct)
        => SingleOrDefaultAsync(c, t, CompanySelect + " WHERE id = $id;", [("$id", companyId)], ReadCompany, ct);

    public static async Task<IReadOnlyList<Company>> ListCompaniesAsync(SqliteConnectionLease c, CancellationToken ct)
        => await ListAsync(c, null, CompanySelect + " ORDER BY id;", [], ReadCompany, ct).ConfigureAwait(false);

    public static Task<EntraTenant?> GetTenantAsync(SqliteConnectionLease c, SqliteTransaction? t, string tenantId, CancellationToken ct)
        => SingleOrDefaultAsync(c, t, TenantSelect + " WHERE id = $id;", [("$id", tenantId)], ReadTenant, ct);

    public static async Task<IReadOnlyList<EntraTenant>> ListTenantsOfCompanyAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
        => await ListAsync(c, null, TenantSelect + " WHERE company_id = $company ORDER BY id;", [("$company", companyId)], ReadTenant, ct).ConfigureAwait(false);

    public static async Task<PartnerUser?> GetUserAsync(SqliteConnectionLease c, string userId, CancellationToken ct)
        => FirstOrNull(await ListUsersAsync(c, UserSelect + " WHERE u.id = $id ORDER BY r.position;", [("$id", userId)], ct).ConfigureAwait(false));

    public static async Task<PartnerUser?> FindUserByObjectIdAsync(SqliteConnectionLease c, string tenantId, string entraObjectId, CancellationToken ct)
    {
        const string Sql = UserSelect + """
             WHERE u.id = (SELECT id FROM rewards_users WHERE tenant_id = $tenant AND entra_object_id = $object COLLATE NOCASE ORDER BY id LIMIT 1)
             ORDER BY r.position;
            """;
        return FirstOrNull(await ListUsersAsync(c, Sql, [("$tenant", tenantId), ("$object", entraObjectId)], ct).ConfigureAwait(false));
    }

    public static async Task<IReadOnlyList<PartnerUser>> ListUsersOfCompanyAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
        => await ListUsersAsync(c, UserSelect + " WHERE u.company_id = $company ORDER BY u.id, r.position;", [("$company", companyId)], ct).ConfigureAwait(false);

    public static async Task<string?> FindUserIdByChatIdentityAsync(SqliteConnectionLease c, string channel, string channelUserId, CancellationToken ct)
    {
        const string Sql = "SELECT user_id FROM rewards_chat_identities WHERE channel = $channel AND channel_user_id = $user;";
        return FirstOrNull(await ListAsync(c, null, Sql, [("$channel", channel), ("$user", channelUserId)], r => r.GetString(0), ct).ConfigureAwait(false));
    }

    public static async Task<IReadOnlyList<ChatIdentity>> ListChatIdentitiesAsync(SqliteConnectionLease c, string channel, CancellationToken ct)
    {
        const string Sql = "SELECT channel, channel_user_id, user_id FROM rewards_chat_identities WHERE channel = $channel ORDER BY seq;";
        return await ListAsync(c, null, Sql, [("$channel", channel)], r => new ChatIdentity(r.GetString(0), r.GetString(1), r.GetString(2)), ct).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<PublisherProfile>> ListPublisherProfilesAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
        => await ListAsync(c, null, ProfilesOfCompany, [("$company", companyId)], ReadProfile, ct).ConfigureAwait(false);

    public static async Task<IReadOnlyList<Offer>> ListOffersAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
        => await ListAsync(c, null, OffersOfCompany, [("$company", companyId)], ReadOffer, ct).ConfigureAwait(false);

    public static async Task<IReadOnlyList<BilledSale>> ListSalesAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
        => await ListAsync(c, null, SalesOfCompany, [("$company", companyId)], ReadSale, ct).ConfigureAwait(false);

    public static Task<MarketingContact?> GetMarketingContactAsync(SqliteConnectionLease c, SqliteTransaction? t, string companyId, CancellationToken ct)
        => SingleOrDefaultAsync(c, t, ContactSelect + " WHERE company_id = $company;", [("$company", companyId)], ReadContact, ct);

    public static async Task<IReadOnlyList<MarketingContactChange>> ListMarketingContactHistoryAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
    {
        const string Sql = "SELECT company_id, previous_user_id, new_user_id, changed_by_user_id, changed_at FROM rewards_marketing_contact_history WHERE company_id = $company ORDER BY seq;";
        return await ListAsync(c, null, Sql, [("$company", companyId)], r => new MarketingContactChange(r.GetString(0), r.NullableString(1), r.GetString(2), r.GetString(3), r.GetTime(4)), ct).ConfigureAwait(false);
    }

    public static Task<Activation?> GetActivationAsync(SqliteConnectionLease c, SqliteTransaction? t, string companyId, string benefitId, CancellationToken ct)
        => SingleOrDefaultAsync(c, t, ActivationSelect + " WHERE company_id = $company AND benefit_id = $benefit;", [("$company", companyId), ("$benefit", benefitId)], ReadActivation, ct);

    public static async Task<IReadOnlyList<Activation>> ListActivationsAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
        => await ListAsync(c, null, ActivationsOfCompany, [("$company", companyId)], ReadActivation, ct).ConfigureAwait(false);

    public static async Task<IReadOnlyList<TechnicalHelpRequest>> ListTechnicalHelpRequestsAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
        => await ListAsync(c, null, TechnicalHelpSelect + " WHERE company_id = $company ORDER BY seq;", [("$company", companyId)], ReadTechnicalHelpRequest, ct).ConfigureAwait(false);

    public static Task<TenantAssociationRequest?> GetTenantAssociationRequestAsync(SqliteConnectionLease c, SqliteTransaction? t, string requestId, CancellationToken ct)
        => SingleOrDefaultAsync(c, t, TenantRequestSelect + " WHERE id = $id;", [("$id", requestId)], ReadTenantRequest, ct);

    public static Task<TechnicalHelpRequest?> GetTechnicalHelpRequestAsync(SqliteConnectionLease c, SqliteTransaction? t, string requestId, CancellationToken ct)
        => SingleOrDefaultAsync(c, t, TechnicalHelpSelect + " WHERE id = $id;", [("$id", requestId)], ReadTechnicalHelpRequest, ct);

    public static async Task<IReadOnlyList<TenantAssociationRequest>> ListTenantAssociationRequestsAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
        => await ListAsync(c, null, TenantRequestSelect + " WHERE company_id = $company ORDER BY requested_at, seq;", [("$company", companyId)], ReadTenantRequest, ct).ConfigureAwait(false);

    public static async Task<IReadOnlyList<TenantAssociationRequest>> ListPendingTenantAssociationRequestsAsync(SqliteConnectionLease c, string companyId, string tenantId, CancellationToken ct)
    {
        // The state is written out (not a parameter) so that SQLite uses the partial index of pending requests.
        const string Sql = TenantRequestSelect + " WHERE company_id = $company AND tenant_id = $tenant AND state = 'PendingConfirmation' ORDER BY requested_at, seq;";
        return await ListAsync(c, null, Sql, [("$company", companyId), ("$tenant", tenantId)], ReadTenantRequest, ct).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
    {
        const string Sql = "SELECT at, actor_user_id, company_id, action, before, after FROM rewards_audit WHERE company_id = $company ORDER BY id;";
        return await ListAsync(c, null, Sql, [("$company", companyId)], r => new AuditEntry(r.GetTime(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.NullableString(5)), ct).ConfigureAwait(false);
    }

    public static async Task<bool> IsEmptyAsync(SqliteConnectionLease c, CancellationToken ct)
        => (await ListAsync(c, null, "SELECT NOT EXISTS (SELECT 1 FROM rewards_companies);", [], r => r.GetFlag(0), ct).ConfigureAwait(false))[0];

    private static Company ReadCompany(SqliteDataReader r) => ReadCompany(r, 0);

    private static Company ReadCompany(SqliteDataReader r, int at) => new(r.GetString(at), r.GetString(at + 1), r.NullableString(at + 2), r.GetString(at + 3), r.GetString(at + 4));

    private static EntraTenant ReadTenant(SqliteDataReader r) => ReadTenant(r, 0);

    private static EntraTenant ReadTenant(SqliteDataReader r, int at) => new(r.GetString(at), r.GetString(at + 1), r.NullableString(at + 2));

    private static TechnicalHelpRequest ReadTechnicalHelpRequest(SqliteDataReader r)
        => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetEnum<TechnicalStage>(3), r.GetString(4), r.GetEnum<RequestStatus>(5), r.GetTime(6));

    private static PublisherProfile ReadProfile(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFlag(3));

    private static BilledSale ReadSale(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetAmount(2), r.GetTime(3), r.GetFlag(4));

    private static Offer ReadOffer(SqliteDataReader r)
        => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetEnum<Marketplace>(3), r.GetEnum<ListingType>(4), r.GetEnum<OfferState>(5), r.NullableTime(6), r.NullableString(7));

    private static MarketingContact ReadContact(SqliteDataReader r)
        => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetTime(5), r.GetString(6));

    private static Activation ReadActivation(SqliteDataReader r)
        => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetTime(4), r.GetTime(5), r.NullableTime(6));

    private static TenantAssociationRequest ReadTenantRequest(SqliteDataReader r)
        => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetTime(4), r.GetEnum<TenantAssociationState>(5), r.NullableString(6), r.NullableTime(7));

    private static async Task<IReadOnlyList<PartnerUser>> ListUsersAsync(SqliteConnectionLease c, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken ct)
    {
        using var reader = await Command(c, null, sql, parameters).ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await ReadUsersAsync(reader, ct).ConfigureAwait(false);
    }

    /// <summary>Folds the user-and-role rows of a <see cref="UserSelect"/> (consecutive per user) into users with their roles in order.</summary>
    private static async Task<IReadOnlyList<PartnerUser>> ReadUsersAsync(SqliteDataReader reader, CancellationToken ct)
    {
        var rows = await ReadRowsAsync(reader, r => (User: ReadUser(r), Role: r.IsDBNull(7) ? (PartnerRole?)null : r.GetEnum<PartnerRole>(7)), ct).ConfigureAwait(false);
        return rows
            .GroupBy(row => row.User.Id, StringComparer.Ordinal)
            .Select(group => group.First().User with { Roles = group.Where(row => row.Role is not null).Select(row => row.Role!.Value).ToList() })
            .ToList();
    }

    private static PartnerUser ReadUser(SqliteDataReader r)
        => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.NullableString(5), [], r.GetEnum<UserStatus>(6));
}
