namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>What <see cref="PhoneNumberRecognizer"/> made of a user's text.</summary>
public enum PhoneNumberOutcome
{
    /// <summary>A number of a known country, of a length its numbering plan allows.</summary>
    Valid,

    /// <summary>Nothing but whitespace.</summary>
    Empty,

    /// <summary>Letters (other than an extension marker), symbols, or no digit at all.</summary>
    NotANumber,

    /// <summary>Fewer digits after the country calling code than the region's plan allows.</summary>
    TooShort,

    /// <summary>More digits after the country calling code than the region's plan allows.</summary>
    TooLong,

    /// <summary>An international number ("+999 …", "00 999 …") whose calling code is not in calling-codes.json.</summary>
    UnknownCountryCode,

    /// <summary>A national number ("01 23 45 67 89") with no default region to say which country it belongs to.</summary>
    NeedsCountry,
}

/// <summary>
/// A phone number read from text. Besides <see cref="Outcome"/>, the parts found are filled in as far as they
/// could be read, also for <see cref="PhoneNumberOutcome.TooShort"/> and <see cref="PhoneNumberOutcome.TooLong"/>,
/// so a retry prompt can say which country's lengths were applied.
/// </summary>
public sealed record PhoneNumberResult(PhoneNumberOutcome Outcome)
{
    /// <summary>"+14255550100"; only when <see cref="Outcome"/> is <see cref="PhoneNumberOutcome.Valid"/>.</summary>
    public string? E164 { get; init; }

    /// <summary>1 for +1, 886 for +886.</summary>
    public int? CountryCallingCode { get; init; }

    /// <summary>ISO 3166 alpha-2 region: the default region when it shares the calling code, else the code's main region.</summary>
    public string? Region { get; init; }

    /// <summary>The national significant number: the digits after the calling code, without trunk prefix.</summary>
    public string? NationalNumber { get; init; }

    /// <summary>Digits after an extension marker ("ext. 12", "x12", "poste 12", "分機 12"); never part of <see cref="E164"/>.</summary>
    public string? Extension { get; init; }

    public bool IsValid => Outcome == PhoneNumberOutcome.Valid;
}
