using System.Globalization;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class LanguageAllowedAndDisplayTests
{
    private static readonly string[] BotLanguages = ["en", "fr", "zh-TW"];
    private static readonly string[] SpecificCultures = ["fr-FR", "fr-CA", "en-US"];

    [Theory]
    [InlineData("French", "en", "fr")]
    [InlineData("fr", "en", "fr")]
    [InlineData("fr-CA", "en", "fr")]
    [InlineData("français (Canada)", "fr", "fr")]
    [InlineData("en-GB", "en", "en")]
    [InlineData("English (United Kingdom)", "en", "en")]
    [InlineData("Chinese", "en", "zh-TW")]
    [InlineData("中文", "zh-TW", "zh-TW")]
    [InlineData("Chinese (Traditional)", "en", "zh-TW")]
    [InlineData("繁體中文", "zh-TW", "zh-TW")]
    [InlineData("zh-Hant-TW", "en", "zh-TW")]
    public void An_allowed_culture_its_nearest_allowed_parent_or_its_one_allowed_child_is_the_result(string text, string chatLocale, string culture)
    {
        var result = LanguageRecognizer.Recognize(text, chatLocale, BotLanguages);

        Assert.Equal(culture, result.CultureName);
        Assert.Equal([culture], result.Candidates);
    }

    [Theory]
    [InlineData("German")]
    [InlineData("Chinese (Simplified)")]
    [InlineData("zh-CN")]
    [InlineData("Deutsch")]
    public void A_language_outside_the_allowed_list_is_not_a_result(string text)
    {
        var result = LanguageRecognizer.Recognize(text, "en", BotLanguages);

        Assert.False(result.Found);
        Assert.False(result.IsAmbiguous);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void A_language_name_with_several_allowed_regional_cultures_is_ambiguous_in_the_allowed_order()
    {
        var result = LanguageRecognizer.Recognize("French", "en", SpecificCultures);

        Assert.True(result.IsAmbiguous);
        Assert.Equal(["fr-FR", "fr-CA"], result.Candidates);
    }

    [Theory]
    [InlineData("fr-CA", "fr-CA")]
    [InlineData("français (Canada)", "fr-CA")]
    [InlineData("English", "en-US")]
    [InlineData("anglais", "en-US")]
    public void A_regional_culture_or_the_only_allowed_child_is_the_result(string text, string culture)
    {
        Assert.Equal(culture, LanguageRecognizer.Recognize(text, "fr", SpecificCultures).CultureName);
    }

    [Fact]
    public void Chinese_with_two_allowed_Chinese_cultures_is_ambiguous()
    {
        var result = LanguageRecognizer.Recognize("中文", "zh-TW", ["zh-TW", "zh-CN"]);

        Assert.True(result.IsAmbiguous);
        Assert.Equal(["zh-TW", "zh-CN"], result.Candidates);
    }

    [Fact]
    public void The_allowed_list_can_settle_an_ambiguous_name()
    {
        Assert.Equal("de-CH", LanguageRecognizer.Recognize("德文（瑞士）", "zh-TW", ["de-CH", "fr"]).CultureName);
    }

    [Fact]
    public void An_allowed_entry_that_is_not_a_culture_is_a_programming_error_that_says_what_to_pass()
    {
        var exception = Assert.Throws<ArgumentException>(() => LanguageRecognizer.Recognize("French", "en", ["French"]));

        Assert.Contains("zh-TW", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", null, "French")]
    [InlineData("fr", "en-US", "French")]
    [InlineData("fr", "fr-FR", "français")]
    [InlineData("fr", "zh-TW", "法文")]
    [InlineData("en", "fr", "anglais")]
    [InlineData("en", "zh-TW", "英文")]
    [InlineData("de", "zh-HK", "德文")]
    [InlineData("zh-Hant", "en", "Chinese (Traditional)")]
    [InlineData("zh-Hant", "fr", "chinois (traditionnel)")]
    [InlineData("zh-Hant", "zh-TW", "中文（繁體）")]
    [InlineData("fr-CA", "fr", "français (Canada)")]
    [InlineData("pt_BR", "en", "Portuguese (Brazil)")]
    [InlineData("ja", "de-DE", "Japanese")]
    public void Names_a_culture_in_the_chat_language(string culture, string? chatLocale, string name)
    {
        Assert.Equal(name, LanguageRecognizer.DisplayName(culture, chatLocale));
    }

    [Fact]
    public void Naming_an_unknown_culture_says_what_to_pass()
    {
        Assert.Throws<ArgumentException>(() => LanguageRecognizer.DisplayName("Klingon", "en"));
    }

    [Fact]
    public void A_culture_name_is_read_the_same_however_often_and_however_it_is_spelled()
    {
        // Cultures found are kept by the name they were asked with; every spelling gives the culture .NET names.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("French (Canada)", LanguageRecognizer.DisplayName("fr-CA", "en"));
            Assert.Equal("French (Canada)", LanguageRecognizer.DisplayName(" fr_ca ", "en"));
            Assert.Equal("fr", LanguageRecognizer.Recognize("French", "en", ["fr_FR ", "fr"]).CultureName);
            Assert.Throws<ArgumentException>(() => LanguageRecognizer.DisplayName("Klingon", "en"));
        }
    }

    public static TheoryData<string, string> NamedCultures()
    {
        var data = new TheoryData<string, string>();
        foreach (var culture in new[] { "en", "fr", "de", "es", "it", "ja", "ko", "pt", "nl", "sv", "zh", "zh-Hant", "zh-Hans", "fr-CA", "pt-BR", "en-GB" })
        {
            foreach (var chatLocale in BotLanguages)
            {
                data.Add(culture, chatLocale);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NamedCultures))]
    public void A_name_offered_in_a_list_is_read_back_as_its_culture(string culture, string chatLocale)
    {
        var name = LanguageRecognizer.DisplayName(culture, chatLocale);

        Assert.Equal(culture, LanguageRecognizer.Recognize(name, chatLocale).CultureName);
    }

    [Fact]
    public void Reading_localized_names_leaves_the_caller_s_UI_culture_as_it_was()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");

            var names = LanguageNameIndex.DisplayNamesIn("fr", [CultureInfo.GetCultureInfo("en")]);

            Assert.Equal("anglais", names["en"]);
            Assert.Equal("de-DE", CultureInfo.CurrentUICulture.Name);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Recognizers_give_the_same_answers_from_many_threads_at_once()
    {
        var inputs = new (string Text, string Locale, string Culture)[] { ("French", "en", "fr"), ("anglais", "fr", "en"), ("法文", "zh-TW", "fr"), ("zh-TW", "en", "zh-TW") };

        var answers = inputs.AsParallel().WithDegreeOfParallelism(8)
            .SelectMany(input => Enumerable.Range(0, 50).Select(_ => (input.Culture, Found: LanguageRecognizer.Recognize(input.Text, input.Locale).CultureName,
                Phone: PhoneNumberRecognizer.Recognize("02 1234 5678", "TW").E164, Name: LanguageRecognizer.DisplayName("fr", input.Locale))))
            .ToList();

        Assert.All(answers, a => Assert.Equal(a.Culture, a.Found));
        Assert.All(answers, a => Assert.Equal("+886212345678", a.Phone));
        Assert.Contains(answers, a => a.Name == "法文");
    }
}
