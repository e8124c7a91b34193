using System.Globalization;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>An activation, and whether it already existed (a second request changes nothing).</summary>
public sealed record ActivationResult(Activation Activation, bool AlreadyActive)
{
    public DateTimeOffset FollowUpDue => Activation.FollowUpDue;
}

/// <summary>
/// Activates sales and marketing benefits (DOMAIN.md, rule 4): the Rewards team contacts the marketing contact within
/// <see cref="FollowUpDelay"/>. Activating twice returns the first activation with <see cref="ActivationResult.AlreadyActive"/>.
/// Refusal codes:
/// <list type="bullet">
/// <item><c>company.unknown</c>, <c>user.unknown</c>, <c>user.departed</c>, <c>user.notInCompany</c>, <c>auth.roleRequired</c>,
/// <c>benefit.unknown</c>, <c>benefit.notEligible</c>, <c>benefit.listingTypeNotLive</c>, <c>benefit.tierTooLow</c>:
/// see <see cref="RewardsRefusalCodes"/>.</item>
/// <item><c>activation.technicalBenefit</c>: technical benefits are requested through technical help, not activated.
/// Facts <c>benefitId</c>, <c>next</c> = <c>technicalHelp</c>.</item>
/// <item><c>activation.needsMarketingContact</c>: assign a marketing contact first, then activation resumes. Facts
/// <c>benefitId</c>, <c>reason</c> = <c>none</c> (never assigned) or <c>contactInactive</c> (the contact has left).</item>
/// <item><c>activation.expired</c>: a one-time benefit already used and past its expiry. Facts <c>benefitId</c>,
/// <c>expiredAt</c> (ISO 8601).</item>
/// </list>
/// </summary>
public sealed class ActivationService
{
    public const string TechnicalBenefit = "activation.technicalBenefit";
    public const string NeedsMarketingContact = "activation.needsMarketingContact";
    public const string Expired = "activation.expired";

    /// <summary>The audit action of an activation.</summary>
    public const string AuditAction = "benefit.activate";

    private readonly IRewardsStore _store;
    private readonly BenefitCatalogue _catalogue;
    private readonly TimeProvider _clock;
    private readonly BenefitService _benefits;

    public ActivationService(IRewardsStore store, BenefitCatalogue catalogue, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        _catalogue = catalogue;
        _clock = clock;
        _benefits = new BenefitService(store, catalogue, clock);
    }

    /// <summary>The time within which the Rewards team contacts the marketing contact after an activation.</summary>
    public static TimeSpan FollowUpDelay { get; } = TimeSpan.FromDays(7);

    public async Task<Outcome<ActivationResult>> ActivateAsync(string actorUserId, string companyId, string benefitId, CancellationToken cancellationToken)
    {
        var access = await RewardsAccess.AuthorizeAsync(_store, actorUserId, companyId, RolePolicy.ManageRewards, cancellationToken).ConfigureAwait(false);
        if (access.Value is not { } actor)
        {
            return Outcome.Refused<ActivationResult>(access.Refusal!);
        }

        var benefit = _catalogue.Find(benefitId);
        if (benefit is null)
        {
            return Outcome.Refused<ActivationResult>(RewardsRefusalCodes.BenefitUnknown, ("benefitId", benefitId));
        }

        if (benefit.Group == BenefitGroup.Technical)
        {
            return Outcome.Refused<ActivationResult>(TechnicalBenefit, ("benefitId", benefit.Id), ("next", "technicalHelp"));
        }

        var check = await _benefits.CheckAsync(companyId, benefit.Id, cancellationToken).ConfigureAwait(false);
        if (check.Value is not { } current)
        {
            return Outcome.Refused<ActivationResult>(check.Refusal!);
        }

        if (current.Status.State == BenefitState.Locked)
        {
            return Outcome.Refused<ActivationResult>(BenefitStatusRules.LockRefusal(current.Status, current.Report));
        }

        // Available, activated or expired: the existing row decides, read and written in one transaction.
        Outcome<ActivationResult>? result = null;
        await _store.WriteAsync(
            async (writer, ct) => result = await ActivateOnceAsync(writer, actor, benefit, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>The benefit's state for the company (available, locked and why, activated with its follow-up date, expired).</summary>
    public Task<Outcome<BenefitStatus>> GetStatusAsync(string companyId, string benefitId, CancellationToken cancellationToken)
        => _benefits.GetAsync(companyId, benefitId, cancellationToken);

    private async Task<Outcome<ActivationResult>> ActivateOnceAsync(IRewardsWriter writer, RewardsActor actor, BenefitDefinition benefit, CancellationToken cancellationToken)
    {
        var companyId = actor.Company.Id;
        var now = _clock.GetUtcNow();
        var existing = await writer.GetActivationAsync(companyId, benefit.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.ExpiresAt is { } expiresAt && now >= expiresAt
                ? Outcome.Refused<ActivationResult>(Expired, ("benefitId", benefit.Id), ("expiredAt", expiresAt.ToString("O", CultureInfo.InvariantCulture)))
                : Outcome.Success(new ActivationResult(existing, AlreadyActive: true));
        }

        var contact = await writer.GetMarketingContactAsync(companyId, cancellationToken).ConfigureAwait(false);
        if (contact is null || !actor.CompanyUsers.Any(u => u.Id == contact.UserId && u.Status == UserStatus.Active))
        {
            return Outcome.Refused<ActivationResult>(NeedsMarketingContact, ("benefitId", benefit.Id), ("reason", contact is null ? "none" : "contactInactive"));
        }

        var activation = new Activation(
            $"act-{Guid.NewGuid():N}",
            companyId,
            benefit.Id,
            actor.User.Id,
            now,
            now + FollowUpDelay,
            benefit.ExpiryFrom(now));
        await writer.AddActivationAsync(activation, cancellationToken).ConfigureAwait(false);
        await AuditRecorder.RecordAsync(writer, _clock, actor.User.Id, companyId, AuditAction, null, activation, cancellationToken).ConfigureAwait(false);
        return Outcome.Success(new ActivationResult(activation, AlreadyActive: false));
    }
}
