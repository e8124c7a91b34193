using System.Globalization;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>The default phone region to assume from a chat locale.</summary>
public static class PhoneRegions
{
    /// <summary>
    /// The ISO 3166 alpha-2 region of a locale ("fr-CA" → CA, "zh-TW" → TW), or of the region where a neutral
    /// language is mostly used as .NET's <see cref="CultureInfo.CreateSpecificCulture"/> says ("fr" → FR, "en" → US).
    /// Two exceptions: "zh-Hant" → TW (the bot's Traditional Chinese is zh-TW, where .NET would say HK) and
    /// "zh-Hans" → CN. Null when the locale is not one .NET knows, has no country ("en-001"), or names a region
    /// that calling-codes.json does not list, since the phone recognizer could do nothing with it.
    /// </summary>
    public static string? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var tag = locale.Trim().Replace('_', '-');
        if (tag.Equals("zh-Hant", StringComparison.OrdinalIgnoreCase))
        {
            return "TW";
        }

        if (tag.Equals("zh-Hans", StringComparison.OrdinalIgnoreCase))
        {
            return "CN";
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            if (culture.IsNeutralCulture)
            {
                culture = CultureInfo.CreateSpecificCulture(culture.Name);
            }

            var region = new RegionInfo(culture.Name).TwoLetterISORegionName;
            return CallingCodes.ForRegion(region)?.Region;
        }
        catch (ArgumentException)
        {
            // CultureNotFoundException derives from ArgumentException; RegionInfo throws it for "en-001" and the like.
            return null;
        }
    }
}
