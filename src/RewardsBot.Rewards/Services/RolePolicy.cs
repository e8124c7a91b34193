using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Services;

/// <summary>Who may do what (DOMAIN.md, rule 2). Anyone may ask; only these roles may change anything.</summary>
public static class RolePolicy
{
    /// <summary>Managing Rewards (contact, activation, technical help): partner admin or admin agent; global admin accepted (older pages).</summary>
    public static IReadOnlyList<PartnerRole> ManageRewards { get; } = [PartnerRole.PartnerAdmin, PartnerRole.AdminAgent, PartnerRole.GlobalAdmin];

    /// <summary>Associating a tenant with the PGA: account admin or global admin.</summary>
    public static IReadOnlyList<PartnerRole> AssociateTenant { get; } = [PartnerRole.AccountAdmin, PartnerRole.GlobalAdmin];

    public static bool Holds(PartnerUser user, IReadOnlyList<PartnerRole> anyOf)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(anyOf);
        return user.Status == UserStatus.Active && user.Roles.Any(anyOf.Contains);
    }

    /// <summary>
    /// A refusal naming the roles needed and the active users of the company who hold one (names only), or null when
    /// <paramref name="user"/> may act. Code <c>auth.roleRequired</c>, facts <c>roles</c> (comma-separated role names)
    /// and <c>holders</c> (comma-separated names; empty when nobody holds them).
    /// </summary>
    public static Refusal? Check(PartnerUser user, IReadOnlyList<PartnerRole> anyOf, IEnumerable<PartnerUser> companyUsers)
    {
        if (Holds(user, anyOf))
        {
            return null;
        }

        var holders = companyUsers.Where(u => Holds(u, anyOf)).Select(u => u.Name).Order(StringComparer.Ordinal);
        return new Refusal("auth.roleRequired", new Dictionary<string, string>
        {
            ["roles"] = string.Join(",", anyOf),
            ["holders"] = string.Join(", ", holders),
        });
    }
}
