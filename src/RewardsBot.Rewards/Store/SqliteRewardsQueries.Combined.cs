using RewardsBot.Rewards.Model;
using RewardsBot.Sqlite;
using static RewardsBot.Rewards.Store.SqliteRewardsValues;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// Reads of several things at once, each one command on one connection: a turn's sign-in (one statement joining the
/// user, roles, tenant and company), a user with the company they act for, a company's marketing contact, and its
/// rewards data (several statements, read one result after the other, inside one read transaction so that they see
/// one snapshot of the file). They return what the separate reads would.
/// </summary>
internal static partial class SqliteRewardsQueries
{
    // UserSelect's columns (0-7), then the sign-in tenant (8-10) and the user's company (11-15), all NULL when absent.
    private const string SignInSelect = """
        SELECT u.id, u.company_id, u.name, u.email, u.tenant_id, u.entra_object_id, u.status, r.role,
            t.id, t.display_name, t.company_id, c.id, c.name, c.partner_id, c.account_email, c.home_tenant_id
        """;

    // The user ($user); the company $company, or the user's own when $company is NULL; that company's users.
    private const string CompanyActorSql = UserSelect + " WHERE u.id = $user ORDER BY r.position;"
        + CompanySelect + " WHERE id = coalesce($company, (SELECT company_id FROM rewards_users WHERE id = $user));"
        + UserSelect + " WHERE u.company_id = coalesce($company, (SELECT company_id FROM rewards_users WHERE id = $user)) ORDER BY u.id, r.position;";

    // The company; its contact; the contact's user.
    private const string CompanyContactSql = CompanySelect + " WHERE id = $company;"
        + ContactSelect + " WHERE company_id = $company;"
        + UserSelect + " WHERE u.id = (SELECT user_id FROM rewards_marketing_contacts WHERE company_id = $company) ORDER BY r.position;";

    private const string CompanyRewardsSql = CompanySelect + " WHERE id = $company;" + ProfilesOfCompany + OffersOfCompany + SalesOfCompany + ActivationsOfCompany;

    public static Task<UserSignIn> FindTeamsSignInAsync(SqliteConnectionLease c, string tenantId, string entraObjectId, CancellationToken ct)
    {
        // The tenant is read whether or not a user matches (a constant row joined to it), the user as FindUserByObjectIdAsync.
        const string Sql = SignInSelect + """
             FROM (SELECT $tenant AS id) s
             LEFT JOIN rewards_tenants t ON t.id = s.id
             LEFT JOIN rewards_users u ON u.id = (SELECT id FROM rewards_users WHERE tenant_id = $tenant AND entra_object_id = $object COLLATE NOCASE ORDER BY id LIMIT 1)
             LEFT JOIN rewards_user_roles r ON r.user_id = u.id
             LEFT JOIN rewards_companies c ON c.id = u.company_id
             ORDER BY r.position;
            """;
        return SignInAsync(c, Sql, [("$tenant", tenantId), ("$object", entraObjectId)], ct);
    }

    public static Task<UserSignIn> FindChatSignInAsync(SqliteConnectionLease c, string channel, string channelUserId, CancellationToken ct)
    {
        const string Sql = SignInSelect + """
             FROM rewards_chat_identities i
             JOIN rewards_users u ON u.id = i.user_id
             LEFT JOIN rewards_user_roles r ON r.user_id = u.id
             LEFT JOIN rewards_tenants t ON t.id = u.tenant_id
             LEFT JOIN rewards_companies c ON c.id = u.company_id
             WHERE i.channel = $channel AND i.channel_user_id = $user
             ORDER BY r.position;
            """;
        return SignInAsync(c, Sql, [("$channel", channel), ("$user", channelUserId)], ct);
    }

    public static async Task<CompanyActor> ReadCompanyActorAsync(SqliteConnectionLease c, string userId, string? companyId, CancellationToken ct)
    {
        using var snapshot = c.BeginReadSnapshot();
        using var reader = await Command(c, null, CompanyActorSql, [("$user", userId), ("$company", companyId)]).ExecuteReaderAsync(ct).ConfigureAwait(false);
        var user = FirstOrNull(await ReadUsersAsync(reader, ct).ConfigureAwait(false));
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var company = FirstOrNull(await ReadRowsAsync(reader, ReadCompany, ct).ConfigureAwait(false));
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var users = await ReadUsersAsync(reader, ct).ConfigureAwait(false);
        return new CompanyActor(user, company, company is null ? [] : users);
    }

    public static async Task<CompanyContact> ReadCompanyContactAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
    {
        using var snapshot = c.BeginReadSnapshot();
        using var reader = await Command(c, null, CompanyContactSql, [("$company", companyId)]).ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (FirstOrNull(await ReadRowsAsync(reader, ReadCompany, ct).ConfigureAwait(false)) is not { } company)
        {
            return new CompanyContact(null, null, null);
        }

        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var contact = FirstOrNull(await ReadRowsAsync(reader, ReadContact, ct).ConfigureAwait(false));
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var user = FirstOrNull(await ReadUsersAsync(reader, ct).ConfigureAwait(false));
        return new CompanyContact(company, contact, user);
    }

    public static async Task<CompanyRewardsData> ReadCompanyRewardsAsync(SqliteConnectionLease c, string companyId, CancellationToken ct)
    {
        using var snapshot = c.BeginReadSnapshot();
        using var reader = await Command(c, null, CompanyRewardsSql, [("$company", companyId)]).ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (FirstOrNull(await ReadRowsAsync(reader, ReadCompany, ct).ConfigureAwait(false)) is not { } company)
        {
            return CompanyRewardsData.None;
        }

        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var profiles = await ReadRowsAsync(reader, ReadProfile, ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var offers = await ReadRowsAsync(reader, ReadOffer, ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var sales = await ReadRowsAsync(reader, ReadSale, ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var activations = await ReadRowsAsync(reader, ReadActivation, ct).ConfigureAwait(false);
        return new CompanyRewardsData(company, profiles, offers, sales, activations);
    }

    /// <summary>Reads a <see cref="SignInSelect"/>: tenant, company and user from the first row, one role per row.</summary>
    private static async Task<UserSignIn> SignInAsync(SqliteConnectionLease c, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken ct)
    {
        using var reader = await Command(c, null, sql, parameters).ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return new UserSignIn(null, null, null);
        }

        var tenant = reader.IsDBNull(8) ? null : ReadTenant(reader, 8);
        var company = reader.IsDBNull(11) ? null : ReadCompany(reader, 11);
        if (reader.IsDBNull(0))
        {
            return new UserSignIn(null, tenant, null);
        }

        var user = ReadUser(reader);
        var roles = new List<PartnerRole>();
        do
        {
            if (!reader.IsDBNull(7))
            {
                roles.Add(reader.GetEnum<PartnerRole>(7));
            }
        }
        while (await reader.ReadAsync(ct).ConfigureAwait(false));

        return new UserSignIn(user with { Roles = roles }, tenant, company);
    }
}
