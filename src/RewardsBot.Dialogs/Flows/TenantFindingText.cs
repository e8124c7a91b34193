using RewardsBot.Dialogs.Content;
using RewardsBot.Rewards.Services;
using RewardsBot.Runtime.Builder;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// The findings of <see cref="TenantAssociationService.DiagnoseAsync"/> in the chat's words (texts
/// <c>tenant.finding.&lt;code&gt;</c>), one paragraph each, with who may associate a tenant and whether a request waits.
/// </summary>
public static class TenantFindingText
{
    private const string Prefix = "tenant.finding.";

    /// <summary>The paragraphs explaining <paramref name="finding"/>.</summary>
    public static IReadOnlyList<string> Describe(ITurnContext turnContext, DiagnosisFinding finding)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Code switch
        {
            TenantAssociationCodes.TenantNotAssociated => NotAssociated(turnContext, finding),
            TenantAssociationCodes.TenantUnknown => [UnknownTenant(turnContext, finding.Fact("tenantId") ?? string.Empty)],
            TenantAssociationCodes.NoRewardsRole => [turnContext.Say(
                Prefix + finding.Code,
                ("roles", Roles(turnContext, finding.Fact("roles"))),
                ("holders", Names(turnContext, finding.Fact("holders"))))],
            TenantAssociationCodes.NotEligible => [turnContext.Say(
                Prefix + finding.Code,
                ("companyName", finding.Fact("companyName")),
                ("reasons", turnContext.JoinAnd(Split(finding.Fact("reasons")).Select(code => RefusalText.Reason(turnContext, code)).ToList())))],
            _ => [turnContext.Say(Prefix + finding.Code)], // user.departed, ok: nothing to fill in.
        };
    }

    /// <summary>A Teams tenant no Partner Center account uses.</summary>
    public static string UnknownTenant(ITurnContext turnContext, string tenantId)
        => turnContext.Say(Prefix + TenantAssociationCodes.TenantUnknown, ("tenantId", tenantId));

    /// <summary>A known tenant, associated with no account, and a user the data does not know (Teams).</summary>
    public static string NotAssociatedWithoutUser(ITurnContext turnContext, string tenantName)
        => turnContext.Say(Prefix + "tenant.notAssociatedNoUser", ("tenantName", tenantName));

    /// <summary>True when the finding is fixed by associating a tenant (so the portal steps apply).</summary>
    public static bool IsFixedByAssociation(DiagnosisFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Code == TenantAssociationCodes.TenantUnknown
            || (finding.Code == TenantAssociationCodes.TenantNotAssociated && !AssociatedElsewhere(finding));
    }

    public static bool AssociatedElsewhere(DiagnosisFinding finding)
        => string.Equals(finding?.Fact("associatedElsewhere"), "true", StringComparison.Ordinal);

    /// <summary>Role names (comma-separated enum names) as the chat language lists alternatives.</summary>
    public static string Roles(ITurnContext turnContext, string? roles)
        => turnContext.JoinOr(Split(roles).Select(role => RefusalText.Role(turnContext, role)).ToList());

    /// <summary>The roles that may associate a tenant, in words.</summary>
    public static string AssociateTenantRoles(ITurnContext turnContext)
        => Roles(turnContext, string.Join(",", RolePolicy.AssociateTenant));

    private static List<string> NotAssociated(ITurnContext turnContext, DiagnosisFinding finding)
    {
        var tenantName = ("tenantName", (object?)finding.Fact("tenantName"));
        var paragraphs = new List<string>
        {
            turnContext.Say(Prefix + TenantAssociationCodes.TenantNotAssociated, tenantName, ("companyName", finding.Fact("companyName"))),
        };
        if (AssociatedElsewhere(finding))
        {
            paragraphs.Add(turnContext.Say(Prefix + "associatedElsewhere", tenantName));
            return paragraphs;
        }

        paragraphs.Add(finding.Fact("pendingRequestId") is null
            ? turnContext.Say(Prefix + "requesters", ("roles", AssociateTenantRoles(turnContext)), ("requesters", Names(turnContext, finding.Fact("requesters"))))
            : turnContext.Say(Prefix + "pending", tenantName));
        return paragraphs;
    }

    private static string Names(ITurnContext turnContext, string? names)
        => string.IsNullOrEmpty(names) ? turnContext.Say("common.nobodyYet") : names;

    private static string[] Split(string? value)
        => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
