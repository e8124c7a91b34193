using System.Globalization;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// Why a user does not see Marketplace Rewards, and associating another Entra tenant with a company's PGA
/// (DOMAIN.md, rules 2, 6 and 7). The portal asks for a user name and password of the other tenant; here an
/// administrator of that tenant confirms from their own signed-in identity instead, so no method takes credentials.
/// Codes are in <see cref="TenantAssociationCodes"/>:
/// <list type="bullet">
/// <item>Findings of <see cref="DiagnoseAsync"/>: <c>user.departed</c>, <c>tenant.unknown</c>, <c>tenant.notAssociated</c>,
/// <c>auth.noRewardsRole</c>, <c>eligibility.notEligible</c>, or <c>ok</c> alone.</item>
/// <item>Refusals: <c>user.unknown</c>; <c>auth.roleRequired</c> (names the account admin roles and who holds them);
/// <c>tenant.unknown</c>, <c>tenant.isHomeTenant</c>, <c>tenant.alreadyAssociated</c>, <c>tenant.associatedElsewhere</c>
/// (requesting, and confirming when another account took the tenant meanwhile); <c>tenant.requestNotFound</c>,
/// <c>tenant.confirmerNotAdminOfTenant</c>, <c>tenant.requestNotPending</c> (confirming or declining).</item>
/// </list>
/// </summary>
public sealed partial class TenantAssociationService(IRewardsStore store, TimeProvider clock)
{
    private static readonly IReadOnlyList<PartnerRole> ConfirmerRoles = [TenantAssociationCodes.ConfirmerRole];

    /// <summary>The portal steps of rule 6, in order, as codes the dialogs turn into words.</summary>
    public static IReadOnlyList<string> PortalSteps { get; } =
    [
        TenantAssociationCodes.StepSignInAsAccountAdmin,
        TenantAssociationCodes.StepOpenSettings,
        TenantAssociationCodes.StepOpenAccountSettings,
        TenantAssociationCodes.StepOpenTenants,
        TenantAssociationCodes.StepAssociateAnotherTenant,
        TenantAssociationCodes.StepPickTenant,
        TenantAssociationCodes.StepTenantAdminConfirms,
        TenantAssociationCodes.StepSignOutAndBackIn,
    ];

