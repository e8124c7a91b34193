using System.Globalization;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>
/// Validates a produced (expanded) card: the official Adaptive Card 1.5 schema, after stripping the allowed host
/// extensions (<c>msteams</c> on the card, <c>msTeams</c> on images), plus our own rules, which the schema cannot
/// express: a card type and a version of at most 1.5, no leftover template bindings or template keys, labelled required
/// inputs with an error message, and object submit data.
/// </summary>
public sealed class AdaptiveCardValidator
{
    public const string MaxVersion = "1.5";
    private const string Rule = "card-rule:";
    private static readonly Lazy<JsonSchema> DefaultSchema = new(() => JsonSchema.FromFile(SchemaFiles.Find(SchemaFiles.AdaptiveCard15)));
    private static readonly string[] TemplateKeys = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];
    private static readonly string[] RequiredInputProperties = ["label", "errorMessage"];
    private readonly JsonSchema _schema;

    /// <summary>Uses <c>shared/schemas/adaptive-card-1.5.json</c>, found above the test binaries.</summary>
    public AdaptiveCardValidator()
        : this(DefaultSchema.Value)
    {
    }

    public AdaptiveCardValidator(JsonSchema schema) => _schema = schema ?? throw new ArgumentNullException(nameof(schema));

    public SchemaValidationResult Validate(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var errors = new List<SchemaError>(_schema.Validate(StripHostExtensions(card)).Errors);
        if (card is JsonObject root)
        {
            CheckTypeAndVersion(root, errors);
        }

        Walk(card, "", errors);
        return new SchemaValidationResult(errors);
    }

    /// <summary>A copy without the host extension properties on the allow-list.</summary>
    public static JsonNode StripHostExtensions(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var copy = card.DeepClone();
        (copy as JsonObject)?.Remove("msteams");
        foreach (var image in CardNodes.Objects(copy).Where(o => TypeOf(o) == "Image"))
        {
            image.Remove("msTeams");
        }

        return copy;
    }

    private static void CheckTypeAndVersion(JsonObject card, List<SchemaError> errors)
    {
        if (TypeOf(card) != "AdaptiveCard")
        {
            errors.Add(new("/type", Rule + "type", "type", $"the card's type is {JsonValues.Show(card["type"])}; it must be \"AdaptiveCard\""));
        }

        var version = card["version"];
        if (version is null)
        {
            errors.Add(new("", Rule + "version", "version", "the card has no version; set \"version\": \"1.5\" (Teams mobile does not render a card without one)"));
        }
        else if (JsonValues.KindOf(version) != "string" || !Version.TryParse(version.GetValue<string>(), out var declared))
        {
            errors.Add(new("/version", Rule + "version", "version", $"{JsonValues.Show(version)} is not a version such as \"1.5\""));
        }
        else if (declared > Version.Parse(MaxVersion))
        {
            errors.Add(new("/version", Rule + "version", "version",
                $"version {declared.ToString()} is above {MaxVersion}, the highest our hosts are validated for"));
        }
    }

    private static void Walk(JsonNode? node, string path, List<SchemaError> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                CheckObject(obj, path, errors);
                foreach (var (name, value) in obj)
                {
                    Walk(value, JsonValues.Child(path, name), errors);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], JsonValues.Child(path, i), errors);
                }

                break;
            case JsonValue when JsonValues.KindOf(node) == "string" && node.GetValue<string>().Contains("${", StringComparison.Ordinal):
                errors.Add(new(path, Rule + "no-template-binding", "template",
                    $"{JsonValues.Show(node)} still contains a template binding '${{'; expand the template with data for it"));
                break;
        }
    }

    private static void CheckObject(JsonObject obj, string path, List<SchemaError> errors)
    {
        foreach (var key in TemplateKeys.Where(obj.ContainsKey))
        {
            errors.Add(new(JsonValues.Child(path, key), Rule + "no-template-key", "template",
                $"template key '{key}' was left in the card; the expander must remove it"));
        }

        var type = TypeOf(obj);
        if (type?.StartsWith("Input.", StringComparison.Ordinal) == true && obj["isRequired"] is JsonValue required
            && required.TryGetValue<bool>(out var isRequired) && isRequired)
        {
            foreach (var property in RequiredInputProperties.Where(p => !IsNonEmptyString(obj[p])))
            {
                errors.Add(new(path, Rule + "required-input-" + property, "requiredInput",
                    string.Create(CultureInfo.InvariantCulture, $"required input '{obj["id"]}' has no {property}; required inputs need a label and an errorMessage")));
            }
        }

        if (type == "Action.Submit" && obj.TryGetPropertyValue("data", out var data) && data is not JsonObject)
        {
            errors.Add(new(JsonValues.Child(path, "data"), Rule + "submit-data-object", "submitData",
                $"Action.Submit data is {JsonValues.Show(data)}; it must be an object so the bot can read named fields"));
        }
    }

    private static bool IsNonEmptyString(JsonNode? node) =>
        JsonValues.KindOf(node) == "string" && !string.IsNullOrWhiteSpace(node!.GetValue<string>());

    private static string? TypeOf(JsonObject obj) =>
        JsonValues.KindOf(obj["type"]) == "string" ? obj["type"]!.GetValue<string>() : null;
}
