using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>The digits of a typed phone number, whether it began with "+", and its extension.</summary>
internal sealed record PhoneText(string Digits, bool HasPlus, string? Extension);

/// <summary>
/// Reads the characters people type around phone digits: spaces of any width, "-", ".", "/", parentheses, dashes,
/// a leading "+" and a leading "tel:". Digits of any script are read (full-width "０９" included). An extension
/// at the end ("ext. 12", "ext=12", "x12", "#12", "poste 12", "分機 12", "轉 12", "内線 12") is kept apart.
/// Anything else, letters in particular ("1-800-FLOWERS", "Help Desk Inc"), means the text is not a phone number.
/// </summary>
internal static partial class PhoneTextReader
{
    [GeneratedRegex(
        @"(?:(?<![a-z])(?:ext(?:ension)?|x|poste)\.?\s*[:=.]?|;\s*ext=|#|分機|分机|轉|转|內線|内線|内线)\s*(?<ext>[0-9]{1,7})\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();

    public static PhoneText? Read(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).Trim();
        if (folded.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            folded = folded[4..].TrimStart();
        }

        string? extension = null;
        var match = ExtensionPattern().Match(folded);
        if (match.Success && match.Index > 0)
        {
            extension = match.Groups["ext"].Value;
            folded = folded[..match.Index];
        }

        var digits = new StringBuilder();
        var hasPlus = false;
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetDecimalDigitValue(c) is var value and >= 0 && char.IsDigit(c))
            {
                digits.Append((char)('0' + value));
            }
            else if (c == '+' && digits.Length == 0 && !hasPlus)
            {
                hasPlus = true;
            }
            else if (!IsSeparator(c))
            {
                return null;
            }
        }

        return digits.Length > 0 ? new PhoneText(digits.ToString(), hasPlus, extension) : null;
    }

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '-' or '.' or '/' or '(' or ')' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';
}
