namespace RewardsBot.Rewards.Model;

/// <summary>A partner company: its Partner global account (PGA), created with one Entra tenant and one partner ID.</summary>
public sealed record Company(string Id, string Name, string? PartnerId, string AccountEmail, string HomeTenantId);

/// <summary>An Entra tenant, and the company whose PGA it is the home of or is associated with (null: none).</summary>
public sealed record EntraTenant(string Id, string DisplayName, string? CompanyId);

/// <summary>A user of a company's Partner Center account (Account settings → users), signed in from <see cref="TenantId"/>.</summary>
public sealed record PartnerUser(
    string Id,
    string CompanyId,
    string Name,
    string Email,
    string TenantId,
    string? EntraObjectId,
    IReadOnlyList<PartnerRole> Roles,
    UserStatus Status);

/// <summary>A commercial-marketplace publisher; eligibility counts only profiles linked to the company's PGA.</summary>
public sealed record PublisherProfile(string Id, string CompanyId, string Name, bool LinkedToPga);

/// <summary>A listing on AppSource or Azure Marketplace.</summary>
public sealed record Offer(
    string Id,
    string PublisherProfileId,
    string Name,
    Marketplace Marketplace,
    ListingType ListingType,
    OfferState State,
    DateTimeOffset? GoLiveDate,
    string? OwnerUserId);

/// <summary>A marketplace-billed sale of a transact offer; fraudulent sales never count toward a tier.</summary>
public sealed record BilledSale(string Id, string OfferId, decimal AmountUsd, DateTimeOffset BilledAt, bool Fraudulent);

/// <summary>The one person who receives Rewards follow-ups for a company.</summary>
public sealed record MarketingContact(
    string CompanyId,
    string UserId,
    string Email,
    string PhoneE164,
    string PreferredLanguage,
    DateTimeOffset AssignedAt,
    string AssignedByUserId);

/// <summary>A change of marketing contact: who replaced whom, when, by whom (user ids only).</summary>
public sealed record MarketingContactChange(string CompanyId, string? PreviousUserId, string NewUserId, string ChangedByUserId, DateTimeOffset ChangedAt);

/// <summary>A sales or marketing benefit activated for a company; the Rewards team follows up by <see cref="FollowUpDue"/>.</summary>
public sealed record Activation(
    string Id,
    string CompanyId,
    string BenefitId,
    string ActivatedByUserId,
    DateTimeOffset ActivatedAt,
    DateTimeOffset FollowUpDue,
    DateTimeOffset? ExpiresAt);

public sealed record TechnicalHelpRequest(
    string Id,
    string CompanyId,
    string RequestedByUserId,
    TechnicalStage Stage,
    string Description,
    RequestStatus Status,
    DateTimeOffset CreatedAt);

/// <summary>A request to associate another Entra tenant with a company's PGA, confirmed by an admin of that tenant.</summary>
public sealed record TenantAssociationRequest(
    string Id,
    string CompanyId,
    string TenantId,
    string RequestedByUserId,
    DateTimeOffset RequestedAt,
    TenantAssociationState State,
    string? DecidedByUserId,
    DateTimeOffset? DecidedAt);

/// <summary>
/// One change: who, when, what, and the state before and after as short JSON without emails or phone numbers in clear
/// (those are masked; the record that needs them — the marketing contact — holds them).
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string ActorUserId, string CompanyId, string Action, string? Before, string? After);

/// <summary>A chat identity (Direct Line user id, Emulator demo id) bound to a Partner Center user.</summary>
public sealed record ChatIdentity(string Channel, string ChannelUserId, string UserId);
