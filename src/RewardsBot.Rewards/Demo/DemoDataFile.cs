using System.Text.Json;
using System.Text.Json.Serialization;
using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Demo;

/// <summary>The shape of <c>demo-data.json</c>: entities as in the model, dates as days before "now".</summary>
internal sealed record DemoDataFile(
    IReadOnlyList<EntraTenant> Tenants,
    IReadOnlyList<Company> Companies,
    IReadOnlyList<PartnerUser> Users,
    IReadOnlyList<PublisherProfile> PublisherProfiles,
    IReadOnlyList<DemoOffer> Offers,
    IReadOnlyList<DemoSale> Sales,
    IReadOnlyList<DemoMarketingContact> MarketingContacts,
    IReadOnlyList<DemoIdentityEntry> DemoIdentities)
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses the file; a malformed file throws <see cref="JsonException"/> with the path and line of the problem.</summary>
    public static DemoDataFile Parse(string json)
        => JsonSerializer.Deserialize<DemoDataFile>(json, Options) ?? throw new JsonException("The demo data file is 'null'; it must be an object with tenants, companies, users...");
}

internal sealed record DemoOffer(
    string Id, string PublisherProfileId, string Name, Marketplace Marketplace, ListingType ListingType, OfferState State, int? GoLiveDaysAgo, string? OwnerUserId)
{
    public Offer ToOffer(DateTimeOffset now)
        => new(Id, PublisherProfileId, Name, Marketplace, ListingType, State, GoLiveDaysAgo is { } days ? now.AddDays(-days) : null, OwnerUserId);
}

internal sealed record DemoSale(string Id, string OfferId, decimal AmountUsd, int BilledDaysAgo, bool Fraudulent)
{
    public BilledSale ToSale(DateTimeOffset now) => new(Id, OfferId, AmountUsd, now.AddDays(-BilledDaysAgo), Fraudulent);
}

internal sealed record DemoMarketingContact(
    string CompanyId, string UserId, string Email, string PhoneE164, string PreferredLanguage, int AssignedDaysAgo, string AssignedByUserId)
{
    public MarketingContact ToContact(DateTimeOffset now)
        => new(CompanyId, UserId, Email, PhoneE164, PreferredLanguage, now.AddDays(-AssignedDaysAgo), AssignedByUserId);
}

/// <summary>A demo identity as written in the file: its id (Emulator and Direct Line), the user, and what it shows.</summary>
internal sealed record DemoIdentityEntry(string Id, string UserId, string Shows);
