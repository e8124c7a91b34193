namespace RewardsBot.Rewards.Model;

/// <summary>How customers get an offer: contact me / free listing, free trial, or billed by Microsoft.</summary>
public enum ListingType
{
    List,
    Trial,
    Transact,
}

public enum Marketplace
{
    AppSource,
    AzureMarketplace,
}

public enum OfferState
{
    Draft,
    InReview,
    Live,
    Delisted,
}

/// <summary>Partner Center roles that matter to Rewards (DOMAIN.md, rule 2).</summary>
public enum PartnerRole
{
    /// <summary>Partner admin of the AI Cloud Partner Program: manages Rewards.</summary>
    PartnerAdmin,

    /// <summary>Admin agent: manages Rewards.</summary>
    AdminAgent,

    /// <summary>The Entra tenant's global admin: accepted for Rewards (older pages) and for tenant association.</summary>
    GlobalAdmin,

    /// <summary>Account admin of the PGA: associates tenants.</summary>
    AccountAdmin,

    /// <summary>Other users (developers, marketers) may ask questions only.</summary>
    Developer,
    BusinessContributor,
}

public enum UserStatus
{
    Active,

    /// <summary>Left the company; cannot act, and offers they own need the support-ticket path.</summary>
    Departed,
}

public enum BenefitGroup
{
    /// <summary>Activated by the partner, delivered through the marketing contact.</summary>
    SalesAndMarketing,

    /// <summary>Technical help requested through a form.</summary>
    Technical,
}

public enum TechnicalStage
{
    Presales,
    Design,
    Deployment,
    ApplicationDevelopment,
}

public enum RequestStatus
{
    Submitted,
    InProgress,
    Completed,
}

public enum TenantAssociationState
{
    /// <summary>Requested by an account admin; waits for an administrator of the other tenant.</summary>
    PendingConfirmation,
    Confirmed,
    Declined,
}
