using System.Text.RegularExpressions;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Tests.Content;

public partial class BotTextsTests
{
    [GeneratedRegex(@"\{[A-Za-z][A-Za-z0-9]*\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void Every_language_has_every_key_with_the_same_placeholders()
    {
        var texts = BotTexts.Default;
        Assert.Equal(BotLanguage.All.Order(), texts.Languages.Keys.Order());
        var english = texts.Languages[BotLanguage.English];
        Assert.NotEmpty(english);

        foreach (var language in BotLanguage.All)
        {
            var table = texts.Languages[language];
            Assert.Equal(english.Keys.Order(), table.Keys.Order());
            foreach (var (key, text) in english)
            {
                Assert.False(string.IsNullOrWhiteSpace(table[key]), $"{language}:{key} is empty");
                Assert.True(
                    Placeholders(text).SetEquals(Placeholders(table[key])),
                    $"{language}:{key} has placeholders [{string.Join(",", Placeholders(table[key]))}], English has [{string.Join(",", Placeholders(text))}]");
            }
        }
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("en-US", "en")]
    [InlineData("de-DE", "en")]
    [InlineData("fr", "fr")]
    [InlineData("fr-CA", "fr")]
    [InlineData("FR-fr", "fr")]
    [InlineData("zh-TW", "zh-TW")]
    [InlineData("zh-HK", "zh-TW")]
    [InlineData("zh-Hant", "zh-TW")]
    [InlineData("zh-Hant-TW", "zh-TW")]
    [InlineData("zh_TW", "zh-TW")]
    [InlineData("zh-CN", "en")]
    [InlineData("zh-Hans", "en")]
    public void Locale_maps_to_a_bot_language(string? locale, string expected)
    {
        Assert.Equal(expected, BotLanguage.FromLocale(locale));
    }

    [Fact]
    public void Placeholders_are_filled_in_the_chats_language()
    {
        Assert.Equal(
            "You are signed in as Ana Ribeiro of Contoso Analytics.",
            BotTexts.Default.Get("main.welcome.signedInAs", "en-GB", ("name", "Ana Ribeiro"), ("company", "Contoso Analytics")));
        Assert.Equal("US$1.5", BotTexts.Default.Get("common.usd", "en", ("amount", 1.5m)));
        Assert.Equal("1,5 $ US", BotTexts.Default.Get("common.usd", "fr-FR", ("amount", 1.5m)));
    }

    [Fact]
    public void A_missing_key_names_the_file_to_fix()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => BotTexts.Default.Get("nope.missing", "fr-FR"));

        Assert.Contains("dialogs/<area>.fr.json", error.Message, StringComparison.Ordinal);
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();
}
