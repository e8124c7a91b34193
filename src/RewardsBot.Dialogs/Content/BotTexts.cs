using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Dialogs.Content;

/// <summary>
/// Everything the bot says, read from the <c>dialogs/*.json</c> files embedded in this assembly
/// (<c>&lt;area&gt;.&lt;language&gt;.json</c>, flat <c>key → text</c> with <c>{name}</c> placeholders).
/// </summary>
public sealed class BotTexts : ITextCatalog
{
    private const string ResourcePrefix = "dialogs/";
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    private BotTexts(FrozenDictionary<string, FrozenDictionary<string, string>> byLanguage) => _byLanguage = byLanguage;

    /// <summary>The texts embedded in this assembly.</summary>
    public static BotTexts Default { get; } = LoadEmbedded();

    /// <summary>The languages present, each with its key → text table.</summary>
    public IReadOnlyDictionary<string, FrozenDictionary<string, string>> Languages => _byLanguage;

    /// <summary>The text for <paramref name="key"/> in the language of <paramref name="locale"/>, placeholders filled.</summary>
    public string Get(string key, string? locale, params (string Name, object? Value)[] values)
    {
        var language = BotLanguage.FromLocale(locale);
        if (!_byLanguage.TryGetValue(language, out var table) || !table.TryGetValue(key, out var text))
        {
            throw new KeyNotFoundException($"No text '{key}' for language '{language}'. Add it to dialogs/<area>.{language}.json.");
        }

        return values.Length == 0 ? text : Fill(text, values, language);
    }

    private static string Fill(string text, (string Name, object? Value)[] values, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var builder = new StringBuilder(text);
        foreach (var (name, value) in values)
        {
            builder.Replace("{" + name + "}", Convert.ToString(value, culture));
        }

        return builder.ToString();
    }

    private static BotTexts LoadEmbedded()
    {
        var assembly = typeof(BotTexts).Assembly;
        var tables = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var parts = name[ResourcePrefix.Length..^".json".Length].Split('.', 2);
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"Text file '{name}' must be named <area>.<language>.json.");
            }

            var table = tables.TryGetValue(parts[1], out var existing) ? existing : tables[parts[1]] = new(StringComparer.Ordinal);
            foreach (var (key, text) in Read(assembly, name))
            {
                if (!table.TryAdd(key, text))
                {
                    throw new InvalidDataException($"The text key '{key}' appears twice for language '{parts[1]}' (second time in '{name}').");
                }
            }
        }

        return new BotTexts(tables.ToFrozenDictionary(t => t.Key, t => t.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal));
    }

    private static Dictionary<string, string> Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidDataException($"Text file '{resourceName}' is empty; it must be a JSON object of key → text.");
    }
}
