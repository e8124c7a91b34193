using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;
using RewardsBot.Rewards.Store;

namespace RewardsBot.Rewards.Services;

/// <summary>
/// The company's marketing contact, their name and whether they are still an active user. (The history of changes,
/// which only grows, is read apart: <see cref="MarketingContactService.ListHistoryAsync"/>.)
/// </summary>
public sealed record MarketingContactInfo(MarketingContact? Contact, string? ContactName, bool ContactActive);

/// <summary>
/// The company marketing contact (DOMAIN.md, rule 3): who it is, who may become it, and assigning it.
/// Refusal codes:
/// <list type="bullet">
/// <item><c>company.unknown</c>, <c>user.unknown</c>, <c>user.departed</c>, <c>user.notInCompany</c>, <c>auth.roleRequired</c>: see <see cref="RewardsRefusalCodes"/>.</item>
/// <item><c>contact.userNotInCompany</c>: the chosen person is not an active user of the company's Partner Center account.
/// Facts <c>contactUserId</c>, <c>fix</c> = <c>fix.addUserInAccountSettings</c> (add them in Account settings → users first).</item>
/// <item><c>contact.invalidEmail</c>: the email is not one plain address.</item>
/// <item><c>contact.emailSameAsAccount</c>: the email is the company's Partner Center account email (any case); give another.</item>
/// <item><c>contact.invalidPhone</c>: not E.164. Facts <c>example</c>.</item>
/// <item><c>contact.unsupportedLanguage</c>: facts <c>language</c> (as given), <c>supported</c> (comma-separated culture names).</item>
/// </list>
/// </summary>
public sealed class MarketingContactService
{
    public const string UserNotInCompany = "contact.userNotInCompany";
    public const string InvalidEmail = "contact.invalidEmail";
    public const string EmailSameAsAccount = "contact.emailSameAsAccount";
    public const string InvalidPhone = "contact.invalidPhone";
    public const string UnsupportedLanguage = "contact.unsupportedLanguage";
    public const string FixAddUserInAccountSettings = "fix.addUserInAccountSettings";

    /// <summary>The audit action of an assignment.</summary>
    public const string AuditAction = "marketingContact.assign";

    private readonly IRewardsStore _store;
    private readonly BenefitCatalogue _catalogue;
    private readonly TimeProvider _clock;

    public MarketingContactService(IRewardsStore store, BenefitCatalogue catalogue, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        _catalogue = catalogue;
        _clock = clock;
    }

    public async Task<Outcome<MarketingContactInfo>> GetAsync(string companyId, CancellationToken cancellationToken)
    {
        var (company, contact, user) = await _store.ReadCompanyContactAsync(companyId, cancellationToken).ConfigureAwait(false);
        if (company is null)
        {
            return RewardsAccess.UnknownCompany<MarketingContactInfo>(companyId);
        }

        var active = user is { Status: UserStatus.Active } && user.CompanyId == companyId;
        return Outcome.Success(new MarketingContactInfo(contact, user?.Name, active));
    }

