using System.Collections.ObjectModel;

namespace RewardsBot.Rewards.Catalogue;

/// <summary>
/// The benefit catalogue: benefit groups, benefits, transact tier thresholds and the languages a marketing contact may
/// prefer. It is data (<c>Catalogue/benefit-catalogue.json</c>, embedded), validated when loaded; thresholds are
/// configuration and can be overridden with <see cref="WithTierThresholds"/>.
/// </summary>
public sealed class BenefitCatalogue
{
    /// <summary>The name of the embedded catalogue resource.</summary>
    public const string ResourceName = "RewardsBot.Rewards.benefit-catalogue.json";

    /// <summary>The language used when a text is asked for in a language the catalogue does not have.</summary>
    public const string FallbackLanguage = "en";

    private static readonly Lazy<BenefitCatalogue> DefaultCatalogue = new(LoadEmbedded);

    internal BenefitCatalogue(
        IReadOnlyList<BenefitGroupDefinition> groups,
        IReadOnlyList<BenefitDefinition> benefits,
        IReadOnlyList<decimal> tierThresholdsUsd,
        IReadOnlyList<string> supportedLanguages)
    {
        Groups = groups;
        Benefits = benefits;
        TierThresholdsUsd = new ReadOnlyCollection<decimal>([.. tierThresholdsUsd]);
        SupportedLanguages = supportedLanguages;
    }

    /// <summary>Every benefit and group must have its text in each of these languages (the bot's languages).</summary>
    public static IReadOnlyList<string> TextLanguages { get; } = ["en", "fr", "zh-TW"];

    /// <summary>The catalogue shipped with the bot.</summary>
    public static BenefitCatalogue Default => DefaultCatalogue.Value;

    public IReadOnlyList<BenefitGroupDefinition> Groups { get; }

    public IReadOnlyList<BenefitDefinition> Benefits { get; }

    /// <summary>
    /// Cumulative counted billed sales (USD) needed for each transact tier, ascending: tier <c>n</c> (1-based) is reached
    /// at <c>TierThresholdsUsd[n - 1]</c>; below the first threshold the tier is 0.
    /// </summary>
    public IReadOnlyList<decimal> TierThresholdsUsd { get; }

    /// <summary>The highest tier there is.</summary>
    public int HighestTier => TierThresholdsUsd.Count;

    /// <summary>Culture names a marketing contact may choose as the language the Rewards team writes to them in.</summary>
    public IReadOnlyList<string> SupportedLanguages { get; }

    /// <summary>Reads and validates a catalogue; throws <see cref="InvalidDataException"/> listing every problem found.</summary>
    public static BenefitCatalogue Load(Stream json) => BenefitCatalogueReader.Read(json);

    /// <summary>The same catalogue with other tier thresholds; they are validated like the file's.</summary>
    public BenefitCatalogue WithTierThresholds(IReadOnlyList<decimal> thresholdsUsd)
    {
        ArgumentNullException.ThrowIfNull(thresholdsUsd);
        var candidate = new BenefitCatalogue(Groups, Benefits, thresholdsUsd, SupportedLanguages);
        BenefitCatalogueValidator.ThrowIfInvalid(candidate, "The tier thresholds given to WithTierThresholds are invalid");
        return candidate;
    }

    /// <summary>The benefit with this id (case-insensitive), or null.</summary>
    public BenefitDefinition? Find(string benefitId)
        => Benefits.FirstOrDefault(b => string.Equals(b.Id, benefitId, StringComparison.OrdinalIgnoreCase));

    public BenefitGroupDefinition GroupOf(BenefitDefinition benefit)
    {
        ArgumentNullException.ThrowIfNull(benefit);
        return Groups.First(g => g.Group == benefit.Group);
    }

    /// <summary>The tier reached with <paramref name="countedSalesUsd"/> of cumulative billed sales (0: none).</summary>
    public int TierFor(decimal countedSalesUsd) => TierThresholdsUsd.Count(t => countedSalesUsd >= t);

    /// <summary>The sales needed to reach <paramref name="tier"/>, or null for tier 0 or a tier that does not exist.</summary>
    public decimal? ThresholdFor(int tier) => tier >= 1 && tier <= TierThresholdsUsd.Count ? TierThresholdsUsd[tier - 1] : null;

    /// <summary>The catalogue's spelling of a supported language (compared case-insensitively), or null when it is not supported.</summary>
    public string? FindSupportedLanguage(string? cultureName)
        => string.IsNullOrWhiteSpace(cultureName)
            ? null
            : SupportedLanguages.FirstOrDefault(l => string.Equals(l, cultureName.Trim(), StringComparison.OrdinalIgnoreCase));

    private static BenefitCatalogue LoadEmbedded()
    {
        using var stream = typeof(BenefitCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{ResourceName}' was not found in {typeof(BenefitCatalogue).Assembly.GetName().Name}. "
                + "Check that RewardsBot.Rewards.csproj embeds Catalogue/benefit-catalogue.json with that LogicalName.");
        return Load(stream);
    }
}
