using System.Globalization;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Reads a phone number as people type it and gives it in E.164 ("+14255550100"), using the numbering plans in
/// calling-codes.json.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>"+…" is international. So is a number starting with an international prefix of the default region
/// ("011" from the NANP, "002" from Taiwan, "0011" from Australia) or with "00", read as international from
/// anywhere because most of the world dials it and no national number starts with it.</item>
/// <item>Anything else is a national number of the default region; without a (known) default region the result
/// is <see cref="PhoneNumberOutcome.NeedsCountry"/>. The region's trunk prefix is dropped ("02 1234 5678" in TW →
/// +886212345678; "1 425 555 0100" in US), and so is a trunk "0" written after a calling code ("+33 (0)1 …").
/// A national number that starts with the region's own calling code and is too long otherwise
/// ("33 1 23 45 67 89" in FR) is read as if "+" had been typed.</item>
/// <item>Lengths are those of the national significant number; for a shared code (+1, +44, +7, +39) the widest
/// range of the regions sharing it applies. Numbering plans are not otherwise checked (no area-code or
/// number-type rules): this recognizer catches typing mistakes, it does not prove a line exists.</item>
/// <item>An extension is not part of an E.164 number. It is accepted, left out of <see cref="PhoneNumberResult.E164"/>
/// and returned in <see cref="PhoneNumberResult.Extension"/> so the caller can keep or drop it.</item>
/// </list>
/// </remarks>
public static class PhoneNumberRecognizer
{
    /// <summary>Longer inputs are not a phone number someone typed.</summary>
    public const int MaxInputLength = 100;

    private const string CommonInternationalPrefix = "00";

    public static PhoneNumberResult Recognize(string? text, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new PhoneNumberResult(PhoneNumberOutcome.Empty);
        }

        var read = text.Length <= MaxInputLength ? PhoneTextReader.Read(text) : null;
        if (read is null)
        {
            return new PhoneNumberResult(PhoneNumberOutcome.NotANumber);
        }

        var home = CallingCodes.ForRegion(defaultRegion);
        if (read.HasPlus)
        {
            return International(read.Digits, home, read.Extension);
        }

        var afterPrefix = StripInternationalPrefix(read.Digits, home);
        if (afterPrefix is not null)
        {
            return International(afterPrefix, home, read.Extension);
        }

        return home is null
            ? new PhoneNumberResult(PhoneNumberOutcome.NeedsCountry) { Extension = read.Extension }
            : National(read.Digits, home, read.Extension);
    }

    /// <summary>The digits after an international prefix, or null when the number does not start with one.</summary>
    private static string? StripInternationalPrefix(string digits, PhoneNumberingPlan? home)
    {
        var prefixes = (home?.InternationalPrefixes ?? []).Append(CommonInternationalPrefix).Distinct().OrderByDescending(p => p.Length);
        string? withUnknownCode = null;
        foreach (var prefix in prefixes.Where(p => digits.StartsWith(p, StringComparison.Ordinal)))
        {
            // "002" and "00" both work from Taiwan: take the reading that leaves a known calling code.
            var rest = digits[prefix.Length..];
            if (CallingCodes.MatchCallingCode(rest) is not null)
            {
                return rest;
            }

            // No national number starts with 0 followed by an international prefix's next digits, so "00 999 …" is
            // an international number with an unknown code; a prefix like Russia's "810" may be a national number.
            if (prefix[0] == '0')
            {
                withUnknownCode ??= rest;
            }
        }

        return withUnknownCode;
    }

    private static PhoneNumberResult International(string digits, PhoneNumberingPlan? home, string? extension)
    {
        var code = CallingCodes.MatchCallingCode(digits);
        if (code is null)
        {
            return new PhoneNumberResult(PhoneNumberOutcome.UnknownCountryCode) { Extension = extension };
        }

        var plans = CallingCodes.ForCallingCode(code);
        var plan = plans.FirstOrDefault(p => p == home) ?? plans[0];
        var min = plans.Min(p => p.MinLength);
        var max = plans.Max(p => p.MaxLength);
        var national = DropTrunkPrefix(digits[code.Length..], plan.TrunkPrefix, min, max);
        return Measure(code, plan.Region, national, min, max, extension);
    }

    private static PhoneNumberResult National(string digits, PhoneNumberingPlan home, string? extension)
    {
        var national = DropTrunkPrefix(digits, home.TrunkPrefix, home.MinLength, home.MaxLength);
        var result = Measure(home.CallingCode, home.Region, national, home.MinLength, home.MaxLength, extension);
        if (result.Outcome == PhoneNumberOutcome.TooLong && digits.StartsWith(home.CallingCode, StringComparison.Ordinal))
        {
            var international = International(digits, home, extension);
            if (international.IsValid)
            {
                return international;
            }
        }

        return result;
    }

    /// <summary>
    /// No national significant number starts with 0 where 0 is the trunk prefix, so a leading 0 is always the trunk
    /// prefix written out. Other trunk prefixes (1 in the NANP, 8 in +7) also begin real numbers (+7 800 …), so
    /// they are dropped only when that is what makes the length fit.
    /// </summary>
    private static string DropTrunkPrefix(string national, string? trunkPrefix, int min, int max)
    {
        if (trunkPrefix is null || !national.StartsWith(trunkPrefix, StringComparison.Ordinal))
        {
            return national;
        }

        var without = national[trunkPrefix.Length..];
        var fits = national.Length >= min && national.Length <= max;
        var fitsWithout = without.Length >= min && without.Length <= max;
        return trunkPrefix == "0" || (!fits && fitsWithout) ? without : national;
    }

    private static PhoneNumberResult Measure(string code, string region, string national, int min, int max, string? extension)
    {
        var outcome = national.Length < min ? PhoneNumberOutcome.TooShort
            : national.Length > max ? PhoneNumberOutcome.TooLong
            : PhoneNumberOutcome.Valid;
        return new PhoneNumberResult(outcome)
        {
            E164 = outcome == PhoneNumberOutcome.Valid ? "+" + code + national : null,
            CountryCallingCode = int.Parse(code, NumberStyles.None, CultureInfo.InvariantCulture),
            Region = region,
            NationalNumber = national,
            Extension = extension,
        };
    }
}