    /// <summary>Every change of the company's marketing contact, oldest first (user ids, who changed it, when).</summary>
    public async Task<Outcome<IReadOnlyList<MarketingContactChange>>> ListHistoryAsync(string companyId, CancellationToken cancellationToken)
    {
        var company = await RewardsAccess.FindCompanyAsync(_store, companyId, cancellationToken).ConfigureAwait(false);
        return company.Value is null
            ? Outcome.Refused<IReadOnlyList<MarketingContactChange>>(company.Refusal!)
            : Outcome.Success(await _store.ListMarketingContactHistoryAsync(companyId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The people who may become the marketing contact: the company's active Partner Center users, by name.</summary>
    public async Task<Outcome<IReadOnlyList<PartnerUser>>> ListCandidatesAsync(string companyId, CancellationToken cancellationToken)
    {
        var company = await RewardsAccess.FindCompanyAsync(_store, companyId, cancellationToken).ConfigureAwait(false);
        if (company.Value is null)
        {
            return Outcome.Refused<IReadOnlyList<PartnerUser>>(company.Refusal!);
        }

        var users = await _store.ListUsersAsync(companyId, cancellationToken).ConfigureAwait(false);
        return Outcome.Success<IReadOnlyList<PartnerUser>>(users
            .Where(u => u.Status == UserStatus.Active)
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(u => u.Id, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>Makes <paramref name="contactUserId"/> the marketing contact, replacing the previous one; records history and audit.</summary>
    public async Task<Outcome<MarketingContact>> AssignAsync(
        string actorUserId, string companyId, string contactUserId, string email, string phoneE164, string preferredLanguage, CancellationToken cancellationToken)
    {
        var access = await RewardsAccess.AuthorizeAsync(_store, actorUserId, companyId, RolePolicy.ManageRewards, cancellationToken).ConfigureAwait(false);
        if (access.Value is not { } actor)
        {
            return Outcome.Refused<MarketingContact>(access.Refusal!);
        }

        var refusal = Validate(actor, contactUserId, email, phoneE164, preferredLanguage, out var language);
        if (refusal is not null)
        {
            return Outcome.Refused<MarketingContact>(refusal);
        }

        var contact = new MarketingContact(companyId, contactUserId, email.Trim(), phoneE164.Trim(), language!, _clock.GetUtcNow(), actorUserId);
        await _store.WriteAsync(
            async (writer, ct) =>
            {
                var previous = await writer.GetMarketingContactAsync(companyId, ct).ConfigureAwait(false);
                if (previous is not null && SameDetails(previous, contact))
                {
                    // Already the contact with these details (an assignment sent again after a crash): no second change.
                    contact = previous;
                    return;
                }

                var change = new MarketingContactChange(companyId, previous?.UserId, contactUserId, actorUserId, contact.AssignedAt);
                await writer.SetMarketingContactAsync(contact, change, ct).ConfigureAwait(false);
                await AuditRecorder.RecordAsync(writer, _clock, actorUserId, companyId, AuditAction, RewardsMasking.ForAudit(previous), RewardsMasking.ForAudit(contact), ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return Outcome.Success(contact);
    }

    private static bool SameDetails(MarketingContact a, MarketingContact b)
        => a.UserId == b.UserId && a.Email == b.Email && a.PhoneE164 == b.PhoneE164 && a.PreferredLanguage == b.PreferredLanguage && a.AssignedByUserId == b.AssignedByUserId;

    private Refusal? Validate(RewardsActor actor, string contactUserId, string email, string phoneE164, string preferredLanguage, out string? language)
    {
        language = _catalogue.FindSupportedLanguage(preferredLanguage);
        var candidate = actor.CompanyUsers.FirstOrDefault(u => string.Equals(u.Id, contactUserId, StringComparison.Ordinal));
        if (candidate is not { Status: UserStatus.Active })
        {
            return Refuse(UserNotInCompany, ("contactUserId", contactUserId), ("fix", FixAddUserInAccountSettings));
        }

        var trimmed = email?.Trim();
        if (!MarketingContactRules.IsValidEmail(trimmed))
        {
            return Refuse(InvalidEmail);
        }

        if (MarketingContactRules.SameAddress(trimmed!, actor.Company.AccountEmail))
        {
            return Refuse(EmailSameAsAccount);
        }

        if (!MarketingContactRules.IsValidPhone(phoneE164?.Trim()))
        {
            return Refuse(InvalidPhone, ("example", "+14255550100"));
        }

        return language is null
            ? Refuse(UnsupportedLanguage, ("language", preferredLanguage ?? string.Empty), ("supported", string.Join(",", _catalogue.SupportedLanguages)))
            : null;
    }

    private static Refusal Refuse(string code, params (string Name, string Value)[] facts) => Outcome.Refused<MarketingContact>(code, facts).Refusal!;
}
