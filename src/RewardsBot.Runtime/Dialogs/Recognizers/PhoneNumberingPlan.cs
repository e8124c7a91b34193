namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>One region's entry in calling-codes.json.</summary>
/// <param name="Region">ISO 3166 alpha-2 code, upper case ("FR").</param>
/// <param name="CallingCode">Country calling code without "+" ("33").</param>
/// <param name="TrunkPrefix">Digits dialled before a national number inside the region ("0"; "1" in the NANP), or null.</param>
/// <param name="InternationalPrefixes">Digits dialled from the region before a calling code ("00"; "011" in the NANP).</param>
/// <param name="MinLength">Fewest digits of a national significant number.</param>
/// <param name="MaxLength">Most digits of a national significant number.</param>
public sealed record PhoneNumberingPlan(
    string Region,
    string CallingCode,
    string? TrunkPrefix,
    IReadOnlyList<string> InternationalPrefixes,
    int MinLength,
    int MaxLength)
{
    public bool Fits(int length) => length >= MinLength && length <= MaxLength;
}
