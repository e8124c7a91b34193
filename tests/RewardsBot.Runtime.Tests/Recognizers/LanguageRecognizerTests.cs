using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class LanguageRecognizerTests
{
    [Theory]
    [InlineData("French", "fr")]
    [InlineData("french", "fr")]
    [InlineData("  FRENCH  ", "fr")]
    [InlineData("English", "en")]
    [InlineData("German", "de")]
    [InlineData("Japanese", "ja")]
    [InlineData("Chinese", "zh")]
    [InlineData("Chinese (Traditional)", "zh-Hant")]
    [InlineData("chinese(traditional)", "zh-Hant")]
    [InlineData("Traditional Chinese", "zh-Hant")]
    [InlineData("Chinese (Simplified)", "zh-Hans")]
    [InlineData("French (Canada)", "fr-CA")]
    [InlineData("Portuguese (Brazil)", "pt-BR")]
    [InlineData("Cantonese", "yue")]
    [InlineData("Farsi", "fa")]
    public void Reads_a_language_by_its_English_name(string text, string culture)
    {
        AssertRecognized(culture, LanguageRecognizer.Recognize(text, "en-US"));
    }

    [Theory]
    [InlineData("français", "fr")]
    [InlineData("Francais", "fr")]
    [InlineData("FRANÇAIS", "fr")]
    [InlineData("Deutsch", "de")]
    [InlineData("日本語", "ja")]
    [InlineData("中文", "zh")]
    [InlineData("español", "es")]
    [InlineData("Espanol", "es")]
    [InlineData("italiano", "it")]
    [InlineData("한국어", "ko")]
    [InlineData("Nederlands", "nl")]
    [InlineData("português (Brasil)", "pt-BR")]
    [InlineData("français (Canada)", "fr-CA")]
    [InlineData("中文（繁體）", "zh-Hant")]
    public void Reads_a_language_by_its_own_name_whatever_the_chat_language(string text, string culture)
    {
        AssertRecognized(culture, LanguageRecognizer.Recognize(text, "en-US"));
        AssertRecognized(culture, LanguageRecognizer.Recognize(text, "fr-FR"));
        AssertRecognized(culture, LanguageRecognizer.Recognize(text, "zh-TW"));
    }

    [Theory]
    [InlineData("anglais", "fr-FR", "en")]
    [InlineData("Anglais", "fr-CA", "en")]
    [InlineData("allemand", "fr", "de")]
    [InlineData("chinois", "fr", "zh")]
    [InlineData("chinois traditionnel", "fr", "zh-Hant")]
    [InlineData("japonais", "fr", "ja")]
    [InlineData("espagnol", "fr", "es")]
    [InlineData("néerlandais", "fr", "nl")]
    [InlineData("neerlandais", "fr", "nl")]
    [InlineData("法文", "zh-TW", "fr")]
    [InlineData("法語", "zh-TW", "fr")]
    [InlineData("法语", "zh-TW", "fr")]
    [InlineData("英文", "zh-TW", "en")]
    [InlineData("英語", "zh-TW", "en")]
    [InlineData("日文", "zh-TW", "ja")]
    [InlineData("日語", "zh-HK", "ja")]
    [InlineData("德文", "zh-TW", "de")]
    [InlineData("西班牙文", "zh-TW", "es")]
    [InlineData("繁體中文", "zh-TW", "zh-Hant")]
    [InlineData("國語", "zh-TW", "zh")]
    [InlineData("法文（加拿大）", "zh-TW", "fr-CA")]
    public void Reads_a_language_by_its_name_in_the_chat_language(string text, string chatLocale, string culture)
    {
        AssertRecognized(culture, LanguageRecognizer.Recognize(text, chatLocale));
    }

    [Theory]
    [InlineData("anglais", "en-US", "en")]
    [InlineData("allemand", null, "de")]
    [InlineData("法文", "fr-FR", "fr")]
    [InlineData("英文", "en", "en")]
    [InlineData("German", "zh-TW", "de")]
    public void Names_in_the_bot_s_other_languages_are_understood_too(string text, string? chatLocale, string culture)
    {
        AssertRecognized(culture, LanguageRecognizer.Recognize(text, chatLocale));
    }

    [Theory]
    [InlineData("in French", "en", "fr")]
    [InlineData("French please", "en", "fr")]
    [InlineData("French, please.", "en", "fr")]
    [InlineData("in the French language", "en", "fr")]
    [InlineData("I prefer German", "en", "de")]
    [InlineData("\"French\"", "en", "fr")]
    [InlineData("French!", "en", "fr")]
    [InlineData("Language: Japanese", "en", "ja")]
    [InlineData("en français", "fr", "fr")]
    [InlineData("en anglais s'il vous plaît", "fr", "en")]
    [InlineData("l’anglais", "fr", "en")]
    [InlineData("la langue française", "fr", "fr")]
    [InlineData("je préfère l'allemand", "fr", "de")]
    [InlineData("用法文", "zh-TW", "fr")]
    [InlineData("請用英文", "zh-TW", "en")]
    [InlineData("說日語", "zh-TW", "ja")]
    [InlineData("英文就好。", "zh-TW", "en")]
    public void Small_wrappers_around_the_name_are_ignored(string text, string chatLocale, string culture)
    {
        AssertRecognized(culture, LanguageRecognizer.Recognize(text, chatLocale));
    }

    [Theory]
    [InlineData("fr-CA", "fr-CA")]
    [InlineData("fr_CA", "fr-CA")]
    [InlineData("zh-TW", "zh-TW")]
    [InlineData("zh-tw", "zh-TW")]
    [InlineData("pt_BR", "pt-BR")]
    [InlineData("en-us", "en-US")]
    [InlineData("FR", "fr")]
    [InlineData("de", "de")]
    [InlineData("en", "en")]
    [InlineData("yue", "yue")]
    [InlineData("zh-Hant", "zh-Hant")]
    [InlineData("zh-Hant-TW", "zh-Hant-TW")]
    [InlineData("ｆｒ－ＣＡ", "fr-CA")]
    public void Reads_a_BCP47_tag_as_the_culture_NET_names(string text, string culture)
    {
        AssertRecognized(culture, LanguageRecognizer.Recognize(text, "en-US"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Help Desk Inc")]
    [InlineData("Klingon")]
    [InlineData("French or German")]
    [InlineData("please")]
    [InlineData("in")]
    [InlineData("hi")]
    [InlineData("no")]
    [InlineData("iw")]
    [InlineData("fin")]
    [InlineData("xx-YY")]
    [InlineData("en-XX")]
    [InlineData("fr-CA-x-private-use-that-is-long")]
    [InlineData("42")]
    [InlineData("ana@contoso.com")]
    public void Refuses_text_that_names_no_language(string? text)
    {
        var result = LanguageRecognizer.Recognize(text, "en-US");

        Assert.Null(result.CultureName);
        Assert.False(result.IsAmbiguous);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Refuses_a_sentence_longer_than_a_language_name()
    {
        var text = "I would like the Rewards team to write to our contact in French, " + new string('x', 60);

        Assert.False(LanguageRecognizer.Recognize(text, "en").Found);
    }

    [Fact]
    public void A_name_ICU_gives_to_two_cultures_is_ambiguous()
    {
        // In Traditional Chinese, ICU names both German (Switzerland) and Swiss German "德文（瑞士）".
        var result = LanguageRecognizer.Recognize("德文（瑞士）", "zh-TW");

        Assert.True(result.IsAmbiguous);
        Assert.Null(result.CultureName);
        Assert.Equal(["de-CH", "gsw"], result.Candidates);
    }

    private static void AssertRecognized(string culture, LanguageRecognition result)
    {
        Assert.Equal(culture, result.CultureName);
        Assert.False(result.IsAmbiguous);
        Assert.Equal([culture], result.Candidates);
    }
}
