using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RewardsBot.Tests;

/// <summary>The help page's words (src/RewardsBot/wwwroot/i18n) are complete in every language the page offers.</summary>
public sealed partial class HelpPageTextsTests
{
    private static readonly string[] Languages = ["en", "fr", "zh-TW"];

    [Fact]
    public void Every_language_has_every_key_with_the_same_placeholders_and_no_empty_text()
    {
        var english = Texts("en");

        Assert.All(Languages, language =>
        {
            var texts = Texts(language);
            Assert.Equal(english.Keys.Order(), texts.Keys.Order());
            Assert.All(texts, pair =>
            {
                Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{language}: '{pair.Key}' is empty.");
                Assert.Equal(Placeholders(english[pair.Key]), Placeholders(pair.Value));
            });
        });
    }

    [Fact]
    public void Every_text_the_page_names_exists_and_every_language_is_offered()
    {
        var page = File.ReadAllText(Path.Combine(WebRoot(), "index.html"));
        var english = Texts("en");

        var named = TextKey().Matches(page).Select(m => m.Groups["key"].Value).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, key => Assert.True(english.ContainsKey(key), $"index.html names '{key}', which i18n/en.json lacks."));
        Assert.All(Languages, language => Assert.Contains($"<option value=\"{language}\"", page, StringComparison.Ordinal));
    }

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order()];

    private static Dictionary<string, string> Texts(string language)
        => JsonNode.Parse(File.ReadAllText(Path.Combine(WebRoot(), "i18n", language + ".json")))!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static string WebRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "RewardsBot", "wwwroot");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/RewardsBot/wwwroot was not found above the test binaries.");
    }

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("data-i18n(?:-aria-label|-content)?=\"(?<key>[^\"]+)\"")]
    private static partial Regex TextKey();
}
