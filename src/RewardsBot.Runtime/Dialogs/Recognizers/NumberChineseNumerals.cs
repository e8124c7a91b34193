using System.Globalization;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Chinese numerals, traditional and simplified, with the financial forms: 十二, 二十, 一百零五, 兩千, 三萬五千,
/// the short forms 三百五 (350) and 一萬二 (12 000), digit-by-digit readings of three or more digits (二〇二四),
/// 負 for minus, 點 for the decimal point, and Arabic digits before a unit (2萬).
/// </summary>
internal static class NumberChineseNumerals
{
    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['一'] = 1, ['壹'] = 1, ['二'] = 2, ['貳'] = 2, ['贰'] = 2, ['兩'] = 2, ['两'] = 2,
        ['三'] = 3, ['參'] = 3, ['叁'] = 3, ['四'] = 4, ['肆'] = 4, ['五'] = 5, ['伍'] = 5, ['六'] = 6, ['陸'] = 6,
        ['陆'] = 6, ['七'] = 7, ['柒'] = 7, ['八'] = 8, ['捌'] = 8, ['九'] = 9, ['玖'] = 9,
    };

    private static readonly Dictionary<char, long> SmallUnits = new()
    {
        ['十'] = 10, ['拾'] = 10, ['百'] = 100, ['佰'] = 100, ['千'] = 1_000, ['仟'] = 1_000,
    };

    private static readonly Dictionary<char, long> LargeUnits = new()
    {
        ['萬'] = 10_000, ['万'] = 10_000, ['億'] = 100_000_000, ['亿'] = 100_000_000,
    };

    public static decimal? Parse(string text)
    {
        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        var negative = compact.Length > 1 && compact[0] is '負' or '负' or '-';
        if (negative)
        {
            compact = compact[1..];
        }

        var point = compact.IndexOfAny(['點', '点']);
        var integerPart = point < 0 ? compact : compact[..point];
        var fraction = point < 0 ? string.Empty : FractionDigits(compact[(point + 1)..]);
        if (ParseInteger(integerPart) is not { } integer || fraction is null)
        {
            return null;
        }

        var value = fraction.Length == 0
            ? integer
            : decimal.Parse($"{integer}.{fraction}", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    /// <summary>A whole number in Chinese numerals, or null.</summary>
    internal static long? ParseInteger(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length >= 3 && text.All(c => Digits.ContainsKey(c) && c is not ('兩' or '两')))
        {
            return text.Aggregate(0L, (number, c) => (number * 10) + Digits[c]); // 二〇二四
        }

        long total = 0, section = 0, lastSmallUnit = long.MaxValue, lastLargeUnit = long.MaxValue, lastUnit = 0;
        long? pending = null;
        var zeroSinceUnit = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                var end = i;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                if (pending is not null || end - i > 9)
                {
                    return null;
                }

                pending = long.Parse(text[i..end], CultureInfo.InvariantCulture);
                i = end - 1;
            }
            else if (Digits.TryGetValue(c, out var digit))
            {
                if (pending is not null)
                {
                    return null;
                }

                zeroSinceUnit |= digit == 0;
                pending = digit == 0 ? null : digit;
                if (digit == 0 && text.Length == 1)
                {
                    return 0;
                }
            }
            else if (SmallUnits.TryGetValue(c, out var small))
            {
                var multiplier = pending ?? (small == 10 ? 1 : 0);
                if (small >= lastSmallUnit || multiplier is < 1 or > 9)
                {
                    return null;
                }

                section += multiplier * small;
                (pending, lastSmallUnit, lastUnit, zeroSinceUnit) = (null, small, small, false);
            }
            else if (LargeUnits.TryGetValue(c, out var large))
            {
                var sectionValue = section + (pending ?? 0);
                if (large >= lastLargeUnit || sectionValue == 0)
                {
                    return null;
                }

                total += sectionValue * large;
                (section, pending, lastSmallUnit, lastLargeUnit, lastUnit, zeroSinceUnit) = (0, null, long.MaxValue, large, large, false);
            }
            else
            {
                return null;
            }
        }

        if (pending is { } last)
        {
            // 三百五 is 350 and 一萬二 is 12 000: a last digit right after a unit counts in the unit below it.
            var shortForm = lastUnit >= 100 && !zeroSinceUnit && last <= 9;
            section += shortForm ? last * (lastUnit / 10) : last;
        }
        else if (lastUnit == 0 && !zeroSinceUnit)
        {
            return null;
        }

        return total + section;
    }

    private static string? FractionDigits(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var digits = text.Select(c => char.IsAsciiDigit(c) ? c - '0' : Digits.GetValueOrDefault(c, -1)).ToList();
        return digits.Any(d => d < 0) || text.IndexOfAny(['兩', '两']) >= 0 ? null : string.Concat(digits);
    }
}
