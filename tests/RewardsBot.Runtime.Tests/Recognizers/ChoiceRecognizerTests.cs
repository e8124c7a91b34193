using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class ChoiceRecognizerTests
{
    private static readonly Choice[] Benefits =
    [
        new("azure-credit") { Title = "Azure credit", Synonyms = ["crédit Azure", "Azure 點數"] },
        new("support-plan") { Title = "Support plan", Synonyms = ["plan de support", "支援方案"] },
        new("marketing-contact") { Title = "Marketing contact", Synonyms = ["contact marketing", "行銷聯絡人"] },
        new("marketing-campaign") { Title = "Marketing campaign", Synonyms = ["campagne marketing", "行銷活動"] },
    ];

    [Theory]
    [InlineData("en-US", "azure-credit", 0)]
    [InlineData("en-US", "Azure credit", 0)]
    [InlineData("en-US", "AZURE CREDIT!", 0)]
    [InlineData("en-US", "azure  credit", 0)]
    [InlineData("en-US", "ＡＺＵＲＥ ＣＲＥＤＩＴ", 0)]
    [InlineData("fr-FR", "crédit Azure", 0)]
    [InlineData("fr-FR", "Credit azure.", 0)]
    [InlineData("zh-TW", "Azure 點數", 0)]
    [InlineData("fr-CA", "plan de support", 1)]
    [InlineData("zh-TW", "支援方案", 1)]
    [InlineData("zh-TW", "支援方案。", 1)]
    [InlineData("en-US", "Marketing contact", 2)]
    [InlineData("en-US", "marketing campaign", 3)]
    [InlineData("zh-TW", "行銷活動", 3)]
    [InlineData(null, "support plan", 1)]
    public void A_value_title_or_synonym_picks_its_choice(string? locale, string text, int expected) =>
        AssertFound(expected, text, Benefits, locale);

    [Theory]
    [InlineData("en-US", "2", 1)]
    [InlineData("en-US", "２", 1)]
    [InlineData("en-US", "two", 1)]
    [InlineData("fr-FR", "deux", 1)]
    [InlineData("zh-TW", "二", 1)]
    [InlineData("en-US", "4", 3)]
    [InlineData("fr-CA", "1", 0)]
    [InlineData(null, "3", 2)]
    public void A_number_in_range_picks_that_position(string? locale, string text, int expected) =>
        AssertFound(expected, text, Benefits, locale);

    [Theory]
    [InlineData("en-US", "first", 0)]
    [InlineData("en-US", "the second one", 1)]
    [InlineData("en-US", "3rd", 2)]
    [InlineData("en-US", "number 3", 2)]
    [InlineData("fr-FR", "la troisième", 2)]
    [InlineData("fr-CA", "le 2e", 1)]
    [InlineData("zh-TW", "第四個", 3)]
    [InlineData("en-US", "last", 3)]
    [InlineData("fr-FR", "la dernière", 3)]
    [InlineData("zh-TW", "最後一個", 3)]
    public void An_ordinal_picks_that_position_and_last_picks_the_last(string? locale, string text, int expected) =>
        AssertFound(expected, text, Benefits, locale);

    [Theory]
    [InlineData("en-US", "azure", 0)]
    [InlineData("en-US", "support", 1)]
    [InlineData("en-US", "contact", 2)]
    [InlineData("en-US", "campaign", 3)]
    [InlineData("en-US", "the support one", 1)]
    [InlineData("en-US", "credit Azure please", 0)]
    [InlineData("en-US", "I'd like the Azure credit please", 0)]
    [InlineData("fr-FR", "je voudrais le plan de support svp", 1)]
    [InlineData("fr-FR", "la campagne", 3)]
    [InlineData("zh-TW", "聯絡人", 2)]
    [InlineData("zh-TW", "活動", 3)]
    [InlineData("zh-TW", "我要行銷聯絡人", 2)]
    [InlineData("zh-TW", "我想要 Azure 點數，謝謝", 0)]
    public void Part_of_a_choice_or_a_choice_inside_a_sentence_picks_it(string? locale, string text, int expected) =>
        AssertFound(expected, text, Benefits, locale);

    [Theory]
    [InlineData("marketing", 2, 3)]
    [InlineData("Marketing!", 2, 3)]
    [InlineData("行銷", 2, 3)]
    [InlineData("marketing contact or marketing campaign", 2, 3)]
    public void Words_that_fit_several_choices_equally_are_ambiguous(string text, int first, int second)
    {
        var result = ChoiceRecognizer.Recognize(text, Benefits, "en-US");

        Assert.True(result.IsAmbiguous);
        Assert.Null(result.Found);
        Assert.Equal([first, second], result.Candidates.Select(candidate => candidate.Index));
        Assert.Equal([Benefits[first].Value, Benefits[second].Value], result.Candidates.Select(candidate => candidate.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("five")]
    [InlineData("fifth")]
    [InlineData("第五個")]
    [InlineData("Help Desk Inc")]
    [InlineData("banana")]
    [InlineData("contact campaign")]
    [InlineData("the")]
    public void Text_that_names_no_choice_and_positions_outside_the_list_find_nothing(string? text)
    {
        var result = ChoiceRecognizer.Recognize(text, Benefits, "en-US");

        Assert.Null(result.Found);
        Assert.False(result.IsAmbiguous);
        Assert.Empty(result.Candidates);
    }

    [Theory]
    [InlineData("20", 1)]
    [InlineData("10", 2)]
    [InlineData("ten", 2)]
    [InlineData("dix", 2)]
    [InlineData("十", 2)]
    [InlineData("1", 0)]
    [InlineData("3", 2)]
    [InlineData("2", 1)]
    [InlineData("third", 2)]
    public void Numeric_values_match_by_value_before_a_number_is_taken_as_a_position(string text, int expected) =>
        AssertFound(expected, text, [new("30"), new("20"), new("10")], "en-US");

    [Theory]
    [InlineData("1", 2)]
    [InlineData("3", 0)]
    [InlineData("first", 0)]
    public void A_number_that_is_a_value_is_never_taken_as_a_position(string text, int expected) =>
        AssertFound(expected, text, [new("3"), new("2"), new("1")], "en-US");

    [Theory]
    [InlineData("2024", 1)]
    [InlineData("2", 1)]
    [InlineData("3", 2)]
    public void Years_match_by_value_and_small_numbers_by_position(string text, int expected) =>
        AssertFound(expected, text, [new("2023"), new("2024"), new("2025")], "en-US");

    [Fact]
    public void A_number_that_is_neither_a_value_nor_a_position_finds_nothing() =>
        Assert.Null(ChoiceRecognizer.Recognize("2026", [new("2023"), new("2024"), new("2025")], "en-US").Found);

    [Theory]
    [InlineData("5", 1)]
    [InlineData("10", 2)]
    [InlineData("1", 0)]
    [InlineData("2", 1)]
    public void A_number_written_inside_a_choice_picks_it_before_positions(string text, int expected) =>
        AssertFound(expected, text, [new("silver") { Title = "Silver (1 user)" }, new("gold") { Title = "Gold (5 users)" }, new("platinum") { Title = "Platinum (10 users)" }], "en-US");

    [Fact]
    public void A_choice_named_in_full_beats_one_named_in_part() =>
        AssertFound(0, "credit azure", [new("Azure credit"), new("Azure credit and support")], "en-US");

    [Fact]
    public void The_longest_choice_found_inside_a_sentence_wins() =>
        AssertFound(1, "I want the azure sponsorship now", [new("Azure"), new("Azure sponsorship")], "en-US");

    [Fact]
    public void Two_choices_with_the_same_synonym_are_ambiguous()
    {
        var result = ChoiceRecognizer.Recognize("sure", [new("Yes") { Synonyms = ["sure"] }, new("Definitely") { Synonyms = ["Sure"] }], "en-US");

        Assert.True(result.IsAmbiguous);
        Assert.Equal([0, 1], result.Candidates.Select(candidate => candidate.Index));
    }

    [Fact]
    public void A_choice_value_keeps_its_own_punctuation()
    {
        Choice[] languages = [new("C"), new("C#"), new("C++")];

        AssertFound(1, "c#", languages, "en-US");
        AssertFound(2, "C++", languages, "en-US");
    }

    [Fact]
    public void No_choices_find_nothing() => Assert.Same(ChoiceRecognition.NotFound, ChoiceRecognizer.Recognize("yes", [], "en-US"));

    [Fact]
    public void Choices_are_required() =>
        Assert.Throws<ArgumentNullException>(() => ChoiceRecognizer.Recognize("yes", null!, "en-US"));

    private static void AssertFound(int expectedIndex, string text, Choice[] choices, string? locale)
    {
        var result = ChoiceRecognizer.Recognize(text, choices, locale);

        Assert.Equal(new FoundChoice(expectedIndex, choices[expectedIndex].Value), result.Found);
        Assert.False(result.IsAmbiguous);
        Assert.Empty(result.Candidates);
    }
}
