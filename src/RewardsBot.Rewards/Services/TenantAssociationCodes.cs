using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Services;

/// <summary>One reason a user does not see Marketplace Rewards: a stable <see cref="Code"/> and the facts to say.</summary>
public sealed record DiagnosisFinding(string Code, IReadOnlyDictionary<string, string> Facts)
{
    public string? Fact(string name) => Facts.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A tenant association request, and whether it was already waiting (then nothing new was created).</summary>
public sealed record TenantAssociationRequested(TenantAssociationRequest Request, bool AlreadyPending);

/// <summary>Codes of <see cref="TenantAssociationService"/>: diagnosis findings, refusals and portal steps.</summary>
public static class TenantAssociationCodes
{
    // Findings of DiagnoseAsync, in the order they are reported.

    /// <summary>Finding: the user's sign-in tenant is not known at all. Facts: <c>tenantId</c>.</summary>
    public const string TenantUnknown = "tenant.unknown";

    /// <summary>
    /// Finding: the user signs in from a tenant that is not the PGA's home or an associated tenant. Facts: <c>tenantId</c>,
    /// <c>tenantName</c>, <c>companyId</c>, <c>companyName</c>, <c>associatedElsewhere</c> (<c>true</c>: with another
    /// Partner Center account, so it cannot be associated — sign in from the home tenant), <c>requesters</c> (who may
    /// request the association), <c>pendingRequestId</c> (when a request waits). Fix: <see cref="TenantAssociationService.PortalSteps"/>
    /// or <see cref="TenantAssociationService.RequestAsync"/>.
    /// </summary>
    public const string TenantNotAssociated = "tenant.notAssociated";

    /// <summary>Finding: the user has left the company. Facts: <c>userId</c>.</summary>
    public const string UserDeparted = "user.departed";

    /// <summary>Finding: the user holds no role that manages Rewards. Facts: <c>roles</c>, <c>holders</c> (names).</summary>
    public const string NoRewardsRole = "auth.noRewardsRole";

    /// <summary>
    /// Finding: the company is not eligible. Facts: <c>companyName</c>, <c>reasons</c>, comma-separated from
    /// <c>noPartnerId</c> (get a partner ID), <c>noLiveOffer</c> (publish an offer), <c>profileNotLinked</c> (a live
    /// offer exists on a publisher profile not linked to the PGA: link it).
    /// </summary>
    public const string NotEligible = "eligibility.notEligible";

    /// <summary>Finding, alone: nothing blocks; the user should see Rewards.</summary>
    public const string Ok = "ok";

    // Refusals.

    /// <summary>Refusal: no user with this id. Facts: <c>userId</c>.</summary>
    public const string UserUnknown = "user.unknown";

    /// <summary>Refusal: the actor lacks the account admin role (<see cref="RolePolicy.Check"/>). Facts: <c>roles</c>, <c>holders</c>.</summary>
    public const string RoleRequired = "auth.roleRequired";

    /// <summary>Refusal: the tenant is the company's own home tenant. Facts: <c>tenantId</c>.</summary>
    public const string IsHomeTenant = "tenant.isHomeTenant";

    /// <summary>Refusal: the tenant is already associated with this company. Facts: <c>tenantId</c>.</summary>
    public const string AlreadyAssociated = "tenant.alreadyAssociated";

    /// <summary>Refusal: the tenant is associated with another Partner Center account (not named). Facts: <c>tenantId</c>.</summary>
    public const string AssociatedElsewhere = "tenant.associatedElsewhere";

    /// <summary>Refusal: no request with this id. Facts: <c>requestId</c>.</summary>
    public const string RequestNotFound = "tenant.requestNotFound";

    /// <summary>Refusal: the request was already confirmed or declined. Facts: <c>requestId</c>, <c>state</c>.</summary>
    public const string RequestNotPending = "tenant.requestNotPending";

    /// <summary>
    /// Refusal: the confirming identity is not a global admin of the request's tenant signed in from that tenant.
    /// Facts: <c>tenantId</c>, <c>role</c>.
    /// </summary>
    public const string ConfirmerNotAdminOfTenant = "tenant.confirmerNotAdminOfTenant";

    // Portal steps of rule 6, in order.
    public const string StepSignInAsAccountAdmin = "portal.signInAsAccountAdmin";
    public const string StepOpenSettings = "portal.openSettings";
    public const string StepOpenAccountSettings = "portal.openAccountSettings";
    public const string StepOpenTenants = "portal.openTenants";
    public const string StepAssociateAnotherTenant = "portal.associateAnotherTenant";
    public const string StepPickTenant = "portal.pickTenant";
    public const string StepTenantAdminConfirms = "portal.tenantAdminConfirms";
    public const string StepSignOutAndBackIn = "portal.signOutAndBackInWithAssociatedTenant";

    /// <summary>The role a confirmer must hold in the tenant being associated.</summary>
    public const PartnerRole ConfirmerRole = PartnerRole.GlobalAdmin;
}
