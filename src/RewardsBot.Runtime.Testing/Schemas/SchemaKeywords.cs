namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>
/// The keywords this validator knows. Validation keywords are enforced; annotation keywords are read and ignored on
/// purpose. Anything else found in a schema is listed in <see cref="JsonSchema.UnknownKeywords"/> so that a test can
/// refuse a schema whose rules would otherwise be silently skipped.
/// </summary>
public static class SchemaKeywords
{
    /// <summary>Enforced (draft-04 and draft-06 semantics; <c>const</c> is honoured in draft-04 files too).</summary>
    public static IReadOnlySet<string> Validation { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "$ref", "type", "enum", "const",
        "properties", "patternProperties", "additionalProperties", "required", "dependencies",
        "minProperties", "maxProperties",
        "items", "additionalItems", "minItems", "maxItems", "uniqueItems",
        "minLength", "maxLength", "pattern",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "allOf", "anyOf", "oneOf", "not",
    };

    /// <summary>
    /// Read and ignored: identification (<c>$schema</c>, <c>id</c>, <c>$id</c>), the <c>definitions</c> container
    /// (its members are reached through <c>$ref</c>), documentation (<c>title</c>, <c>description</c>,
    /// <c>$comment</c>, <c>default</c>, <c>examples</c>, <c>example</c>), <c>format</c> (an annotation in draft-06
    /// practice), and the Adaptive Card schema's own <c>version</c> and <c>features</c> (not enforced by the schema;
    /// version gating is a separate check).
    /// </summary>
    public static IReadOnlySet<string> Annotations { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "id", "$id", "definitions", "title", "description", "$comment", "default", "examples", "example",
        "format", "version", "features",
    };

    public static bool IsKnown(string keyword) => Validation.Contains(keyword) || Annotations.Contains(keyword);
}
