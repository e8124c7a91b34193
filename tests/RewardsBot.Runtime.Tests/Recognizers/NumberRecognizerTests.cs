using System.Globalization;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class NumberRecognizerTests
{
    [Theory]
    [InlineData("en-US", "1234", "1234")]
    [InlineData("en-US", "1,234.5", "1234.5")]
    [InlineData("en-US", "1,234", "1234")]
    [InlineData("en-US", "1,234,567", "1234567")]
    [InlineData("en-US", "999,999", "999999")]
    [InlineData("en-US", "-3", "-3")]
    [InlineData("en-US", "−3", "-3")]
    [InlineData("en-US", "+7", "7")]
    [InlineData("en-US", "0", "0")]
    [InlineData("en-US", "007", "7")]
    [InlineData("en-US", "12.5", "12.5")]
    [InlineData("en-US", "0.75", "0.75")]
    [InlineData("en-US", ".5", "0.5")]
    [InlineData("en-US", "12,5", "12.5")]
    [InlineData("en-US", "0,125", "0.125")]
    [InlineData("en-US", "1.234.567,89", "1234567.89")]
    [InlineData("en-US", "12.", "12")]
    [InlineData("en-US", "12!", "12")]
    [InlineData(null, "1,234.5", "1234.5")]
    [InlineData("zh-TW", "1,234.5", "1234.5")]
    public void English_and_chinese_digits_use_a_decimal_point_and_comma_groups(string? locale, string text, string expected) =>
        AssertNumber(expected, text, locale);

    [Theory]
    [InlineData("fr-FR", "1 234,5", "1234.5")]
    [InlineData("fr-FR", "1\u00A0234,5", "1234.5")]
    [InlineData("fr-FR", "1\u202F234,5", "1234.5")]
    [InlineData("fr-FR", "1 234", "1234")]
    [InlineData("fr-FR", "1 234 567", "1234567")]
    [InlineData("fr-FR", "1234,5", "1234.5")]
    [InlineData("fr-FR", "12,5", "12.5")]
    [InlineData("fr-FR", "1,234", "1.234")]
    [InlineData("fr-FR", "1.234", "1234")]
    [InlineData("fr-FR", "1.234,50", "1234.50")]
    [InlineData("fr-FR", "12.5", "12.5")]
    [InlineData("fr-FR", "-3,5", "-3.5")]
    [InlineData("fr-CA", "1\u00A0234,5", "1234.5")]
    [InlineData("fr-CA", "12,5", "12.5")]
    [InlineData("fr", "1 234,5", "1234.5")]
    public void French_digits_use_a_decimal_comma_and_space_groups(string? locale, string text, string expected) =>
        AssertNumber(expected, text, locale);

    [Theory]
    [InlineData("en-US", "1 234,5", "1234.5")]
    [InlineData("zh-TW", "1 234,5", "1234.5")]
    [InlineData("en-US", "1 234", null)]
    [InlineData("en-US", "100 200", null)]
    [InlineData("fr-FR", "100 200", "100200")]
    public void Spaces_group_digits_in_french_or_with_a_decimal_part(string? locale, string text, string? expected) =>
        AssertNumber(expected, text, locale);

    [Theory]
    [InlineData("１２", "12")]
    [InlineData("１，２３４", "1234")]
    [InlineData("３．５", "3.5")]
    [InlineData("－５", "-5")]
    public void Full_width_digits_are_read(string text, string expected)
    {
        AssertNumber(expected, text, "zh-TW");
        AssertNumber(expected, text, "en-US");
    }

    [Theory]
    [InlineData("zero", "0")]
    [InlineData("one", "1")]
    [InlineData("twelve", "12")]
    [InlineData("nineteen", "19")]
    [InlineData("twenty", "20")]
    [InlineData("twenty-one", "21")]
    [InlineData("Twenty one!", "21")]
    [InlineData("ninety-nine", "99")]
    [InlineData("one hundred", "100")]
    [InlineData("a hundred", "100")]
    [InlineData("one hundred and five", "105")]
    [InlineData("one hundred five", "105")]
    [InlineData("twelve hundred", "1200")]
    [InlineData("a thousand", "1000")]
    [InlineData("two thousand", "2000")]
    [InlineData("two thousand and twenty-four", "2024")]
    [InlineData("nine hundred ninety-nine thousand nine hundred ninety-nine", "999999")]
    [InlineData("two million", "2000000")]
    [InlineData("2 thousand", "2000")]
    [InlineData("minus five", "-5")]
    public void English_number_words_are_read(string text, string expected) => AssertNumber(expected, text, "en-US");

    [Theory]
    [InlineData("zéro", "0")]
    [InlineData("un", "1")]
    [InlineData("une", "1")]
    [InlineData("seize", "16")]
    [InlineData("dix-sept", "17")]
    [InlineData("dix-neuf", "19")]
    [InlineData("vingt", "20")]
    [InlineData("vingt et un", "21")]
    [InlineData("vingt-et-un", "21")]
    [InlineData("Vingt et un !", "21")]
    [InlineData("vingt-deux", "22")]
    [InlineData("soixante-dix", "70")]
    [InlineData("soixante et onze", "71")]
    [InlineData("soixante-dix-neuf", "79")]
    [InlineData("quatre-vingts", "80")]
    [InlineData("quatre-vingt-un", "81")]
    [InlineData("quatre-vingt-dix", "90")]
    [InlineData("quatre-vingt-dix-neuf", "99")]
    [InlineData("septante", "70")]
    [InlineData("nonante-neuf", "99")]
    [InlineData("cent", "100")]
    [InlineData("cent un", "101")]
    [InlineData("deux cents", "200")]
    [InlineData("deux cent trente-quatre", "234")]
    [InlineData("mille", "1000")]
    [InlineData("deux mille", "2000")]
    [InlineData("mille deux cent cinquante", "1250")]
    [InlineData("neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf", "999999")]
    [InlineData("moins trois", "-3")]
    public void French_number_words_are_read(string text, string expected)
    {
        AssertNumber(expected, text, "fr-FR");
        AssertNumber(expected, text, "fr-CA");
    }

    [Theory]
    [InlineData("零", "0")]
    [InlineData("〇", "0")]
    [InlineData("一", "1")]
    [InlineData("兩", "2")]
    [InlineData("十", "10")]
    [InlineData("十二", "12")]
    [InlineData("二十", "20")]
    [InlineData("二十五", "25")]
    [InlineData("一百", "100")]
    [InlineData("一百零五", "105")]
    [InlineData("一百一十", "110")]
    [InlineData("兩千", "2000")]
    [InlineData("两千", "2000")]
    [InlineData("一千零一", "1001")]
    [InlineData("三萬五千", "35000")]
    [InlineData("一萬二", "12000")]
    [InlineData("三百五", "350")]
    [InlineData("九十九萬九千九百九十九", "999999")]
    [InlineData("二〇二四", "2024")]
    [InlineData("壹佰", "100")]
    [InlineData("2萬", "20000")]
    [InlineData("負三", "-3")]
    [InlineData("三點五", "3.5")]
    public void Chinese_numerals_are_read(string text, string expected) => AssertNumber(expected, text, "zh-TW");

    [Theory]
    [InlineData("en-US", "about 12", "12")]
    [InlineData("en-US", "around 1,000", "1000")]
    [InlineData("en-US", "It's 42", "42")]
    [InlineData("en-US", "12 please", "12")]
    [InlineData("en-US", "maybe twenty", "20")]
    [InlineData("fr-FR", "environ 12", "12")]
    [InlineData("fr-FR", "à peu près 1 500", "1500")]
    [InlineData("fr-CA", "12, merci", "12")]
    [InlineData("zh-TW", "大約十二個", "12")]
    [InlineData("zh-TW", "三個左右", "3")]
    [InlineData("zh-TW", "12個", "12")]
    public void Hedges_around_a_single_number_are_allowed(string? locale, string text, string expected) =>
        AssertNumber(expected, text, locale);

    [Theory]
    [InlineData("en-US", "vingt-deux", "22")]
    [InlineData("en-US", "十二", "12")]
    [InlineData("fr-FR", "twenty-two", "22")]
    [InlineData("zh-TW", "twelve", "12")]
    [InlineData("zh-TW", "douze", "12")]
    [InlineData(null, "quatre-vingt-dix", "90")]
    public void Number_words_of_every_language_are_read_whatever_the_locale(string? locale, string text, string expected) =>
        AssertNumber(expected, text, locale);

    [Theory]
    [InlineData("en-US", "1,234", "1234")]
    [InlineData("fr-FR", "1,234", "1.234")]
    [InlineData("en-US", "1.234", "1.234")]
    [InlineData("fr-FR", "1.234", "1234")]
    [InlineData(null, "1,234", "1234")]
    [InlineData("de-CH", "1'234.5", "1234.5")]
    public void The_locale_decides_whether_a_lone_separator_before_three_digits_is_decimal(string? locale, string text, string expected) =>
        AssertNumber(expected, text, locale);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("Help Desk Inc")]
    [InlineData("12 or 13")]
    [InlineData("douze ou treize")]
    [InlineData("12 13")]
    [InlineData("1 2")]
    [InlineData("1,2,3")]
    [InlineData("1.2.3")]
    [InlineData("12abc")]
    [InlineData("$12")]
    [InlineData("12 €")]
    [InlineData("12%")]
    [InlineData("3e")]
    [InlineData("first")]
    [InlineData("one two")]
    [InlineData("twenty thirty")]
    [InlineData("hundred")]
    [InlineData("and")]
    [InlineData("about")]
    [InlineData("vingt dix")]
    [InlineData("trois-vingts")]
    [InlineData("一二")]
    [InlineData("三五")]
    [InlineData("十十")]
    [InlineData("百")]
    [InlineData("第一")]
    [InlineData("yes")]
    [InlineData("-")]
    [InlineData("- 3")]
    [InlineData("3 -")]
    [InlineData("twenty-")]
    [InlineData("99999999999999999999999999999999")]
    public void Anything_but_one_number_is_not_a_number(string? text)
    {
        Assert.Null(NumberRecognizer.Recognize(text, "en-US"));
        Assert.Null(NumberRecognizer.Recognize(text, "fr-FR"));
        Assert.Null(NumberRecognizer.Recognize(text, "zh-TW"));
    }

    private static void AssertNumber(string? expected, string text, string? locale) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, CultureInfo.InvariantCulture), NumberRecognizer.Recognize(text, locale));
}