    /// <summary>
    /// Asks to associate <paramref name="tenantId"/> with the actor's company; an administrator of that tenant then
    /// confirms. A request already waiting for the same tenant is returned (<see cref="TenantAssociationRequested.AlreadyPending"/>).
    /// </summary>
    public async Task<Outcome<TenantAssociationRequested>> RequestAsync(string actorUserId, string tenantId, CancellationToken cancellationToken)
    {
        var (actor, actorCompany, users) = await store.ReadCompanyActorAsync(actorUserId, null, cancellationToken).ConfigureAwait(false);
        if (actor is null)
        {
            return Outcome.Refused<TenantAssociationRequested>(TenantAssociationCodes.UserUnknown, ("userId", actorUserId));
        }

        var company = RequireCompany(actor, actorCompany);
        if (RolePolicy.Check(actor, RolePolicy.AssociateTenant, users) is { } refusal)
        {
            return Outcome.Refused<TenantAssociationRequested>(refusal);
        }

        if (string.Equals(tenantId, company.HomeTenantId, StringComparison.Ordinal))
        {
            return Outcome.Refused<TenantAssociationRequested>(TenantAssociationCodes.IsHomeTenant, ("tenantId", tenantId));
        }

        Outcome<TenantAssociationRequested>? result = null;
        await store.WriteAsync(
            async (writer, token) => result = await RequestInTransactionAsync(writer, actor, company, tenantId, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>An administrator of the request's tenant, signed in from it, confirms: the tenant becomes associated.</summary>
    public Task<Outcome<TenantAssociationRequest>> ConfirmAsync(string requestId, ChatIdentityClaim confirmingIdentity, CancellationToken cancellationToken)
        => DecideAsync(requestId, confirmingIdentity, TenantAssociationState.Confirmed, cancellationToken);

    /// <summary>An administrator of the request's tenant, signed in from it, declines: nothing is associated.</summary>
    public Task<Outcome<TenantAssociationRequest>> DeclineAsync(string requestId, ChatIdentityClaim confirmingIdentity, CancellationToken cancellationToken)
        => DecideAsync(requestId, confirmingIdentity, TenantAssociationState.Declined, cancellationToken);

    /// <summary>Request ids count up per company and tenant, so the transaction finds a waiting request by id alone.</summary>
    internal static string RequestId(string companyId, string tenantId, int attempt)
        => string.Create(CultureInfo.InvariantCulture, $"tar:{companyId}:{tenantId}:{attempt}");

    private async Task<Outcome<TenantAssociationRequested>> RequestInTransactionAsync(
        IRewardsWriter writer, PartnerUser actor, Company company, string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await writer.GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return Outcome.Refused<TenantAssociationRequested>(TenantAssociationCodes.TenantUnknown, ("tenantId", tenantId));
        }

        if (tenant.CompanyId is not null)
        {
            var code = tenant.CompanyId == company.Id ? TenantAssociationCodes.AlreadyAssociated : TenantAssociationCodes.AssociatedElsewhere;
            return Outcome.Refused<TenantAssociationRequested>(code, ("tenantId", tenantId));
        }

        for (var attempt = 1; ; attempt++)
        {
            var id = RequestId(company.Id, tenantId, attempt);
            var existing = await writer.GetTenantAssociationRequestAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing?.State == TenantAssociationState.PendingConfirmation)
            {
                return Outcome.Success(new TenantAssociationRequested(existing, AlreadyPending: true));
            }

            if (existing is null)
            {
                var request = new TenantAssociationRequest(
                    id, company.Id, tenantId, actor.Id, clock.GetUtcNow(), TenantAssociationState.PendingConfirmation, DecidedByUserId: null, DecidedAt: null);
                await writer.SaveTenantAssociationRequestAsync(request, cancellationToken).ConfigureAwait(false);
                await AuditRecorder.RecordAsync(writer, clock, actor.Id, company.Id, "tenant.associationRequested", before: null, request, cancellationToken).ConfigureAwait(false);
                return Outcome.Success(new TenantAssociationRequested(request, AlreadyPending: false));
            }
        }
    }

    private async Task<Outcome<TenantAssociationRequest>> DecideAsync(
        string requestId, ChatIdentityClaim confirmingIdentity, TenantAssociationState decision, CancellationToken cancellationToken)
    {
        var confirmer = (await IdentityLookup.FindAsync(store, confirmingIdentity, cancellationToken).ConfigureAwait(false)).User;
        Outcome<TenantAssociationRequest>? result = null;
        await store.WriteAsync(
            async (writer, token) => result = await DecideInTransactionAsync(writer, requestId, confirmer, decision, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    private async Task<Outcome<TenantAssociationRequest>> DecideInTransactionAsync(
        IRewardsWriter writer, string requestId, PartnerUser? confirmer, TenantAssociationState decision, CancellationToken cancellationToken)
    {
        var request = await writer.GetTenantAssociationRequestAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return Outcome.Refused<TenantAssociationRequest>(TenantAssociationCodes.RequestNotFound, ("requestId", requestId));
        }

        // The confirmer's tenant comes from their own sign-in (Teams: the activity's tenant; Direct Line: the bound user).
        if (confirmer is null || confirmer.TenantId != request.TenantId || !RolePolicy.Holds(confirmer, ConfirmerRoles))
        {
            return Outcome.Refused<TenantAssociationRequest>(
                TenantAssociationCodes.ConfirmerNotAdminOfTenant, ("tenantId", request.TenantId), ("role", TenantAssociationCodes.ConfirmerRole.ToString()));
        }

        if (request.State != TenantAssociationState.PendingConfirmation)
        {
            return Outcome.Refused<TenantAssociationRequest>(TenantAssociationCodes.RequestNotPending, ("requestId", requestId), ("state", request.State.ToString()));
        }

        var tenant = await writer.GetTenantAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return Outcome.Refused<TenantAssociationRequest>(TenantAssociationCodes.TenantUnknown, ("tenantId", request.TenantId));
        }

        if (decision == TenantAssociationState.Confirmed && tenant.CompanyId is not null && tenant.CompanyId != request.CompanyId)
        {
            return Outcome.Refused<TenantAssociationRequest>(TenantAssociationCodes.AssociatedElsewhere, ("tenantId", request.TenantId));
        }

        var decided = request with { State = decision, DecidedByUserId = confirmer.Id, DecidedAt = clock.GetUtcNow() };
        await writer.SaveTenantAssociationRequestAsync(decided, cancellationToken).ConfigureAwait(false);
        var associated = decision == TenantAssociationState.Confirmed ? tenant with { CompanyId = request.CompanyId } : tenant;
        if (decision == TenantAssociationState.Confirmed)
        {
            await writer.UpsertTenantAsync(associated, cancellationToken).ConfigureAwait(false);
        }

        var action = decision == TenantAssociationState.Confirmed ? "tenant.associationConfirmed" : "tenant.associationDeclined";
        await AuditRecorder.RecordAsync(
            writer, clock, confirmer.Id, request.CompanyId, action, new { request, tenant }, new { request = decided, tenant = associated }, cancellationToken).ConfigureAwait(false);
        return Outcome.Success(decided);
    }

    private static Company RequireCompany(PartnerUser user, Company? company)
        => company
            ?? throw new InvalidOperationException($"User '{user.Id}' belongs to company '{user.CompanyId}', which is not in the store; add the company or fix the user's CompanyId.");
}
