using System.Text;
using System.Text.Json.Nodes;
using RewardsBot.Rewards.Catalogue;
using RewardsBot.Rewards.Model;

namespace RewardsBot.Rewards.Tests.Catalogue;

public sealed class BenefitCatalogueTests
{
    private static BenefitCatalogue Catalogue => BenefitCatalogue.Default;

    [Fact]
    public void Default_catalogue_has_a_realistic_set_of_benefits_in_both_groups()
    {
        Assert.InRange(Catalogue.Benefits.Count, 8, 12);
        Assert.Contains(Catalogue.Benefits, b => b.Group == BenefitGroup.SalesAndMarketing);
        Assert.Contains(Catalogue.Benefits, b => b.Group == BenefitGroup.Technical);
        Assert.Equal(Enum.GetValues<BenefitGroup>().Order(), Catalogue.Groups.Select(g => g.Group).Order());
        Assert.Equal(Catalogue.Benefits.Count, Catalogue.Benefits.Select(b => b.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_benefit_and_group_has_a_title_and_description_in_every_bot_language()
    {
        var texts = Catalogue.Benefits.Select(b => b.Text).Concat(Catalogue.Groups.Select(g => g.Text));
        foreach (var text in texts)
        {
            foreach (var language in BenefitCatalogue.TextLanguages)
            {
                Assert.False(string.IsNullOrWhiteSpace(text[language].Title));
                Assert.False(string.IsNullOrWhiteSpace(text[language].Description));
            }
        }
    }

    [Fact]
    public void Tier_thresholds_ascend_and_tiers_are_counted_from_them()
    {
        var thresholds = Catalogue.TierThresholdsUsd;
        Assert.True(thresholds.Zip(thresholds.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(0, Catalogue.TierFor(0m));
        Assert.Equal(0, Catalogue.TierFor(thresholds[0] - 0.01m));
        Assert.Equal(1, Catalogue.TierFor(thresholds[0]));
        Assert.Equal(Catalogue.HighestTier, Catalogue.TierFor(thresholds[^1] * 10));
        Assert.Equal(thresholds[1], Catalogue.ThresholdFor(2));
        Assert.Null(Catalogue.ThresholdFor(Catalogue.HighestTier + 1));
    }

    [Fact]
    public void Tier_thresholds_can_be_overridden_without_changing_the_benefits()
    {
        var custom = Catalogue.WithTierThresholds([10m, 20m, 30m, 40m]);

        Assert.Equal([10m, 20m, 30m, 40m], custom.TierThresholdsUsd);
        Assert.Equal(2, custom.TierFor(25m));
        Assert.Same(Catalogue.Benefits, custom.Benefits);
        Assert.NotEqual(custom.TierThresholdsUsd, Catalogue.TierThresholdsUsd);
    }

    [Fact]
    public void Overriding_with_thresholds_that_do_not_ascend_is_refused_with_the_tiers_named()
    {
        var error = Assert.Throws<InvalidDataException>(() => Catalogue.WithTierThresholds([10m, 30m, 20m, 40m]));
        Assert.Contains("strictly ascending", error.Message, StringComparison.Ordinal);
        Assert.Contains("tier 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overriding_with_fewer_tiers_than_a_benefit_needs_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Catalogue.WithTierThresholds([10m]));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Supported_contact_languages_are_data_and_matched_case_insensitively()
    {
        Assert.Contains("pt-BR", Catalogue.SupportedLanguages);
        Assert.Contains("zh-Hant", Catalogue.SupportedLanguages);
        Assert.Equal("pt-BR", Catalogue.FindSupportedLanguage(" PT-br "));
        Assert.Null(Catalogue.FindSupportedLanguage("tlh"));
        Assert.Null(Catalogue.FindSupportedLanguage(""));
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData("fr-CA", "fr")]
    [InlineData("zh-TW", "zh-TW")]
    [InlineData("zh-Hant-HK", "zh-TW")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    public void Text_falls_back_to_the_closest_language_then_english(string? asked, string expected)
    {
        var benefit = Catalogue.Find("customer-case-study")!;
        Assert.Same(benefit.Text[expected], benefit.TextFor(asked));
    }

    [Fact]
    public void Benefits_are_found_by_id_in_any_case()
    {
        Assert.Equal("customer-case-study", Catalogue.Find("Customer-Case-Study")?.Id);
        Assert.Null(Catalogue.Find("no-such-benefit"));
    }

    [Fact]
    public void One_time_benefits_expire_after_their_days_and_others_never()
    {
        var activatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var oneTime = Catalogue.Benefits.First(b => b.OneTime);
        var recurring = Catalogue.Benefits.First(b => !b.OneTime);

        Assert.Equal(activatedAt.AddDays(oneTime.ExpiresAfterDays!.Value), oneTime.ExpiryFrom(activatedAt));
        Assert.Null(recurring.ExpiryFrom(activatedAt));
    }

    [Fact]
    public void A_valid_document_loads_through_Load()
    {
        var loaded = Load(DefaultDocument());
        Assert.Equal(Catalogue.Benefits.Select(b => b.Id), loaded.Benefits.Select(b => b.Id));
    }

    [Theory]
    [MemberData(nameof(BrokenDocuments))]
    public void Invalid_documents_are_refused_with_a_message_saying_what_is_wrong(string change, string expectedInMessage)
    {
        var document = DefaultDocument();
        Break(document, change);

        var error = Assert.Throws<InvalidDataException>(() => Load(document));
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BrokenDocuments() => new()
    {
        { "duplicate-id", "benefit id 'listing-review' is used more than once" },
        { "missing-fr", "the text in 'fr' is missing" },
        { "missing-zh-TW", "the text in 'zh-TW' is missing" },
        { "thresholds-descending", "strictly ascending" },
        { "threshold-zero", "must be above 0" },
        { "unknown-group", "unknown group 'Marketing'" },
        { "unknown-listing-type", "unknown listing type 'Free'" },
        { "one-time-without-expiry", "needs 'expiresAfterDays'" },
        { "tier-on-list-offer", "applies to transact offers only" },
        { "bad-language", "is not a culture name" },
        { "typo-property", "not the expected JSON" },
        { "no-benefits", "'benefits' is missing" },
    };

    private static void Break(JsonObject document, string change)
    {
        var benefits = document["benefits"]!.AsArray();
        var first = benefits[0]!.AsObject();
        switch (change)
        {
            case "duplicate-id": benefits[1]!["id"] = "listing-review"; break;
            case "missing-fr": first["text"]!.AsObject().Remove("fr"); break;
            case "missing-zh-TW": first["text"]!.AsObject().Remove("zh-TW"); break;
            case "thresholds-descending": document["tierThresholdsUsd"] = new JsonArray(100, 50, 200, 300); break;
            case "threshold-zero": document["tierThresholdsUsd"] = new JsonArray(0, 50, 200, 300); break;
            case "unknown-group": first["group"] = "Marketing"; break;
            case "unknown-listing-type": first["listingTypes"] = new JsonArray("Free"); break;
            case "one-time-without-expiry": benefits.Select(b => b!.AsObject()).First(b => (bool)b["oneTime"]!).Remove("expiresAfterDays"); break;
            case "tier-on-list-offer": first["minimumTier"] = 2; break;
            case "bad-language": document["supportedContactLanguages"]!.AsArray().Add("english please"); break;
            case "typo-property": first["minimumTeir"] = 1; break;
            case "no-benefits": document.Remove("benefits"); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, "Add the change to Break.");
        }
    }

    private static JsonObject DefaultDocument()
    {
        using var stream = typeof(BenefitCatalogue).Assembly.GetManifestResourceStream(BenefitCatalogue.ResourceName)!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static BenefitCatalogue Load(JsonObject document)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
        return BenefitCatalogue.Load(stream);
    }
}
