using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>
/// A JSON Schema (draft-04 or draft-06, local <c>$ref</c> only) loaded once and used to validate many instances.
/// Supports the keywords in <see cref="SchemaKeywords.Validation"/>; others are listed in <see cref="UnknownKeywords"/>.
/// </summary>
public sealed class JsonSchema
{
    private readonly SchemaDocument _document;
    private readonly SchemaEvaluator _evaluator;

    private JsonSchema(JsonNode schema)
    {
        _document = new SchemaDocument(schema);
        _evaluator = new SchemaEvaluator(_document);
    }

    /// <summary>The declared dialect (<c>$schema</c>), or null when the file does not say.</summary>
    public string? Dialect => (_document.Root as JsonObject)?["$schema"]?.GetValue<string>();

    /// <summary>Keywords present in the schema that are neither enforced nor a documented annotation.</summary>
    public IReadOnlySet<string> UnknownKeywords => _document.UnknownKeywords;

    /// <summary>Every keyword present in the schema.</summary>
    public IReadOnlySet<string> UsedKeywords => _document.UsedKeywords;

    public static JsonSchema FromNode(JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema is not (JsonObject or JsonValue))
        {
            throw new ArgumentException("A schema is a JSON object (or true/false); pass the parsed schema file.", nameof(schema));
        }

        return new JsonSchema(schema.DeepClone());
    }

    public static JsonSchema Parse(string json) =>
        FromNode(JsonNode.Parse(json) ?? throw new ArgumentException("The schema text is the JSON null; pass a schema object.", nameof(json)));

    public static JsonSchema FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Schema file '{path}' does not exist. Check the path (relative paths resolve against '{Environment.CurrentDirectory}').", path);
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Schema file '{path}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Validates <paramref name="instance"/> (a null reference is the JSON null).</summary>
    public SchemaValidationResult Validate(JsonNode? instance)
    {
        var errors = new List<SchemaError>();
        _evaluator.Evaluate(_document.Root, "#", instance, "", errors);
        return new SchemaValidationResult(errors);
    }
}
