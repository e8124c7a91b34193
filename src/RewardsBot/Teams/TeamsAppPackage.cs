using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Dialogs.Flows;
using RewardsBot.Runtime.Cards;
using RewardsBot.Runtime.Dialogs;

namespace RewardsBot.Teams;

/// <summary>
/// The Teams app package: <c>manifest.json</c> (schema 1.19, from the embedded <c>manifest.template.json</c>), the two
/// icons, and one localization file per language besides English, all at the root of a zip. The words (name,
/// descriptions, the bot's command list) are the <c>teams.*</c> texts of dialogs/, so they exist in every language the
/// bot speaks; the command titles are what the bot understands when typed.
/// </summary>
public sealed class TeamsAppPackage
{
    public const string ManifestFile = "manifest.json";
    public const string ColorIconFile = "color.png";
    public const string OutlineIconFile = "outline.png";
    public const string ManifestVersion = "1.19";
    public const string LocalizationSchemaUrl = "https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json";

    /// <summary>The help command, after the topics in the command list.</summary>
    public const string HelpCommand = "help";

    private const string TemplateResource = "teams/manifest.template.json";

    // Entries dated the start of the zip era: the same settings always give the same bytes.
    private static readonly DateTimeOffset EntryTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<CardTemplate> Template = new(LoadTemplate);
    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TeamsPackageSettings _settings;
    private readonly BotTexts _texts;

    /// <exception cref="ArgumentException">The settings cannot make a valid manifest (the message lists why).</exception>
    public TeamsAppPackage(TeamsPackageSettings settings, BotTexts texts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(texts);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(settings));
        }

        _settings = settings;
        _texts = texts;
    }

    /// <summary>The commands Teams lists for the bot, in order: every topic of the menu, then help.</summary>
    public static IReadOnlyList<string> Commands { get; } = [.. Topics.All, HelpCommand];

    /// <summary>The languages with a localization file (English is the manifest's own).</summary>
    public static IReadOnlyList<string> AdditionalLanguages { get; } = [.. BotLanguage.All.Where(l => l != BotLanguage.English)];

    public static string LocalizationFileName(string language) => language + ".json";

    /// <summary>The manifest, in English.</summary>
    public JsonObject Manifest()
    {
        var data = new JsonObject
        {
            ["appId"] = _settings.AppId.ToString("D"),
            ["version"] = _settings.Version,
            ["defaultLanguage"] = BotLanguage.English,
            ["languages"] = new JsonArray([.. AdditionalLanguages.Select(l => new JsonObject { ["tag"] = l, ["file"] = LocalizationFileName(l) })]),
            ["developer"] = new JsonObject
            {
                ["name"] = _settings.DeveloperName,
                ["websiteUrl"] = _settings.WebsiteUrl.AbsoluteUri,
                ["privacyUrl"] = _settings.PrivacyUrl.AbsoluteUri,
                ["termsOfUseUrl"] = _settings.TermsOfUseUrl.AbsoluteUri,
            },
            ["name"] = new JsonObject { ["short"] = _settings.ShortName, ["full"] = Say("teams.name.full", BotLanguage.English) },
            ["description"] = new JsonObject
            {
                ["short"] = Say("teams.description.short", BotLanguage.English),
                ["full"] = Say("teams.description.full", BotLanguage.English),
            },
            ["icons"] = new JsonObject { ["color"] = ColorIconFile, ["outline"] = OutlineIconFile },
            ["accentColor"] = TeamsIcons.AccentColor,
            ["commands"] = new JsonArray([.. Commands.Select(c => new JsonObject
            {
                ["title"] = Say($"teams.command.{c}.title", BotLanguage.English),
                ["description"] = Say($"teams.command.{c}.description", BotLanguage.English),
            })]),
            ["validDomains"] = new JsonArray([.. _settings.EffectiveValidDomains.Select(d => JsonValue.Create(d))]),
        };
        return (JsonObject)Template.Value.ExpandStrict(data)!;
    }

    /// <summary>
    /// The localization file of <paramref name="language"/>: keys name the manifest's strings by their JSON path
    /// (<c>name.full</c>, <c>bots[0].commandLists[0].commands[2].title</c>), as Teams' localization schema defines.
    /// </summary>
    public JsonObject LocalizationFile(string language)
    {
        var file = new JsonObject
        {
            ["$schema"] = LocalizationSchemaUrl,
            ["name.short"] = _settings.ShortName,
            ["name.full"] = Say("teams.name.full", language),
            ["description.short"] = Say("teams.description.short", language),
            ["description.full"] = Say("teams.description.full", language),
        };
        for (var i = 0; i < Commands.Count; i++)
        {
            file[$"bots[0].commandLists[0].commands[{i}].title"] = Say($"teams.command.{Commands[i]}.title", language);
            file[$"bots[0].commandLists[0].commands[{i}].description"] = Say($"teams.command.{Commands[i]}.description", language);
        }

        return file;
    }

    /// <summary>Every file of the package, by its name at the root of the zip.</summary>
    public IReadOnlyList<(string Name, byte[] Content)> Files()
    {
        var files = new List<(string, byte[])>
        {
            (ManifestFile, ToJsonBytes(Manifest())),
            (ColorIconFile, TeamsIcons.Color()),
            (OutlineIconFile, TeamsIcons.Outline()),
        };
        files.AddRange(AdditionalLanguages.Select(l => (LocalizationFileName(l), ToJsonBytes(LocalizationFile(l)))));
        return files;
    }

    /// <summary>The package as zip bytes (the same settings give the same bytes).</summary>
    public byte[] ToZip()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Files())
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTimestamp;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return zip.ToArray();
    }

    private string Say(string key, string language) => _texts.Get(key, language, ("name", _settings.ShortName));

    private static byte[] ToJsonBytes(JsonObject json) => JsonSerializer.SerializeToUtf8Bytes(json, FileJson);

    private static CardTemplate LoadTemplate()
    {
        using var stream = typeof(TeamsAppPackage).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"The resource '{TemplateResource}' is missing; RewardsBot.csproj embeds Teams/manifest.template.json under that name.");
        using var reader = new StreamReader(stream);
        return CardTemplate.Parse(reader.ReadToEnd());
    }
}
