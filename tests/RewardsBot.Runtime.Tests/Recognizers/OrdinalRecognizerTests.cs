using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class OrdinalRecognizerTests
{
    [Theory]
    [InlineData("first", 1)]
    [InlineData("1st", 1)]
    [InlineData("First!", 1)]
    [InlineData("second", 2)]
    [InlineData("2nd", 2)]
    [InlineData("third", 3)]
    [InlineData("3rd", 3)]
    [InlineData("fourth", 4)]
    [InlineData("4th", 4)]
    [InlineData("fifth", 5)]
    [InlineData("sixth", 6)]
    [InlineData("seventh", 7)]
    [InlineData("eighth", 8)]
    [InlineData("ninth", 9)]
    [InlineData("tenth", 10)]
    [InlineData("10th", 10)]
    [InlineData("eleventh", 11)]
    [InlineData("twelfth", 12)]
    [InlineData("twentieth", 20)]
    [InlineData("twenty-first", 21)]
    [InlineData("21st", 21)]
    [InlineData("the first one", 1)]
    [InlineData("The second option", 2)]
    [InlineData("the 3rd", 3)]
    [InlineData("the third one please", 3)]
    [InlineData("number 2", 2)]
    [InlineData("number two", 2)]
    [InlineData("#2", 2)]
    [InlineData("No. 3", 3)]
    [InlineData("option 4", 4)]
    public void English_ordinals_give_the_position(string text, int expected)
    {
        Assert.Equal(expected, OrdinalRecognizer.Recognize(text, "en-US"));
        Assert.Equal(expected, OrdinalRecognizer.Recognize(text, null));
    }

    [Theory]
    [InlineData("premier", 1)]
    [InlineData("première", 1)]
    [InlineData("1er", 1)]
    [InlineData("1re", 1)]
    [InlineData("1ère", 1)]
    [InlineData("deuxième", 2)]
    [InlineData("2e", 2)]
    [InlineData("2ème", 2)]
    [InlineData("2nde", 2)]
    [InlineData("second", 2)]
    [InlineData("seconde", 2)]
    [InlineData("troisième", 3)]
    [InlineData("3e", 3)]
    [InlineData("quatrième", 4)]
    [InlineData("cinquième", 5)]
    [InlineData("sixième", 6)]
    [InlineData("septième", 7)]
    [InlineData("huitième", 8)]
    [InlineData("neuvième", 9)]
    [InlineData("dixième", 10)]
    [InlineData("onzième", 11)]
    [InlineData("dix-septième", 17)]
    [InlineData("vingtième", 20)]
    [InlineData("vingt et unième", 21)]
    [InlineData("quatre-vingtième", 80)]
    [InlineData("La première", 1)]
    [InlineData("le premier choix", 1)]
    [InlineData("la deuxième option", 2)]
    [InlineData("le 2e", 2)]
    [InlineData("numéro 3", 3)]
    [InlineData("n° 3", 3)]
    [InlineData("Numéro deux", 2)]
    public void French_ordinals_give_the_position(string text, int expected)
    {
        Assert.Equal(expected, OrdinalRecognizer.Recognize(text, "fr-FR"));
        Assert.Equal(expected, OrdinalRecognizer.Recognize(text, "fr-CA"));
    }

    [Theory]
    [InlineData("第一", 1)]
    [InlineData("第二", 2)]
    [InlineData("第三", 3)]
    [InlineData("第十", 10)]
    [InlineData("第十二", 12)]
    [InlineData("第1個", 1)]
    [InlineData("第 2 個", 2)]
    [InlineData("第２個", 2)]
    [InlineData("第三個", 3)]
    [InlineData("第五項", 5)]
    [InlineData("第二个", 2)]
    [InlineData("我要第二個", 2)]
    [InlineData("第一個吧", 1)]
    public void Chinese_ordinals_give_the_position(string text, int expected) =>
        Assert.Equal(expected, OrdinalRecognizer.Recognize(text, "zh-TW"));

    [Theory]
    [InlineData("en-US", "last")]
    [InlineData("en-US", "Last!")]
    [InlineData("en-US", "the last one")]
    [InlineData("fr-FR", "dernier")]
    [InlineData("fr-FR", "dernière")]
    [InlineData("fr-CA", "la dernière")]
    [InlineData("fr-FR", "le dernier")]
    [InlineData("zh-TW", "最後一個")]
    [InlineData("zh-TW", "最後")]
    [InlineData("zh-TW", "最后一个")]
    [InlineData("zh-TW", "倒數第一")]
    [InlineData(null, "last")]
    public void Last_is_its_own_position(string? locale, string text) =>
        Assert.Equal(OrdinalRecognizer.Last, OrdinalRecognizer.Recognize(text, locale));

    [Theory]
    [InlineData("en-US", "premier", 1)]
    [InlineData("en-US", "第二", 2)]
    [InlineData("fr-FR", "third", 3)]
    [InlineData("zh-TW", "2nd", 2)]
    [InlineData("zh-TW", "la dernière", OrdinalRecognizer.Last)]
    public void Ordinals_of_every_language_are_read_whatever_the_locale(string? locale, string text, int expected) =>
        Assert.Equal(expected, OrdinalRecognizer.Recognize(text, locale));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2")]
    [InlineData("two")]
    [InlineData("one")]
    [InlineData("the")]
    [InlineData("the one")]
    [InlineData("zeroth")]
    [InlineData("0th")]
    [InlineData("第零")]
    [InlineData("第")]
    [InlineData("Help Desk Inc")]
    [InlineData("month")]
    [InlineData("fifth avenue")]
    [InlineData("last week")]
    [InlineData("second to last")]
    [InlineData("first second")]
    [InlineData("vingt premier")]
    [InlineData("number")]
    [InlineData("number 2.5")]
    [InlineData("yes")]
    [InlineData("最後的晚餐")]
    public void Anything_but_a_position_is_not_an_ordinal(string? text)
    {
        Assert.Null(OrdinalRecognizer.Recognize(text, "en-US"));
        Assert.Null(OrdinalRecognizer.Recognize(text, "fr-FR"));
        Assert.Null(OrdinalRecognizer.Recognize(text, "zh-TW"));
    }
}
