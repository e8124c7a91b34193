using System.Globalization;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Numbers written with digits and the separators people use: "1,234.5" and "1234" (en), "1 234,5" and "12,5" (fr),
/// "1.234.567,89", "-3". When one separator could be either ("1,234", "1.234"), the locale's decimal separator decides.
/// Spaces group digits only in locales that group with spaces (fr) or when the number has a decimal part.
/// </summary>
internal static class NumberDigits
{
    public static decimal? Parse(string text, string? locale)
    {
        var negative = text.StartsWith('-');
        var body = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        if (body.Length == 0 || !char.IsAsciiDigit(body[^1])
            || !body.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or ' ' or '\''))
        {
            return null;
        }

        var conventions = Conventions.For(locale);
        var commas = body.Count(c => c == ',');
        var dots = body.Count(c => c == '.');
        decimal? value;
        if (commas > 0 && dots > 0)
        {
            value = Build(body, body.LastIndexOf(',') > body.LastIndexOf('.') ? ',' : '.', conventions);
        }
        else if (commas + dots == 1)
        {
            var separator = commas == 1 ? ',' : '.';
            var digitsAfter = body.Length - body.IndexOf(separator, StringComparison.Ordinal) - 1;
            var mayBeGroup = digitsAfter == 3 && separator != conventions.DecimalSeparator;
            value = (mayBeGroup ? Build(body, null, conventions) : null) ?? Build(body, separator, conventions);
        }
        else
        {
            value = Build(body, null, conventions);
        }

        return negative ? -value : value;
    }

    private static decimal? Build(string body, char? decimalSeparator, Conventions conventions)
    {
        var integerPart = body;
        var fraction = string.Empty;
        if (decimalSeparator is { } separator)
        {
            var at = body.IndexOf(separator, StringComparison.Ordinal);
            if (at != body.LastIndexOf(separator))
            {
                return null;
            }

            integerPart = body[..at];
            fraction = body[(at + 1)..];
            if (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))
            {
                return null;
            }
        }

        var digits = Ungroup(integerPart, allowSpaces: conventions.GroupsWithSpaces || fraction.Length > 0, conventions.GroupsWithApostrophe);
        if (digits is null || (digits.Length == 0 && fraction.Length == 0))
        {
            return null;
        }

        var invariant = (digits.Length == 0 ? "0" : digits) + (fraction.Length > 0 ? "." + fraction : string.Empty);
        return decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>The digits of an integer part, or null when its groups are not 1-3 digits then exactly 3 digits each.</summary>
    private static string? Ungroup(string integerPart, bool allowSpaces, bool allowApostrophe)
    {
        var groupSeparators = integerPart.Where(c => !char.IsAsciiDigit(c)).Distinct().ToList();
        if (groupSeparators.Count == 0)
        {
            return integerPart;
        }

        var separator = groupSeparators[0];
        if (groupSeparators.Count > 1 || (separator == ' ' && !allowSpaces) || (separator == '\'' && !allowApostrophe))
        {
            return null;
        }

        var groups = integerPart.Split(separator);
        var wellFormed = groups[0].Length is >= 1 and <= 3 && groups[0][0] != '0' && groups.Skip(1).All(group => group.Length == 3);
        return wellFormed ? string.Concat(groups) : null;
    }

    private sealed record Conventions(char DecimalSeparator, bool GroupsWithSpaces, bool GroupsWithApostrophe)
    {
        public static Conventions For(string? locale)
        {
            var format = Culture(locale)?.NumberFormat;
            var language = BotLanguage.FromLocale(locale);
            var decimalSeparator = format?.NumberDecimalSeparator switch
            {
                "," => ',',
                "." => '.',
                _ => language == BotLanguage.French ? ',' : '.',
            };
            var group = format?.NumberGroupSeparator ?? (language == BotLanguage.French ? " " : ",");
            return new Conventions(decimalSeparator, group.Length == 1 && char.IsWhiteSpace(group[0]), group is "'" or "\u2019");
        }

        private static CultureInfo? Culture(string? locale)
        {
            if (string.IsNullOrWhiteSpace(locale))
            {
                return null;
            }

            try
            {
                return CultureInfo.GetCultureInfo(locale.Trim().Replace('_', '-'), predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                return null;
            }
        }
    }
}
