using RewardsBot.Dialogs.Conversation;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Services;
using RewardsBot.Rewards.Store;
using RewardsBot.Runtime.Dialogs.Choices;

namespace RewardsBot.Dialogs.Flows;

/// <summary>
/// What the tenant flow reads from the Rewards data besides the diagnosis: who is behind a sign-in the bot does not
/// recognise, the requests a tenant administrator may decide, the tenants an account admin may associate, and names.
/// Reads only; every decision is the <see cref="TenantAssociationService"/>'s.
/// </summary>
public sealed class TenantLookup(IRewardsStore store)
{
    /// <summary>The role a confirmer holds in the tenant being associated.</summary>
    public static IReadOnlyList<PartnerRole> ConfirmerRoles { get; } = [TenantAssociationCodes.ConfirmerRole];

    /// <summary>The Partner Center user behind the sign-in, even when the tenant keeps them from being recognised.</summary>
    public async Task<PartnerUser?> FindUserAsync(RewardsSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var userId = session.User?.Id ?? session.IdentityRefusal?.Fact("userId") ?? session.Claim switch
        {
            DirectLineIdentityClaim directLine => await store.FindUserIdByChatIdentityAsync(ChatIdentityChannels.DirectLine, directLine.UserId, cancellationToken).ConfigureAwait(false),
            EmulatorIdentityClaim emulator => await store.FindUserIdByChatIdentityAsync(ChatIdentityChannels.Emulator, emulator.DemoIdentityId, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        return userId is null ? null : await store.GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Requests waiting for the tenant <paramref name="user"/> administers, oldest first, when they are signed in from
    /// it (the service checks again when they decide). They are found among the requests of the user's own company.
    /// </summary>
    public async Task<IReadOnlyList<TenantAssociationRequest>> RequestsToConfirmAsync(RewardsSession session, PartnerUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(user);
        var signInTenantId = session.Claim is TeamsIdentityClaim teams ? teams.TenantId : user.TenantId;
        if (!RolePolicy.Holds(user, ConfirmerRoles) || signInTenantId != user.TenantId)
        {
            return [];
        }

        // Only the pending ones are read: decided requests accumulate over the company's life.
        var requests = await store.ListPendingTenantAssociationRequestsAsync(user.CompanyId, user.TenantId, cancellationToken).ConfigureAwait(false);
        return [.. requests.OrderBy(r => r.RequestedAt)];
    }

    /// <summary>Tenants the company's active users sign in from that no Partner Center account has yet (value: tenant id; title: its name).</summary>
    public async Task<List<Choice>> CandidateTenantsAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await store.GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
        var users = user is null ? [] : await store.ListUsersAsync(user.CompanyId, cancellationToken).ConfigureAwait(false);
        var candidates = new List<Choice>();
        foreach (var tenantId in users.Where(u => u.Status == UserStatus.Active).Select(u => u.TenantId).Distinct(StringComparer.Ordinal))
        {
            if (await store.GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) is { CompanyId: null } tenant)
            {
                candidates.Add(new Choice(tenant.Id) { Title = tenant.DisplayName });
            }
        }

        return candidates;
    }

    /// <summary>The names of the company's users who administer <paramref name="tenantId"/> and could confirm its association.</summary>
    public async Task<IReadOnlyList<string>> ConfirmerNamesAsync(string companyId, string tenantId, CancellationToken cancellationToken)
        => [.. (await store.ListUsersAsync(companyId, cancellationToken).ConfigureAwait(false))
            .Where(u => u.TenantId == tenantId && RolePolicy.Holds(u, ConfirmerRoles))
            .Select(u => u.Name)
            .Order(StringComparer.Ordinal)];

    public async Task<string> TenantNameAsync(string tenantId, CancellationToken cancellationToken)
        => (await store.GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false))?.DisplayName ?? tenantId;

    public async Task<string> CompanyNameAsync(string companyId, CancellationToken cancellationToken)
        => (await store.GetCompanyAsync(companyId, cancellationToken).ConfigureAwait(false))?.Name ?? companyId;

    public async Task<string> UserNameAsync(string userId, CancellationToken cancellationToken)
        => (await store.GetUserAsync(userId, cancellationToken).ConfigureAwait(false))?.Name ?? userId;
}
