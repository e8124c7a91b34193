using System.Globalization;
using System.Text.RegularExpressions;
using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Catalogue;

/// <summary>The rules a catalogue must follow; each problem says what is wrong and where.</summary>
internal static partial class BenefitCatalogueValidator
{
    public static void ThrowIfInvalid(BenefitCatalogue catalogue, string failure) => ThrowIfAny(Problems(catalogue).ToList(), failure);

    public static void ThrowIfAny(IReadOnlyList<string> problems, string failure)
    {
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{failure}:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}");
        }
    }

    public static IEnumerable<string> Problems(BenefitCatalogue catalogue)
        => ThresholdProblems(catalogue.TierThresholdsUsd)
            .Concat(LanguageProblems(catalogue.SupportedLanguages))
            .Concat(GroupProblems(catalogue.Groups))
            .Concat(BenefitProblems(catalogue.Benefits, catalogue.HighestTier));

    private static IEnumerable<string> ThresholdProblems(IReadOnlyList<decimal> thresholds)
    {
        for (var i = 0; i < thresholds.Count; i++)
        {
            if (thresholds[i] <= 0)
            {
                yield return $"tier threshold {i + 1} is {Usd(thresholds[i])}; thresholds are billed sales in USD and must be above 0.";
            }

            if (i > 0 && thresholds[i] <= thresholds[i - 1])
            {
                yield return $"tier thresholds must be strictly ascending, but tier {i + 1} ({Usd(thresholds[i])}) is not above tier {i} ({Usd(thresholds[i - 1])}).";
            }
        }
    }

    private static IEnumerable<string> LanguageProblems(IReadOnlyList<string> languages)
    {
        if (languages.Count == 0)
        {
            yield return "'supportedContactLanguages' is empty; list the culture names a marketing contact may prefer (en, fr, …).";
        }

        foreach (var language in languages.Where(l => !CultureName().IsMatch(l)))
        {
            yield return $"supported language '{language}' is not a culture name such as 'en', 'pt-BR' or 'zh-Hant'.";
        }

        foreach (var duplicate in Duplicates(languages))
        {
            yield return $"supported language '{duplicate}' is listed more than once.";
        }
    }

    private static IEnumerable<string> GroupProblems(IReadOnlyList<BenefitGroupDefinition> groups)
    {
        foreach (var group in Enum.GetValues<BenefitGroup>())
        {
            var count = groups.Count(g => g.Group == group);
            if (count != 1)
            {
                yield return $"group '{group}' must be defined once in 'groups' but is defined {count} times.";
            }
        }

        foreach (var problem in groups.SelectMany(g => TextProblems(g.Text, $"group '{g.Group}'")))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> BenefitProblems(IReadOnlyList<BenefitDefinition> benefits, int highestTier)
    {
        if (benefits.Count == 0)
        {
            yield return "'benefits' is empty.";
        }

        foreach (var duplicate in Duplicates(benefits.Select(b => b.Id)))
        {
            yield return $"benefit id '{duplicate}' is used more than once; ids must be unique (case-insensitive).";
        }

        foreach (var problem in benefits.SelectMany(b => OneBenefitProblems(b, highestTier)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> OneBenefitProblems(BenefitDefinition benefit, int highestTier)
    {
        var where = $"benefit '{benefit.Id}'";
        if (!BenefitId().IsMatch(benefit.Id))
        {
            yield return $"{where}: the id must be lower-case words joined by hyphens, e.g. 'customer-case-study'.";
        }

        if (benefit.ListingTypes.Count == 0)
        {
            yield return $"{where}: 'listingTypes' is empty; name the listing types (List, Trial, Transact) it applies to.";
        }

        if (benefit.ListingTypes.Distinct().Count() != benefit.ListingTypes.Count)
        {
            yield return $"{where}: a listing type is named twice.";
        }

        if (benefit.MinimumTier < 0 || benefit.MinimumTier > highestTier)
        {
            yield return $"{where}: minimum tier {benefit.MinimumTier} does not exist; tiers go from 0 (none) to {highestTier}.";
        }

        if (benefit.MinimumTier > 0 && benefit.ListingTypes.Any(t => t != ListingType.Transact))
        {
            yield return $"{where}: a minimum tier applies to transact offers only; set 'listingTypes' to [\"Transact\"] or the tier to 0.";
        }

        if (benefit.OneTime && benefit.ExpiresAfterDays is not > 0)
        {
            yield return $"{where}: a one-time benefit needs 'expiresAfterDays' above 0.";
        }

        if (!benefit.OneTime && benefit.ExpiresAfterDays is not null)
        {
            yield return $"{where}: 'expiresAfterDays' is for one-time benefits only; remove it or set 'oneTime' to true.";
        }

        if (benefit.Group == BenefitGroup.Technical && benefit.OneTime)
        {
            yield return $"{where}: technical benefits are requested, not activated, so they cannot be one-time.";
        }

        foreach (var problem in TextProblems(benefit.Text, where))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> TextProblems(IReadOnlyDictionary<string, LocalizedText> text, string where)
    {
        foreach (var language in BenefitCatalogue.TextLanguages)
        {
            if (!text.TryGetValue(language, out var value))
            {
                yield return $"{where}: the text in '{language}' is missing (every text needs {string.Join(", ", BenefitCatalogue.TextLanguages)}).";
            }
            else if (string.IsNullOrWhiteSpace(value.Title) || string.IsNullOrWhiteSpace(value.Description))
            {
                yield return $"{where}: the '{language}' text needs both a title and a description.";
            }
        }
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> values)
        => values.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

    private static string Usd(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex CultureName();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex BenefitId();
}
