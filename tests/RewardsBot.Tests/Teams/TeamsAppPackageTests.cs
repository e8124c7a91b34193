using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Flows;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Testing.Schemas;
using RewardsBot.Teams;

namespace RewardsBot.Tests.Teams;

/// <summary>
/// The Teams app package the project produces: the manifest against shared/schemas/teams-manifest-1.19.json (also
/// once each localization file is applied), its words against what the bot understands, the zip's contents, the icons
/// decoded back to pixels.
/// </summary>
public sealed partial class TeamsAppPackageTests
{
    private static readonly Guid AppId = Guid.Parse("6e0f4a9b-6a3c-4f8b-9a3e-2b7f1f7c0002");
    private static readonly TeamsManifestValidator Validator = new();

    private static TeamsAppPackage Package(TeamsPackageSettings? settings = null) => new(settings ?? new TeamsPackageSettings { AppId = AppId }, BotTexts.Default);

    private static void AssertValid(JsonNode manifest)
    {
        var result = Validator.Validate(manifest);
        Assert.True(result.IsValid, "The manifest is not valid against teams-manifest-1.19.json:\n" + result + "\n" + manifest.ToJsonString());
    }

    [Fact]
    public void The_manifest_is_valid_against_the_teams_1_19_schema()
    {
        var manifest = Package().Manifest();

        AssertValid(manifest);
        Assert.Equal("1.19", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Contains("/v1.19/", manifest["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["personal"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public void The_validator_refuses_a_broken_manifest_so_the_check_above_means_something()
    {
        var manifest = Package().Manifest();
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest.Remove("accentColor");

        var result = Validator.Validate(manifest);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.InstanceLocation == "/bots/0/botId");
        Assert.Contains(result.Errors, e => e.Keyword == "required");
    }

    [Fact]
    public void The_app_and_its_bot_carry_the_given_app_id()
    {
        var other = Guid.NewGuid();

        var manifest = Package(new TeamsPackageSettings { AppId = other }).Manifest();

        Assert.Equal(other.ToString("D"), manifest["id"]!.GetValue<string>());
        Assert.Equal(other.ToString("D"), manifest["bots"]![0]!["botId"]!.GetValue<string>());
    }

    [Fact]
    public void The_options_reach_the_manifest()
    {
        var settings = new TeamsPackageSettings
        {
            AppId = AppId,
            Version = "2.3.14",
            ShortName = new string('R', TeamsPackageSettings.MaxShortNameLength),
            DeveloperName = "Contoso Partner Tools",
            WebsiteUrl = new Uri("https://rewards.contoso.example/"),
            PrivacyUrl = new Uri("https://rewards.contoso.example/privacy"),
            TermsOfUseUrl = new Uri("https://rewards.contoso.example/terms"),
            ValidDomains = ["rewards.contoso.example", "*.contoso.example"],
        };

        var manifest = Package(settings).Manifest();

        AssertValid(manifest);
        Assert.Equal("2.3.14", manifest["version"]!.GetValue<string>());
        Assert.Equal(settings.ShortName, manifest["name"]!["short"]!.GetValue<string>());
        Assert.StartsWith(settings.ShortName, manifest["name"]!["full"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Contoso Partner Tools", manifest["developer"]!["name"]!.GetValue<string>());
        Assert.Equal("https://rewards.contoso.example/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal(["rewards.contoso.example", "*.contoso.example"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["www.example.com"], Package().Manifest()["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void Settings_that_cannot_make_a_valid_manifest_are_refused_with_every_reason()
    {
        var settings = new TeamsPackageSettings
        {
            AppId = Guid.Empty,
            Version = "1.0",
            ShortName = new string('R', TeamsPackageSettings.MaxShortNameLength + 1),
            PrivacyUrl = new Uri("http://www.example.com/privacy"),
            ValidDomains = ["https://bot.contoso.example"],
        };

        var error = Assert.Throws<ArgumentException>(() => Package(settings));

        Assert.Contains("empty GUID", error.Message, StringComparison.Ordinal);
        Assert.Contains("major.minor.patch", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 30 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("privacy URL must be an absolute https:// URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a host name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_names_a_localization_file_for_each_language_the_bot_speaks_besides_english()
    {
        var info = Package().Manifest()["localizationInfo"]!;

        Assert.Equal("en", info["defaultLanguageTag"]!.GetValue<string>());
        Assert.Equal(
            BotLanguage.All.Where(l => l != BotLanguage.English).Select(l => (l, l + ".json")),
            info["additionalLanguages"]!.AsArray().Select(a => (a!["languageTag"]!.GetValue<string>(), a["file"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("zh-TW")]
    public void A_localization_file_translates_every_string_and_the_translated_manifest_stays_valid(string language)
    {
        var package = Package();
        var manifest = package.Manifest();
        var file = package.LocalizationFile(language);

        Assert.Equal(TeamsAppPackage.LocalizationSchemaUrl, file["$schema"]!.GetValue<string>());
        var translated = (JsonObject)manifest.DeepClone();
        foreach (var (path, text) in file.Where(p => p.Key != "$schema"))
        {
            Replace(translated, path, text!.GetValue<string>());
        }

        AssertValid(translated); // the schema's length limits hold in every language
        var english = Commands(manifest);
        var translatedCommands = Commands(translated);
        Assert.Equal(english.Count, translatedCommands.Count);
        Assert.All(english.Zip(translatedCommands), pair => Assert.NotEqual(pair.First.Title, pair.Second.Title));
        Assert.NotEqual(manifest["description"]!["full"]!.GetValue<string>(), translated["description"]!["full"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("zh-TW")]
    public void Each_command_title_when_sent_is_understood_as_its_topic(string language)
    {
        var package = Package();
        var manifest = package.Manifest();
        if (language != BotLanguage.English)
        {
            foreach (var (path, text) in package.LocalizationFile(language).Where(p => p.Key != "$schema"))
            {
                Replace(manifest, path, text!.GetValue<string>());
            }
        }

        var titles = Commands(manifest).Select(c => c.Title).ToList();

        Assert.Equal(TeamsAppPackage.Commands.Count, titles.Count);
        Assert.Equal(Topics.All, titles.Take(Topics.All.Count).Select(t => Topics.Recognize(t, BotTexts.Default)));
        var helpWords = BotTexts.Default.Get("runtime.commands.help", language).Split('|');
        Assert.Contains(titles[^1], helpWords);
    }

    [Fact]
    public void The_zip_holds_exactly_the_manifest_the_two_icons_and_the_localization_files_at_its_root()
    {
        using var zip = new ZipArchive(new MemoryStream(Package().ToZip()), ZipArchiveMode.Read);

        Assert.Equal(["color.png", "fr.json", "manifest.json", "outline.png", "zh-TW.json"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var manifest = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!;
        AssertValid(manifest);
        var referenced = new[] { manifest["icons"]!["color"]!, manifest["icons"]!["outline"]! }
            .Concat(manifest["localizationInfo"]!["additionalLanguages"]!.AsArray().Select(a => a!["file"]!))
            .Select(n => n.GetValue<string>());
        Assert.All(referenced, name => Assert.NotNull(zip.GetEntry(name)));
        Assert.All(zip.Entries.Where(e => e.Name.EndsWith(".json", StringComparison.Ordinal)), e => Assert.NotNull(JsonNode.Parse(e.Open())));
    }

    [Fact]
    public void The_same_settings_give_the_same_bytes_and_another_app_id_other_bytes()
    {
        var first = Package().ToZip();
        var second = Package().ToZip();
        var other = Package(new TeamsPackageSettings { AppId = Guid.NewGuid() }).ToZip();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_color_icon_is_an_opaque_192_pixel_png_of_a_white_star_on_a_gold_medal_over_the_accent_color()
    {
        var png = DecodedPng.Decode(Entry("color.png"));

        Assert.Equal((192, 192), (png.Width, png.Height));
        Assert.Equal(["IHDR", "IDAT", "IEND"], png.Chunks);
        Assert.Equal(192, png.Filters.Count);
        Assert.Equal(192 * 192, png.PixelCount);
        Assert.All(png.Pixels(), p => Assert.Equal(255, p.A));
        var accent = Convert.FromHexString(Package().Manifest()["accentColor"]!.GetValue<string>()[1..]);
        Assert.Equal((accent[0], accent[1], accent[2], (byte)255), png.Pixel(0, 0));
        Assert.Equal((accent[0], accent[1], accent[2], (byte)255), png.Pixel(191, 191));
        Assert.Equal(((byte)255, (byte)255, (byte)255, (byte)255), png.Pixel(96, 84)); // the star
        Assert.Equal(((byte)0xFF, (byte)0xB9, (byte)0x00, (byte)255), png.Pixel(96, 113)); // the medal under it
    }

    [Fact]
    public void The_outline_icon_is_a_32_pixel_png_white_on_transparent()
    {
        var png = DecodedPng.Decode(Entry("outline.png"));

        Assert.Equal((32, 32), (png.Width, png.Height));
        Assert.Equal(32, png.Filters.Count);
        Assert.Equal(32 * 32, png.PixelCount);
        Assert.All(png.Pixels(), p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"pixel {p} is neither transparent nor white"));
        Assert.Equal(0, png.Pixel(0, 0).A);
        Assert.Equal(255, png.Pixel(16, 13).A); // the star
        var opaque = png.Pixels().Count(p => p.A == 255);
        Assert.InRange(opaque, 32 * 32 / 8, 32 * 32 / 2); // a drawing, neither empty nor a filled square
    }

    private static byte[] Entry(string name)
    {
        using var zip = new ZipArchive(new MemoryStream(Package().ToZip()), ZipArchiveMode.Read);
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<(string Title, string Description)> Commands(JsonNode manifest)
        => [.. manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray().Select(c => (c!["title"]!.GetValue<string>(), c["description"]!.GetValue<string>()))];

    /// <summary>Sets the string at a localization key (<c>name.full</c>, <c>bots[0].commandLists[0].commands[2].title</c>), which must exist.</summary>
    private static void Replace(JsonNode manifest, string path, string text)
    {
        JsonNode? parent = null;
        object? last = null;
        var node = manifest;
        foreach (Match step in PathStep().Matches(path))
        {
            parent = node;
            last = step.Groups["name"].Success ? step.Groups["name"].Value : int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            node = last is string name ? node?[name] : node?[(int)last];
            Assert.True(node is not null, $"The localization key '{path}' names nothing in the manifest.");
        }

        Assert.IsAssignableFrom<JsonValue>(node);
        if (last is string key)
        {
            parent![key] = text;
        }
        else
        {
            parent![(int)last!] = text;
        }
    }

    [GeneratedRegex(@"(?<name>[A-Za-z]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
