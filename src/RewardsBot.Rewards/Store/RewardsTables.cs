namespace RewardsBot.Rewards.Store;

/// <summary>
/// The Rewards tables a cached read depends on, or a write changed (see <see cref="SqliteRewardsReadCache"/>): a commit
/// of this process empties only the answers that read a table it changed.
/// </summary>
[Flags]
internal enum RewardsTables
{
    None = 0,
    Companies = 1 << 0,
    Tenants = 1 << 1,
    Users = 1 << 2,
    UserRoles = 1 << 3,
    PublisherProfiles = 1 << 4,
    Offers = 1 << 5,
    Sales = 1 << 6,
    ChatIdentities = 1 << 7,
    MarketingContacts = 1 << 8,
    MarketingContactHistory = 1 << 9,
    Activations = 1 << 10,
    TechnicalHelpRequests = 1 << 11,
    TenantAssociationRequests = 1 << 12,
    Audit = 1 << 13,

    /// <summary>Every table: what a change to a table this build does not know counts as.</summary>
    All = ~0,
}

/// <summary>Table names to <see cref="RewardsTables"/>.</summary>
internal static class RewardsTableNames
{
    /// <summary>The table that counts changes (<see cref="SqliteRewardsMigrations"/>, version 4); changing it changes no data.</summary>
    public const string Changes = "rewards_changes";

    private static readonly Dictionary<string, RewardsTables> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rewards_companies"] = RewardsTables.Companies,
        ["rewards_tenants"] = RewardsTables.Tenants,
        ["rewards_users"] = RewardsTables.Users,
        ["rewards_user_roles"] = RewardsTables.UserRoles,
        ["rewards_publisher_profiles"] = RewardsTables.PublisherProfiles,
        ["rewards_offers"] = RewardsTables.Offers,
        ["rewards_sales"] = RewardsTables.Sales,
        ["rewards_chat_identities"] = RewardsTables.ChatIdentities,
        ["rewards_marketing_contacts"] = RewardsTables.MarketingContacts,
        ["rewards_marketing_contact_history"] = RewardsTables.MarketingContactHistory,
        ["rewards_activations"] = RewardsTables.Activations,
        ["rewards_technical_help_requests"] = RewardsTables.TechnicalHelpRequests,
        ["rewards_tenant_association_requests"] = RewardsTables.TenantAssociationRequests,
        ["rewards_audit"] = RewardsTables.Audit,
    };

    /// <summary>The data tables by name, as the schema names them.</summary>
    public static IReadOnlyCollection<string> DataTables => ByName.Keys;

    /// <summary>The flag of <paramref name="table"/>; <see cref="RewardsTables.None"/> for the change counter, <see cref="RewardsTables.All"/> for a table not known here.</summary>
    public static RewardsTables Of(string table)
        => string.Equals(table, Changes, StringComparison.OrdinalIgnoreCase) ? RewardsTables.None
            : ByName.TryGetValue(table, out var flag) ? flag : RewardsTables.All;
}
