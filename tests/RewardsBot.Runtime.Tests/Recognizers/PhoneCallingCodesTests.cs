using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Tests.Recognizers;

public sealed class PhoneCallingCodesTests
{
    [Theory]
    [InlineData("US", "1", "1", 10, 10)]
    [InlineData("CA", "1", "1", 10, 10)]
    [InlineData("FR", "33", "0", 9, 9)]
    [InlineData("GB", "44", "0", 9, 10)]
    [InlineData("DE", "49", "0", 6, 13)]
    [InlineData("ES", "34", null, 9, 9)]
    [InlineData("IT", "39", null, 6, 11)]
    [InlineData("NL", "31", "0", 9, 9)]
    [InlineData("BE", "32", "0", 8, 9)]
    [InlineData("CH", "41", "0", 9, 9)]
    [InlineData("IE", "353", "0", 7, 9)]
    [InlineData("PT", "351", null, 9, 9)]
    [InlineData("SE", "46", "0", 6, 10)]
    [InlineData("NO", "47", null, 8, 8)]
    [InlineData("DK", "45", null, 8, 8)]
    [InlineData("FI", "358", "0", 5, 12)]
    [InlineData("PL", "48", null, 9, 9)]
    [InlineData("AT", "43", "0", 4, 13)]
    [InlineData("TW", "886", "0", 8, 9)]
    [InlineData("HK", "852", null, 8, 9)]
    [InlineData("MO", "853", null, 8, 8)]
    [InlineData("CN", "86", "0", 7, 11)]
    [InlineData("JP", "81", "0", 9, 10)]
    [InlineData("KR", "82", "0", 8, 10)]
    [InlineData("SG", "65", null, 8, 11)]
    [InlineData("IN", "91", "0", 10, 10)]
    [InlineData("AU", "61", "0", 9, 9)]
    [InlineData("NZ", "64", "0", 8, 10)]
    [InlineData("BR", "55", "0", 10, 11)]
    [InlineData("MX", "52", null, 10, 10)]
    [InlineData("ZA", "27", "0", 9, 9)]
    [InlineData("AE", "971", "0", 8, 9)]
    [InlineData("IL", "972", "0", 8, 9)]
    public void Lists_each_required_region_with_its_code_trunk_prefix_and_lengths(string region, string code, string? trunk, int min, int max)
    {
        var plan = CallingCodes.ForRegion(region);

        Assert.NotNull(plan);
        Assert.Equal((region, code, trunk, min, max), (plan.Region, plan.CallingCode, plan.TrunkPrefix, plan.MinLength, plan.MaxLength));
    }

    [Theory]
    [InlineData("US", "011")]
    [InlineData("CA", "011")]
    [InlineData("FR", "00")]
    [InlineData("TW", "002")]
    [InlineData("TW", "00")]
    [InlineData("JP", "010")]
    [InlineData("AU", "0011")]
    [InlineData("KR", "00700")]
    public void Knows_the_international_prefix_dialled_from_a_region(string region, string prefix)
    {
        Assert.Contains(prefix, CallingCodes.ForRegion(region)!.InternationalPrefixes);
    }

    [Theory]
    [InlineData("1", "US", "CA")]
    [InlineData("44", "GB", "JE")]
    [InlineData("7", "RU", "KZ")]
    [InlineData("39", "IT", "VA")]
    public void A_shared_calling_code_lists_its_main_region_first(string code, string main, string other)
    {
        var regions = CallingCodes.ForCallingCode(code).Select(p => p.Region).ToList();

        Assert.Equal(main, regions[0]);
        Assert.Contains(other, regions);
    }

    [Fact]
    public void Calling_codes_are_prefix_free_and_regions_unique()
    {
        var codes = CallingCodes.All.Select(p => p.CallingCode).Distinct().ToList();

        Assert.DoesNotContain(codes, a => codes.Any(b => a != b && b.StartsWith(a, StringComparison.Ordinal)));
        Assert.Equal(CallingCodes.All.Count, CallingCodes.All.Select(p => p.Region).Distinct().Count());
        Assert.All(CallingCodes.All, p => Assert.InRange(p.CallingCode.Length + p.MaxLength, 1, CallingCodes.MaxE164Digits));
    }

    [Theory]
    [InlineData("886212345678", "886")]
    [InlineData("14255550100", "1")]
    [InlineData("33123456789", "33")]
    [InlineData("999123", null)]
    [InlineData("", null)]
    public void Matches_the_calling_code_at_the_start_of_digits(string digits, string? code)
    {
        Assert.Equal(code, CallingCodes.MatchCallingCode(digits));
    }

    [Theory]
    [InlineData("fr", "FR")]
    [InlineData(" tw ", "TW")]
    [InlineData("XX", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Finds_a_region_plan_in_any_case(string? region, string? expected)
    {
        Assert.Equal(expected, CallingCodes.ForRegion(region)?.Region);
    }

    [Theory]
    [InlineData("""{ "region": "fr", "callingCode": "33", "trunkPrefix": "0", "internationalPrefixes": ["00"], "minLength": 9, "maxLength": 9 }""", "region 'fr'")]
    [InlineData("""{ "region": "FR", "callingCode": "033", "trunkPrefix": "0", "internationalPrefixes": ["00"], "minLength": 9, "maxLength": 9 }""", "callingCode")]
    [InlineData("""{ "region": "FR", "callingCode": "33", "trunkPrefix": "0", "internationalPrefixes": [], "minLength": 9, "maxLength": 9 }""", "internationalPrefixes")]
    [InlineData("""{ "region": "FR", "callingCode": "33", "trunkPrefix": "0", "internationalPrefixes": ["00"], "minLength": 10, "maxLength": 9 }""", "minLength")]
    [InlineData("""{ "region": "FR", "callingCode": "33", "trunkPrefix": "0", "internationalPrefixes": ["00"], "minLength": 9, "maxLength": 14 }""", "E.164")]
    [InlineData("""{ "region": "FR", "callingCode": "33", "trunkPrefix": "0", "internationalPrefixes": ["00"], "minLength": 9, "maxLength": 9 }, { "region": "FR", "callingCode": "33", "trunkPrefix": "0", "internationalPrefixes": ["00"], "minLength": 9, "maxLength": 9 }""", "twice")]
    [InlineData("""{ "region": "US", "callingCode": "1", "trunkPrefix": "1", "internationalPrefixes": ["011"], "minLength": 10, "maxLength": 10 }, { "region": "XA", "callingCode": "12", "trunkPrefix": null, "internationalPrefixes": ["00"], "minLength": 8, "maxLength": 8 }""", "prefix of 12")]
    public void The_loader_refuses_data_that_would_misread_numbers(string entries, string problem)
    {
        var json = $$"""{ "regions": [ {{entries}} ] }""";

        var exception = Assert.Throws<InvalidDataException>(() => CallingCodes.Parse(json));

        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loader_reads_a_well_formed_entry()
    {
        var table = CallingCodes.Parse("""{ "regions": [ { "region": "ES", "callingCode": "34", "trunkPrefix": null, "internationalPrefixes": ["00"], "minLength": 9, "maxLength": 9 } ] }""");

        var plan = Assert.Single(table.All);
        Assert.Equal(("ES", "34", (string?)null, 9, 9), (plan.Region, plan.CallingCode, plan.TrunkPrefix, plan.MinLength, plan.MaxLength));
        Assert.Equal(["00"], plan.InternationalPrefixes);
    }
}
