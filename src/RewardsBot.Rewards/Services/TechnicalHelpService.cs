using System.Globalization;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// Technical help requests (presales, design, deployment, application development): the technical benefits are
/// requested here, not activated. A request needs at least one technical benefit available to the company.
/// Refusal codes:
/// <list type="bullet">
/// <item><c>company.unknown</c>, <c>user.unknown</c>, <c>user.departed</c>, <c>user.notInCompany</c>, <c>auth.roleRequired</c>,
/// <c>benefit.notEligible</c>, <c>benefit.listingTypeNotLive</c>, <c>benefit.tierTooLow</c> (why no technical benefit is
/// available, from the one closest to it): see <see cref="RewardsRefusalCodes"/>.</item>
/// <item><c>techHelp.invalidStage</c>: the stage is not one of <see cref="TechnicalStage"/>. Facts <c>stages</c>.</item>
/// <item><c>techHelp.descriptionRequired</c>: the description is empty or blank.</item>
/// <item><c>techHelp.descriptionTooLong</c>: facts <c>maxLength</c>, <c>length</c> (after trimming).</item>
/// </list>
/// </summary>
public sealed class TechnicalHelpService
{
    public const string InvalidStage = "techHelp.invalidStage";
    public const string DescriptionRequired = "techHelp.descriptionRequired";
    public const string DescriptionTooLong = "techHelp.descriptionTooLong";

    /// <summary>The longest description accepted, in characters, after trimming.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>The audit action of a request (the audit keeps its stage and length, not its text).</summary>
    public const string AuditAction = "technicalHelp.request";

    private readonly IRewardsStore _store;
    private readonly TimeProvider _clock;
    private readonly BenefitService _benefits;

    public TechnicalHelpService(IRewardsStore store, BenefitCatalogue catalogue, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        _clock = clock;
        _benefits = new BenefitService(store, catalogue, clock);
    }

    /// <summary>
    /// Why this user could not request technical help whatever the form says (no Rewards role, no technical benefit
    /// open), or null when they may: ask before showing the form.
    /// </summary>
    public async Task<Refusal?> CheckAccessAsync(string actorUserId, string companyId, CancellationToken cancellationToken)
    {
        var access = await RewardsAccess.AuthorizeAsync(_store, actorUserId, companyId, RolePolicy.ManageRewards, cancellationToken).ConfigureAwait(false);
        if (access.Value is null)
        {
            return access.Refusal!;
        }

        var technical = await _benefits.CheckGroupAsync(companyId, BenefitGroup.Technical, cancellationToken).ConfigureAwait(false);
        if (technical.Value is not { } checks)
        {
            return technical.Refusal!;
        }

        if (checks.Count > 0 && !checks.Any(c => c.Status.State == BenefitState.Available))
        {
            // Locks go not eligible → listing type → tier; the latest in that order is the closest to being open.
            var closest = checks.OrderByDescending(c => c.Status.LockReason).First();
            return BenefitStatusRules.LockRefusal(closest.Status, closest.Report);
        }

        return null;
    }

    /// <param name="requestId">
    /// The id to file the request under, chosen by the caller before it asks (so a request sent again — a retry after
    /// a crash — is filed once: the second call returns the first request); a new id when null.
    /// </param>
    public async Task<Outcome<TechnicalHelpRequest>> RequestAsync(
        string actorUserId, string companyId, TechnicalStage stage, string description, CancellationToken cancellationToken, string? requestId = null)
    {
        if (await CheckAccessAsync(actorUserId, companyId, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return Outcome.Refused<TechnicalHelpRequest>(denied);
        }

        var refusal = Validate(stage, description);
        if (refusal is not null)
        {
            return Outcome.Refused<TechnicalHelpRequest>(refusal);
        }

        var request = new TechnicalHelpRequest(requestId ?? NewRequestId(), companyId, actorUserId, stage, description.Trim(), RequestStatus.Submitted, _clock.GetUtcNow());
        await _store.WriteAsync(
            async (writer, ct) =>
            {
                // Read in the transaction, by id: a request filed under this id for this company is the one sent again.
                var filed = requestId is null ? null : await writer.GetTechnicalHelpRequestAsync(requestId, ct).ConfigureAwait(false);
                if (filed is not null && filed.CompanyId == companyId)
                {
                    request = filed;
                    return;
                }

                await writer.AddTechnicalHelpRequestAsync(request, ct).ConfigureAwait(false);
                var audited = new { request.Id, request.Stage, DescriptionLength = request.Description.Length, request.Status };
                await AuditRecorder.RecordAsync(writer, _clock, actorUserId, companyId, AuditAction, null, audited, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return Outcome.Success(request);
    }

    /// <summary>A new request id (<c>th-</c> and 32 hex digits).</summary>
    public static string NewRequestId() => $"th-{Guid.NewGuid():N}";

    /// <summary>The company's requests, newest first.</summary>
    public async Task<Outcome<IReadOnlyList<TechnicalHelpRequest>>> ListAsync(string companyId, CancellationToken cancellationToken)
    {
        var company = await RewardsAccess.FindCompanyAsync(_store, companyId, cancellationToken).ConfigureAwait(false);
        if (company.Value is null)
        {
            return Outcome.Refused<IReadOnlyList<TechnicalHelpRequest>>(company.Refusal!);
        }

        var requests = await _store.ListTechnicalHelpRequestsAsync(companyId, cancellationToken).ConfigureAwait(false);
        return Outcome.Success<IReadOnlyList<TechnicalHelpRequest>>(requests.OrderByDescending(r => r.CreatedAt).ToList());
    }

    private static Refusal? Validate(TechnicalStage stage, string? description)
    {
        if (!Enum.IsDefined(stage))
        {
            return Outcome.Refused<TechnicalHelpRequest>(InvalidStage, ("stages", string.Join(",", Enum.GetNames<TechnicalStage>()))).Refusal;
        }

        var trimmed = description?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return Outcome.Refused<TechnicalHelpRequest>(DescriptionRequired).Refusal;
        }

        return trimmed.Length > MaxDescriptionLength
            ? Outcome.Refused<TechnicalHelpRequest>(
                DescriptionTooLong,
                ("maxLength", MaxDescriptionLength.ToString(CultureInfo.InvariantCulture)),
                ("length", trimmed.Length.ToString(CultureInfo.InvariantCulture))).Refusal
            : null;
    }
}
