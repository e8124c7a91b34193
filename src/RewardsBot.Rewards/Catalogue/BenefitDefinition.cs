using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Catalogue;

/// <summary>A title and a description in one language.</summary>
public sealed record LocalizedText(string Title, string Description);

/// <summary>A group of benefits (sales and marketing, technical) with its words in every catalogue language.</summary>
public sealed record BenefitGroupDefinition(BenefitGroup Group, IReadOnlyDictionary<string, LocalizedText> Text)
{
    /// <summary>The text in <paramref name="language"/>, else its closest catalogue language, else English.</summary>
    public LocalizedText TextFor(string? language) => CatalogueText.Pick(Text, language);
}

/// <summary>
/// One benefit of the catalogue. It applies to offers of <see cref="ListingTypes"/>; a <see cref="MinimumTier"/> above 0
/// (transact benefits only) needs that tier of counted billed sales. A one-time benefit expires
/// <see cref="ExpiresAfterDays"/> after its activation.
/// </summary>
public sealed record BenefitDefinition(
    string Id,
    BenefitGroup Group,
    IReadOnlyList<ListingType> ListingTypes,
    int MinimumTier,
    bool OneTime,
    int? ExpiresAfterDays,
    IReadOnlyDictionary<string, LocalizedText> Text)
{
    public bool AppliesTo(ListingType listingType) => ListingTypes.Contains(listingType);

    /// <summary>When an activation made at <paramref name="activatedAt"/> expires; null when it does not.</summary>
    public DateTimeOffset? ExpiryFrom(DateTimeOffset activatedAt)
        => OneTime && ExpiresAfterDays is { } days ? activatedAt.AddDays(days) : null;

    /// <summary>The text in <paramref name="language"/>, else its closest catalogue language, else English.</summary>
    public LocalizedText TextFor(string? language) => CatalogueText.Pick(Text, language);
}

internal static class CatalogueText
{
    public static LocalizedText Pick(IReadOnlyDictionary<string, LocalizedText> text, string? language)
    {
        if (!string.IsNullOrWhiteSpace(language))
        {
            if (text.TryGetValue(language, out var exact))
            {
                return exact;
            }

            if (IsTraditionalChinese(language) && text.TryGetValue("zh-TW", out var traditional))
            {
                return traditional;
            }

            var neutral = language.Split('-')[0];
            if (text.TryGetValue(neutral, out var parent))
            {
                return parent;
            }
        }

        return text[BenefitCatalogue.FallbackLanguage];
    }

    private static bool IsTraditionalChinese(string language)
        => language.StartsWith("zh-", StringComparison.OrdinalIgnoreCase)
            && (language.Contains("Hant", StringComparison.OrdinalIgnoreCase)
                || language.EndsWith("-HK", StringComparison.OrdinalIgnoreCase)
                || language.EndsWith("-MO", StringComparison.OrdinalIgnoreCase));
}
