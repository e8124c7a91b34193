using System.Collections.Frozen;
using System.Globalization;

namespace RewardsBot.Runtime.Dialogs.Recognizers;

/// <summary>
/// Every culture .NET knows (<see cref="CultureTypes.AllCultures"/>), by its English name, its own name, and its
/// display names in French and Traditional Chinese, built once.
/// </summary>
/// <remarks>
/// .NET with ICU gives localized display names through <see cref="CultureInfo.DisplayName"/>, which answers in
/// <see cref="CultureInfo.CurrentUICulture"/>: the index sets that on the building thread, for fr and zh-TW in
/// turn, and restores it (the setting is per thread and async flow, so no other request sees it). Without ICU
/// (invariant globalization) only English names would be found. ICU names are complemented by
/// <see cref="LanguageAliases"/>: common names ICU does not give ("Traditional Chinese", "繁體中文", "法語").
/// </remarks>
internal sealed class LanguageNameIndex
{
    private static readonly Lazy<LanguageNameIndex> Built = new(() => new LanguageNameIndex());

    private LanguageNameIndex()
    {
        var cultures = CultureInfo.GetCultures(CultureTypes.AllCultures).Where(c => c.Name.Length > 0).ToList();
        CultureNames = cultures.Select(c => c.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

        var displayNames = new Dictionary<string, FrozenDictionary<string, string>>
        {
            [BotLanguage.English] = cultures.ToFrozenDictionary(c => c.Name, c => c.EnglishName, StringComparer.OrdinalIgnoreCase),
        };
        foreach (var language in BotLanguage.All.Where(l => l != BotLanguage.English))
        {
            displayNames[language] = DisplayNamesIn(language, cultures).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }

        DisplayNames = displayNames.ToFrozenDictionary();
        NativeNames = Invert(cultures.Select(c => (c.NativeName, c.Name)));
        NamesIn = BotLanguage.All.ToFrozenDictionary(
            language => language,
            language => Invert(DisplayNames[language].Select(kv => (kv.Value, kv.Key)).Concat(LanguageAliases.In(language))));
    }

    public static LanguageNameIndex Instance => Built.Value;

    /// <summary>Culture names as .NET spells them ("zh-Hant", "fr-CA").</summary>
    public FrozenSet<string> CultureNames { get; }

    /// <summary>Bot language → culture name → display name in that language.</summary>
    public FrozenDictionary<string, FrozenDictionary<string, string>> DisplayNames { get; }

    /// <summary>Folded own name ("francais", "日本語") → culture names.</summary>
    public FrozenDictionary<string, string[]> NativeNames { get; }

    /// <summary>Bot language → folded name in that language → culture names.</summary>
    public FrozenDictionary<string, FrozenDictionary<string, string[]>> NamesIn { get; }

    /// <summary>Display names of <paramref name="cultures"/> in <paramref name="language"/>, as ICU gives them.</summary>
    public static Dictionary<string, string> DisplayNamesIn(string language, IEnumerable<CultureInfo> cultures)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            return cultures.ToDictionary(c => c.Name, c => c.DisplayName, StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    private static FrozenDictionary<string, string[]> Invert(IEnumerable<(string Name, string Culture)> names)
    {
        var byKey = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (name, culture) in names)
        {
            foreach (var key in LanguageAliases.Variants(LanguageText.Fold(name)))
            {
                if (!byKey.TryGetValue(key, out var set))
                {
                    byKey[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(culture);
            }
        }

        return byKey.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
