using System.Text.Json;
using System.Text.Json.Serialization;
using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Catalogue;

/// <summary>Turns the catalogue JSON into a <see cref="BenefitCatalogue"/>, collecting every problem before failing.</summary>
internal static class BenefitCatalogueReader
{
    private const string Failure = "The benefit catalogue is invalid";

    public static BenefitCatalogue Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CatalogueDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, CatalogueJsonContext.Default.CatalogueDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Failure}: it is not the expected JSON ({ex.Message}). Compare it with Catalogue/benefit-catalogue.json.", ex);
        }

        if (document is null)
        {
            throw new InvalidDataException($"{Failure}: the document is empty (null).");
        }

        var problems = new List<string>();
        var groups = (document.Groups ?? []).Select((g, i) => ReadGroup(g, i, problems)).OfType<BenefitGroupDefinition>().ToList();
        var benefits = (document.Benefits ?? []).Select((b, i) => ReadBenefit(b, i, problems)).OfType<BenefitDefinition>().ToList();
        Require(document.TierThresholdsUsd, "tierThresholdsUsd", problems);
        Require(document.SupportedContactLanguages, "supportedContactLanguages", problems);
        Require(document.Groups, "groups", problems);
        Require(document.Benefits, "benefits", problems);

        var catalogue = new BenefitCatalogue(groups, benefits, document.TierThresholdsUsd ?? [], document.SupportedContactLanguages ?? []);
        problems.AddRange(BenefitCatalogueValidator.Problems(catalogue));
        BenefitCatalogueValidator.ThrowIfAny(problems, Failure);
        return catalogue;
    }

    private static BenefitGroupDefinition? ReadGroup(GroupDocument group, int index, List<string> problems)
    {
        var where = $"groups[{index}]";
        if (!Enum.TryParse<BenefitGroup>(group.Id, ignoreCase: false, out var id) || !Enum.IsDefined(id))
        {
            problems.Add($"{where}: unknown group id '{group.Id}'; expected one of {string.Join(", ", Enum.GetNames<BenefitGroup>())}.");
            return null;
        }

        return new BenefitGroupDefinition(id, ReadText(group.Text, $"{where} ({id})", problems));
    }

    private static BenefitDefinition? ReadBenefit(BenefitDocument benefit, int index, List<string> problems)
    {
        var where = $"benefits[{index}] ('{benefit.Id}')";
        if (!Enum.TryParse<BenefitGroup>(benefit.Group, ignoreCase: false, out var group) || !Enum.IsDefined(group))
        {
            problems.Add($"{where}: unknown group '{benefit.Group}'; expected one of {string.Join(", ", Enum.GetNames<BenefitGroup>())}.");
            return null;
        }

        var listingTypes = new List<ListingType>();
        foreach (var name in benefit.ListingTypes ?? [])
        {
            if (Enum.TryParse<ListingType>(name, ignoreCase: false, out var type) && Enum.IsDefined(type))
            {
                listingTypes.Add(type);
            }
            else
            {
                problems.Add($"{where}: unknown listing type '{name}'; expected one of {string.Join(", ", Enum.GetNames<ListingType>())}.");
            }
        }

        if (benefit.OneTime is null)
        {
            problems.Add($"{where}: 'oneTime' is missing; say true or false.");
        }

        return new BenefitDefinition(
            benefit.Id ?? string.Empty,
            group,
            listingTypes,
            benefit.MinimumTier ?? 0,
            benefit.OneTime ?? false,
            benefit.ExpiresAfterDays,
            ReadText(benefit.Text, where, problems));
    }

    private static Dictionary<string, LocalizedText> ReadText(IReadOnlyDictionary<string, TextDocument>? text, string where, List<string> problems)
    {
        var result = new Dictionary<string, LocalizedText>(StringComparer.OrdinalIgnoreCase);
        foreach (var (language, value) in text ?? new Dictionary<string, TextDocument>())
        {
            if (!result.TryAdd(language, new LocalizedText(value.Title?.Trim() ?? string.Empty, value.Description?.Trim() ?? string.Empty)))
            {
                problems.Add($"{where}: the language '{language}' appears twice in 'text'.");
            }
        }

        return result;
    }

    private static void Require(object? value, string name, List<string> problems)
    {
        if (value is null)
        {
            problems.Add($"'{name}' is missing.");
        }
    }
}

internal sealed class CatalogueDocument
{
    public IReadOnlyList<decimal>? TierThresholdsUsd { get; init; }

    public IReadOnlyList<string>? SupportedContactLanguages { get; init; }

    public IReadOnlyList<GroupDocument>? Groups { get; init; }

    public IReadOnlyList<BenefitDocument>? Benefits { get; init; }
}

internal sealed class GroupDocument
{
    public string? Id { get; init; }

    public IReadOnlyDictionary<string, TextDocument>? Text { get; init; }
}

internal sealed class BenefitDocument
{
    public string? Id { get; init; }

    public string? Group { get; init; }

    public IReadOnlyList<string>? ListingTypes { get; init; }

    public int? MinimumTier { get; init; }

    public bool? OneTime { get; init; }

    public int? ExpiresAfterDays { get; init; }

    public IReadOnlyDictionary<string, TextDocument>? Text { get; init; }
}

internal sealed class TextDocument
{
    public string? Title { get; init; }

    public string? Description { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CatalogueDocument))]
internal sealed partial class CatalogueJsonContext : JsonSerializerContext;
