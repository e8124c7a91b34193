using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class PhoneRegionsTests
{
    [Theory]
    [InlineData("en-US", "US")]
    [InlineData("fr-FR", "FR")]
    [InlineData("fr-CA", "CA")]
    [InlineData("zh-TW", "TW")]
    [InlineData("fr", "FR")]
    [InlineData("en", "US")]
    [InlineData("zh-Hant", "TW")]
    [InlineData("zh-hant", "TW")]
    [InlineData("zh-Hans", "CN")]
    [InlineData("zh-Hant-TW", "TW")]
    [InlineData("zh-HK", "HK")]
    [InlineData("de", "DE")]
    [InlineData("ja", "JP")]
    [InlineData("en-GB", "GB")]
    [InlineData("en_GB", "GB")]
    [InlineData("EN-us", "US")]
    [InlineData(" fr-BE ", "BE")]
    [InlineData("pt-BR", "BR")]
    [InlineData("es-MX", "MX")]
    [InlineData("ar-SA", "SA")]
    public void Gives_the_default_phone_region_of_a_locale(string locale, string region)
    {
        Assert.Equal(region, PhoneRegions.FromLocale(locale));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("xx")]
    [InlineData("fr-XX")]
    [InlineData("en-001")]
    [InlineData("es-419")]
    [InlineData("is-IS")]
    [InlineData("Help Desk Inc")]
    public void Gives_no_region_for_an_unknown_locale_or_one_without_a_listed_country(string? locale)
    {
        Assert.Null(PhoneRegions.FromLocale(locale));
    }

    [Fact]
    public void Every_region_it_gives_is_one_the_recognizer_can_use()
    {
        var locales = new[] { "en", "fr", "de", "es", "it", "ja", "ko", "zh", "zh-Hant", "pt", "nl", "sv", "pl", "fr-CH", "de-AT", "en-IN", "en-AU", "he-IL" };

        Assert.All(locales, locale => Assert.NotNull(CallingCodes.ForRegion(PhoneRegions.FromLocale(locale))));
    }
}
