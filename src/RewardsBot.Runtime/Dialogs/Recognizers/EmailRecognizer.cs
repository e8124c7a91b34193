using System.Globalization;
using System.Text;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Finds the one email address in what a user typed: alone, trimmed, in angle brackets, after "mailto:", after a
/// display name ("Ana Lopez &lt;ana@contoso.com&gt;") or inside a short sentence ("my email is ana@contoso.com").
/// </summary>
/// <remarks>
/// <para>The address is returned with its domain lower-cased and converted to ASCII (IDN, e.g. bücher.de →
/// xn--bcher-kva.de). The local part is kept as typed, because RFC 5321 §2.4 leaves its case to the receiving
/// host: "Ana.Lopez" and "ana.lopez" may be two mailboxes. Comparing two addresses (the marketing contact's email
/// must differ from the company account's) is the domain service's job, and it should ignore case there.</para>
/// <para>Accepted syntax, deliberately narrower than RFC 5322: a local part of ASCII letters, digits, dots (not
/// leading, trailing or doubled) and <c>!#$%&amp;'*+/=?^_`{|}~-</c> (so "+tags" pass), at most 64 characters; a
/// domain of at least two labels (letters, digits, hyphens, not at either end of a label, 63 characters at most)
/// whose last label is two or more letters or an IDN "xn--" label; at most 254 characters in all (RFC 5321
/// §4.5.3.1). Refused: quoted local parts, IP-literal domains, non-ASCII local parts (they need SMTPUTF8, which
/// the Rewards team's mail cannot be assumed to support), and domains written in CJK scripts, because CJK text
/// has no spaces and those characters end the address ("我的電郵是ana@contoso.com。" is read).</para>
/// <para>Null when there is no address, when an "@" does not begin a valid address, or when two different
/// addresses are given: the prompt should then ask again rather than guess.</para>
/// </remarks>
public static class EmailRecognizer
{
    public const int MaxLocalPartLength = 64;
    public const int MaxAddressLength = 254;
    public const int MaxDomainLength = 253;
    public const int MaxLabelLength = 63;

    private const string LocalSymbols = "!#$%&'*+/=?^_`{|}~-.";

    public static string? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // NFKC folds full-width letters, digits and "＠" typed with a CJK input method into ASCII.
        var folded = text.Normalize(NormalizationForm.FormKC);
        string? found = null;
        for (var at = folded.IndexOf('@', StringComparison.Ordinal); at >= 0; at = folded.IndexOf('@', at + 1))
        {
            var address = ReadAddressAround(folded, at);
            if (address is null || (found is not null && !found.Equals(address, StringComparison.Ordinal)))
            {
                return null;
            }

            found = address;
        }

        return found;
    }

    private static string? ReadAddressAround(string text, int at)
    {
        var start = at;
        while (start > 0 && IsLocalChar(text[start - 1]))
        {
            start--;
        }

        if (start > 0 && !IsBoundary(text[start - 1]))
        {
            return null; // "josé@…": the local part goes on with a character we do not accept.
        }

        var end = at + 1;
        while (end < text.Length && IsDomainChar(text[end]))
        {
            end++;
        }

        var local = text[start..at].TrimStart('\'', '`');
        var domain = text[(at + 1)..end].TrimEnd('.');
        return Validate(local, domain);
    }

    private static string? Validate(string local, string domain)
    {
        if (!IsValidLocalPart(local))
        {
            return null;
        }

        var asciiDomain = ToAsciiDomain(domain);
        if (asciiDomain is null)
        {
            return null;
        }

        var address = local + "@" + asciiDomain;
        return address.Length <= MaxAddressLength ? address : null;
    }

    private static bool IsValidLocalPart(string local) =>
        local.Length is > 0 and <= MaxLocalPartLength
        && local[0] != '.'
        && local[^1] != '.'
        && !local.Contains("..", StringComparison.Ordinal)
        && local.All(IsLocalChar);

    private static string? ToAsciiDomain(string domain)
    {
        if (domain.Length == 0)
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        return ascii.Length <= MaxDomainLength && labels.Length >= 2 && labels.All(IsValidLabel) && IsValidTopLevel(labels[^1])
            ? ascii
            : null;
    }

    private static bool IsValidLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsValidTopLevel(string label) =>
        (label.Length >= 2 && label.All(char.IsAsciiLetter)) || label.StartsWith("xn--", StringComparison.Ordinal);

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || LocalSymbols.Contains(c, StringComparison.Ordinal);

    private static bool IsDomainChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' || (c > '\u007F' && IsLetterDigitOrMark(c) && !IsSpacelessScript(c));

    private static bool IsBoundary(char c) => !IsLetterDigitOrMark(c) || IsSpacelessScript(c);

    private static bool IsLetterDigitOrMark(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Han, kana, Hangul (and surrogates, for the rarer Han blocks): scripts written without spaces between words.</summary>
    private static bool IsSpacelessScript(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF') || char.IsSurrogate(c);
}
