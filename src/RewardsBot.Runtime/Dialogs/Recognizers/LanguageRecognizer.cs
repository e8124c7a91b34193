using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Reads the language a user names: in English ("French"), in itself ("français", "Deutsch", "日本語", "中文"), in
/// the chat's language ("anglais" in fr, "法文" or "法語" in zh-TW), or as a BCP-47 tag ("fr-CA", "zh-TW", "pt_BR").
/// Case, diacritics, full-width forms and a few wrappers ("in French", "en français", "用法文") do not matter.
/// </summary>
/// <remarks>
/// <para>Results are culture names as .NET spells them. A name gives the culture it names: a language alone gives
/// the neutral culture ("French" → "fr", "中文" → "zh"), a name with a script or region gives that culture
/// ("Chinese (Traditional)" → "zh-Hant", "français (Canada)" → "fr-CA"). A tag gives that tag's culture ("pt_BR" →
/// "pt-BR", "zh-tw" → "zh-TW"). Bare codes that are everyday words ("hi", "no") and deprecated or alias codes
/// ("iw", "fin") are not read as tags.</para>
/// <para>English and native names and names in the chat's language are looked up first; names in the bot's other
/// languages only when those find nothing, so "anglais" is understood in any chat.</para>
/// <para>With <c>allowed</c> (the supported preferred languages), a culture is kept when it is allowed, replaced by
/// its nearest allowed parent ("fr-CA" → "fr"), or else by the allowed cultures below it ("Chinese" → "zh-TW";
/// "French" with fr-FR and fr-CA allowed → ambiguous between the two, in the order of <c>allowed</c>).</para>
/// </remarks>
public static class LanguageRecognizer
{
    /// <summary>Longer inputs are a sentence, not a language.</summary>
    public const int MaxInputLength = 100;

    private const int KnownCulturesLimit = 256;

    public static LanguageRecognition Recognize(string? text, string? chatLocale, IReadOnlyCollection<string>? allowed = null)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxInputLength)
        {
            return LanguageRecognition.None;
        }

        var allowedCultures = allowed?.Select(ToCulture).ToList();
        var chatLanguage = BotLanguage.FromLocale(chatLocale);
        foreach (var reading in LanguageText.Readings(LanguageText.Fold(text)))
        {
            var found = FromTag(reading) is { } tagged ? [tagged] : FromName(reading, chatLanguage);
            if (found.Count > 0)
            {
                return LanguageRecognition.Of(allowedCultures is null ? found : Restrict(found, allowedCultures));
            }
        }

        return LanguageRecognition.None;
    }

    /// <summary>A culture's name for a list of choices, in the chat's language: "French", "français", "法文".</summary>
    public static string DisplayName(string cultureName, string? chatLocale)
    {
        var culture = ToCulture(cultureName);
        var language = BotLanguage.FromLocale(chatLocale);
        if (language == BotLanguage.English)
        {
            return culture.EnglishName;
        }

        return LanguageNameIndex.Instance.DisplayNames[language].TryGetValue(culture.Name, out var name)
            ? name
            : LanguageNameIndex.DisplayNamesIn(language, [culture])[culture.Name];
    }

    private static string? FromTag(string folded)
    {
        var subtags = folded.Split('-', '_');
        var shaped = subtags[0].Length is 2 or 3 && subtags[0].All(char.IsAsciiLetter)
            && subtags.Skip(1).All(s => s.Length is >= 1 and <= 8 && s.All(char.IsAsciiLetterOrDigit));
        // The language subtag must itself be a culture .NET lists, which leaves out deprecated codes ("iw", "in").
        if (!shaped || !LanguageNameIndex.Instance.CultureNames.Contains(subtags[0])
            || (subtags.Length == 1 && LanguageAliases.IsEverydayWord(folded)))
        {
            return null;
        }

        var tag = string.Join('-', subtags);
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            return culture.Name.Equals(tag, StringComparison.OrdinalIgnoreCase) ? culture.Name : null;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static List<string> FromName(string folded, string chatLanguage)
    {
        var index = LanguageNameIndex.Instance;
        var first = Lookup(index.NamesIn[BotLanguage.English], folded)
            .Concat(Lookup(index.NativeNames, folded))
            .Concat(Lookup(index.NamesIn[chatLanguage], folded))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (first.Count > 0)
        {
            return first;
        }

        return [.. BotLanguage.All.Where(l => l != chatLanguage).SelectMany(l => Lookup(index.NamesIn[l], folded)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static string[] Lookup(FrozenDictionary<string, string[]> names, string folded) =>
        names.TryGetValue(folded, out var cultures) ? cultures : [];

    private static List<string> Restrict(IReadOnlyList<string> found, List<CultureInfo> allowed)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var culture in found.Select(CultureInfo.GetCultureInfo))
        {
            // The culture itself or its nearest allowed parent ("fr-CA" → "fr"; "zh-TW" → "zh-Hant" → "zh").
            var parent = LineOf(culture).Select(c => allowed.FirstOrDefault(a => SameLocale(a, c))).FirstOrDefault(a => a is not null);
            if (parent is not null)
            {
                kept.Add(parent.Name);
                continue;
            }

            // Else the allowed cultures below it ("French" → "fr-FR"; "Chinese" → "zh-TW").
            kept.UnionWith(allowed.Where(a => LineOf(a).Any(c => SameLocale(c, culture))).Select(a => a.Name));
        }

        return [.. allowed.Select(a => a.Name).Distinct(StringComparer.Ordinal).Where(kept.Contains)];
    }

    /// <summary>The same culture, or two names .NET keeps apart for one locale: "zh-TW" and "zh-Hant-TW" (same parent, same country).</summary>
    private static bool SameLocale(CultureInfo a, CultureInfo b) =>
        a.Equals(b)
        || (!a.IsNeutralCulture && !b.IsNeutralCulture && a.Parent.Equals(b.Parent)
            && CountryOf(a) is { } country && country == CountryOf(b));

    private static string? CountryOf(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name).TwoLetterISORegionName;
        }
        catch (ArgumentException)
        {
            return null; // "en-001" (world) and other cultures whose region is not a country.
        }
    }

    /// <summary>The culture, then its parents up to (not including) the invariant culture.</summary>
    private static IEnumerable<CultureInfo> LineOf(CultureInfo culture)
    {
        for (var c = culture; c.Name.Length > 0; c = c.Parent)
        {
            yield return c;
        }
    }

    /// <summary>
    /// The cultures <see cref="ToCulture"/> found, by the name it was given: the allowed languages and the names shown
    /// for them are the same few every turn, and asking .NET whether a culture is predefined asks ICU every time.
    /// Bounded: names past the limit are looked up as before, each time.
    /// </summary>
    private static readonly ConcurrentDictionary<string, CultureInfo> KnownCultures = new(StringComparer.Ordinal);

    private static CultureInfo ToCulture(string name)
    {
        if (KnownCultures.TryGetValue(name, out var known))
        {
            return known;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(name.Trim().Replace('_', '-'), predefinedOnly: true);
            if (KnownCultures.Count < KnownCulturesLimit)
            {
                KnownCultures.TryAdd(name, culture);
            }

            return culture;
        }
        catch (CultureNotFoundException exception)
        {
            throw new ArgumentException(
                $"'{name}' is not a culture .NET knows; pass culture names such as \"fr\", \"fr-CA\" or \"zh-TW\".", nameof(name), exception);
        }
    }
}
