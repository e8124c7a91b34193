using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class PhoneNumberRecognizerTests
{
    [Theory]
    [InlineData("+1 (425) 555-0100", null, "+14255550100", "US")]
    [InlineData("+1 (425) 555-0100", "CA", "+14255550100", "CA")]
    [InlineData("+1 787 555 0100", "PR", "+17875550100", "PR")]
    [InlineData("+1 787 555 0100", "FR", "+17875550100", "US")]
    [InlineData("425.555.0100", "US", "+14255550100", "US")]
    [InlineData("(425) 555-0100", "us", "+14255550100", "US")]
    [InlineData("1 425 555 0100", "US", "+14255550100", "US")]
    [InlineData("1-604-555-0100", "CA", "+16045550100", "CA")]
    [InlineData("tel:+1-425-555-0100", null, "+14255550100", "US")]
    [InlineData("+1\u00A0425\u00A0555\u00A00100", null, "+14255550100", "US")]
    [InlineData("+1 425\u2013555\u20130100", null, "+14255550100", "US")]
    [InlineData("00 33 1 23 45 67 89", null, "+33123456789", "FR")]
    [InlineData("00 33 1 23 45 67 89", "US", "+33123456789", "FR")]
    [InlineData("011 33 1 23 45 67 89", "US", "+33123456789", "FR")]
    [InlineData("01 23 45 67 89", "FR", "+33123456789", "FR")]
    [InlineData("06.12.34.56.78", "FR", "+33612345678", "FR")]
    [InlineData("+33 (0)1 23 45 67 89", null, "+33123456789", "FR")]
    [InlineData("+33 0 1 23 45 67 89", null, "+33123456789", "FR")]
    [InlineData("0033 (0)1 23 45 67 89", "DE", "+33123456789", "FR")]
    [InlineData("33 1 23 45 67 89", "FR", "+33123456789", "FR")]
    [InlineData("+886 2 1234 5678", null, "+886212345678", "TW")]
    [InlineData("02 1234 5678", "TW", "+886212345678", "TW")]
    [InlineData("(02) 1234-5678", "TW", "+886212345678", "TW")]
    [InlineData("0912-345-678", "TW", "+886912345678", "TW")]
    [InlineData("037 123 456", "TW", "+88637123456", "TW")]
    [InlineData("002 33 1 23 45 67 89", "TW", "+33123456789", "FR")]
    [InlineData("00 886 2 1234 5678", "TW", "+886212345678", "TW")]
    [InlineData("886 2 1234 5678", "TW", "+886212345678", "TW")]
    [InlineData("＋８８６　２　１２３４　５６７８", null, "+886212345678", "TW")]
    [InlineData("０２－１２３４－５６７８", "TW", "+886212345678", "TW")]
    [InlineData("+44 (0)20 7946 0000", null, "+442079460000", "GB")]
    [InlineData("020 7946 0000", "GB", "+442079460000", "GB")]
    [InlineData("+44 1534 123456", "JE", "+441534123456", "JE")]
    [InlineData("+49 (0)30 1234567", null, "+49301234567", "DE")]
    [InlineData("030 1234567", "DE", "+49301234567", "DE")]
    [InlineData("+39 06 1234 5678", null, "+390612345678", "IT")]
    [InlineData("06 1234 5678", "IT", "+390612345678", "IT")]
    [InlineData("+34 912 34 56 78", null, "+34912345678", "ES")]
    [InlineData("+7 800 123 45 67", null, "+78001234567", "RU")]
    [InlineData("8 800 123 45 67", "RU", "+78001234567", "RU")]
    [InlineData("+7 701 123 45 67", "KZ", "+77011234567", "KZ")]
    [InlineData("+31 20 123 4567", null, "+31201234567", "NL")]
    [InlineData("+32 2 123 45 67", null, "+3221234567", "BE")]
    [InlineData("+41 44 123 45 67", null, "+41441234567", "CH")]
    [InlineData("+353 1 234 5678", null, "+35312345678", "IE")]
    [InlineData("+351 912 345 678", null, "+351912345678", "PT")]
    [InlineData("+46 8 123 456 78", null, "+46812345678", "SE")]
    [InlineData("+47 22 12 34 56", null, "+4722123456", "NO")]
    [InlineData("+45 32 12 34 56", null, "+4532123456", "DK")]
    [InlineData("+358 9 1234567", null, "+35891234567", "FI")]
    [InlineData("+48 12 345 67 89", null, "+48123456789", "PL")]
    [InlineData("+43 1 234567", null, "+431234567", "AT")]
    [InlineData("+852 2123 4567", null, "+85221234567", "HK")]
    [InlineData("+853 2812 3456", null, "+85328123456", "MO")]
    [InlineData("+86 138 0013 8000", null, "+8613800138000", "CN")]
    [InlineData("+81 3-1234-5678", null, "+81312345678", "JP")]
    [InlineData("090-1234-5678", "JP", "+819012345678", "JP")]
    [InlineData("010 33 1 23 45 67 89", "JP", "+33123456789", "FR")]
    [InlineData("+82 2-123-4567", null, "+8221234567", "KR")]
    [InlineData("00700 33 1 23 45 67 89", "KR", "+33123456789", "FR")]
    [InlineData("+65 6123 4567", null, "+6561234567", "SG")]
    [InlineData("+91 98765 43210", null, "+919876543210", "IN")]
    [InlineData("+61 2 9876 5432", null, "+61298765432", "AU")]
    [InlineData("0011 33 1 23 45 67 89", "AU", "+33123456789", "FR")]
    [InlineData("+64 9 123 4567", null, "+6491234567", "NZ")]
    [InlineData("+55 11 91234-5678", null, "+5511912345678", "BR")]
    [InlineData("+52 55 1234 5678", null, "+525512345678", "MX")]
    [InlineData("+27 21 123 4567", null, "+27211234567", "ZA")]
    [InlineData("+971 50 123 4567", null, "+971501234567", "AE")]
    [InlineData("+972 3-123-4567", null, "+97231234567", "IL")]
    public void Reads_numbers_as_people_type_them_into_E164(string text, string? region, string e164, string expectedRegion)
    {
        var result = PhoneNumberRecognizer.Recognize(text, region);

        Assert.Equal(PhoneNumberOutcome.Valid, result.Outcome);
        Assert.Equal(e164, result.E164);
        Assert.Equal(expectedRegion, result.Region);
        Assert.Equal(e164, $"+{result.CountryCallingCode}{result.NationalNumber}");
        Assert.Null(result.Extension);
    }

    [Fact]
    public void Gives_the_parts_of_a_valid_number()
    {
        var result = PhoneNumberRecognizer.Recognize("02 1234 5678", "TW");

        Assert.True(result.IsValid);
        Assert.Equal(886, result.CountryCallingCode);
        Assert.Equal("TW", result.Region);
        Assert.Equal("212345678", result.NationalNumber);
    }

    [Theory]
    [InlineData("+1 425 555 0100 ext. 12", null, "+14255550100", "12")]
    [InlineData("+1 425 555 0100 Ext 12", null, "+14255550100", "12")]
    [InlineData("+1 425 555 0100 extension 1234", null, "+14255550100", "1234")]
    [InlineData("+1 425 555 0100 x12", null, "+14255550100", "12")]
    [InlineData("4255550100x12", "US", "+14255550100", "12")]
    [InlineData("+1 425 555 0100;ext=12", null, "+14255550100", "12")]
    [InlineData("+1 425 555 0100 #12", null, "+14255550100", "12")]
    [InlineData("01 23 45 67 89 poste 12", "FR", "+33123456789", "12")]
    [InlineData("02 1234 5678 分機 12", "TW", "+886212345678", "12")]
    [InlineData("02-1234-5678轉12", "TW", "+886212345678", "12")]
    [InlineData("03-1234-5678 内線 123", "JP", "+81312345678", "123")]
    public void Keeps_an_extension_apart_from_the_E164_number(string text, string? region, string e164, string extension)
    {
        var result = PhoneNumberRecognizer.Recognize(text, region);

        Assert.Equal(PhoneNumberOutcome.Valid, result.Outcome);
        Assert.Equal(e164, result.E164);
        Assert.Equal(extension, result.Extension);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Whitespace_is_empty(string? text)
    {
        Assert.Equal(PhoneNumberOutcome.Empty, PhoneNumberRecognizer.Recognize(text, "US").Outcome);
    }

    [Theory]
    [InlineData("Help Desk Inc")]
    [InlineData("abc")]
    [InlineData("1-800-FLOWERS")]
    [InlineData("+1 425 555 0100 call me")]
    [InlineData("call +1 425 555 0100")]
    [InlineData("---")]
    [InlineData("+")]
    [InlineData("425+555+0100")]
    [InlineData("++1 425 555 0100")]
    [InlineData("x12")]
    [InlineData("box 12")]
    [InlineData("☎ 425 555 0100")]
    [InlineData("425*555*0100")]
    public void Letters_and_symbols_are_not_a_number(string text)
    {
        Assert.Equal(PhoneNumberOutcome.NotANumber, PhoneNumberRecognizer.Recognize(text, "US").Outcome);
    }

    [Fact]
    public void A_very_long_text_is_not_a_number()
    {
        var text = string.Join(' ', Enumerable.Repeat("12", 40));

        Assert.Equal(PhoneNumberOutcome.NotANumber, PhoneNumberRecognizer.Recognize(text, "US").Outcome);
    }

    [Theory]
    [InlineData("+33 1 23 45 67 8", null, PhoneNumberOutcome.TooShort, "FR", "12345678")]
    [InlineData("01 23 45 67 8", "FR", PhoneNumberOutcome.TooShort, "FR", "12345678")]
    [InlineData("+33", null, PhoneNumberOutcome.TooShort, "FR", "")]
    [InlineData("555-0100", "US", PhoneNumberOutcome.TooShort, "US", "5550100")]
    [InlineData("+1 425 555 010", null, PhoneNumberOutcome.TooShort, "US", "425555010")]
    [InlineData("02 123 456", "TW", PhoneNumberOutcome.TooShort, "TW", "2123456")]
    [InlineData("+886 2 123 456", null, PhoneNumberOutcome.TooShort, "TW", "2123456")]
    [InlineData("+44 20 7946 00", null, PhoneNumberOutcome.TooShort, "GB", "20794600")]
    [InlineData("+49 30 123", null, PhoneNumberOutcome.TooShort, "DE", "30123")]
    [InlineData("+33 1 23 45 67 89 0", null, PhoneNumberOutcome.TooLong, "FR", "1234567890")]
    [InlineData("01 23 45 67 89 0", "FR", PhoneNumberOutcome.TooLong, "FR", "1234567890")]
    [InlineData("425 555 0100 1", "US", PhoneNumberOutcome.TooLong, "US", "42555501001")]
    [InlineData("+1 425 555 01001", null, PhoneNumberOutcome.TooLong, "US", "42555501001")]
    [InlineData("+886 2 1234 56789", null, PhoneNumberOutcome.TooLong, "TW", "2123456789")]
    [InlineData("02 1234 56789", "TW", PhoneNumberOutcome.TooLong, "TW", "2123456789")]
    [InlineData("+44 20 7946 00000", null, PhoneNumberOutcome.TooLong, "GB", "20794600000")]
    [InlineData("+49 30 1234 5678 9012", null, PhoneNumberOutcome.TooLong, "DE", "30123456789012")]
    public void Lengths_outside_the_region_plan_are_too_short_or_too_long(string text, string? region, PhoneNumberOutcome outcome, string expectedRegion, string national)
    {
        var result = PhoneNumberRecognizer.Recognize(text, region);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(expectedRegion, result.Region);
        Assert.Equal(national, result.NationalNumber);
        Assert.NotNull(result.CountryCallingCode);
        Assert.Null(result.E164);
    }

    [Theory]
    [InlineData("+999 123 456 789", null)]
    [InlineData("+28 1234 5678", "FR")]
    [InlineData("+800 1234 5678", null)]
    [InlineData("+0 123 456 789", null)]
    [InlineData("00 999 123 456", null)]
    [InlineData("00 999 123 456", "FR")]
    [InlineData("011 999 1234 5678", "US")]
    [InlineData("002 999 1234 5678", "TW")]
    public void A_calling_code_that_is_not_listed_is_unknown(string text, string? region)
    {
        var result = PhoneNumberRecognizer.Recognize(text, region);

        Assert.Equal(PhoneNumberOutcome.UnknownCountryCode, result.Outcome);
        Assert.Null(result.E164);
        Assert.Null(result.CountryCallingCode);
    }

    [Theory]
    [InlineData("01 23 45 67 89", null)]
    [InlineData("425 555 0100", null)]
    [InlineData("425 555 0100", "")]
    [InlineData("02 1234 5678", "XX")]
    [InlineData("02 1234 5678", "Taiwan")]
    [InlineData("011 33 1 23 45 67 89", null)]
    public void A_national_number_without_a_known_region_needs_a_country(string text, string? region)
    {
        var result = PhoneNumberRecognizer.Recognize(text, region);

        Assert.Equal(PhoneNumberOutcome.NeedsCountry, result.Outcome);
        Assert.Null(result.E164);
    }

    [Fact]
    public void The_same_number_typed_four_ways_gives_one_E164()
    {
        var readings = new[]
        {
            PhoneNumberRecognizer.Recognize("02 1234 5678", "TW"),
            PhoneNumberRecognizer.Recognize("+886 2 1234 5678", "FR"),
            PhoneNumberRecognizer.Recognize("00886212345678", null),
            PhoneNumberRecognizer.Recognize("011 886 2 1234 5678", "US"),
        };

        Assert.All(readings, r => Assert.Equal("+886212345678", r.E164));
    }
}
