using System.Text.Json.Nodes;
using RewardsBot.Runtime.Testing.Schemas;

namespace RewardsBot.Runtime.Tests.Schemas;

public class JsonSchemaTests
{
    // Annotation keywords the two schema files are allowed to use without being enforced (SchemaKeywords.Annotations).
    private static readonly string[] DocumentedAnnotations =
        ["$schema", "id", "definitions", "description", "default", "examples", "example", "format", "version", "features"];

    [Theory]
    [InlineData(SchemaFiles.AdaptiveCard15)]
    [InlineData(SchemaFiles.TeamsManifest119)]
    public void Every_keyword_in_the_schema_files_is_enforced_or_a_documented_annotation(string file)
    {
        var schema = JsonSchema.FromFile(SchemaFiles.Find(file));

        Assert.Empty(schema.UnknownKeywords);
        var ignored = schema.UsedKeywords.Where(k => !SchemaKeywords.Validation.Contains(k)).ToList();
        Assert.All(ignored, k => Assert.Contains(k, DocumentedAnnotations));
    }

    [Fact]
    public void A_keyword_the_validator_does_not_enforce_is_reported_as_unknown()
    {
        var schema = JsonSchema.Parse("""{ "type": "object", "properties": { "a": { "propertyNames": { "maxLength": 2 } } } }""");

        Assert.Equal(["propertyNames"], schema.UnknownKeywords);
    }

    [Fact]
    public void A_type_mismatch_names_the_value_and_the_type()
    {
        var schema = JsonSchema.Parse("""{ "properties": { "text": { "type": "string" } } }""");

        var error = Assert.Single(schema.Validate(JsonNode.Parse("""{ "text": 5 }""")).Errors);

        Assert.Equal("/text", error.InstanceLocation);
        Assert.Equal("#/properties/text/type", error.SchemaLocation);
        Assert.Equal("5 is not of type string", error.Message);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.0", true)]
    [InlineData("1.5", false)]
    [InlineData("\"1\"", false)]
    public void Integer_means_a_number_without_a_fraction(string value, bool valid)
    {
        var schema = JsonSchema.Parse("""{ "type": "integer" }""");

        Assert.Equal(valid, schema.Validate(JsonNode.Parse(value)).IsValid);
    }

    [Fact]
    public void Local_references_follow_json_pointer_escaping_and_the_root()
    {
        var schema = JsonSchema.Parse("""
            {
              "definitions": { "a/b": { "type": "string" }, "c~d": { "type": "number" } },
              "properties": {
                "slash": { "$ref": "#/definitions/a~1b" },
                "tilde": { "$ref": "#/definitions/c~0d" },
                "self": { "$ref": "#" }
              },
              "additionalProperties": false
            }
            """);

        Assert.True(schema.Validate(JsonNode.Parse("""{ "slash": "x", "tilde": 1, "self": { "slash": "y" } }""")).IsValid);
        var result = schema.Validate(JsonNode.Parse("""{ "slash": 1, "tilde": "x", "self": { "other": 1 } }"""));
        Assert.Equal(["/slash", "/tilde", "/self/other"], result.Errors.Select(e => e.InstanceLocation));
        Assert.Equal("#/definitions/a~1b/type", result.Errors[0].SchemaLocation);
    }

    [Fact]
    public void A_reference_to_nothing_fails_at_load_with_the_reference()
    {
        var e = Assert.Throws<InvalidOperationException>(() => JsonSchema.Parse("""{ "$ref": "#/definitions/missing" }"""));

        Assert.Contains("#/definitions/missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_dotnet_cannot_compile_fails_at_load()
    {
        Assert.Throws<InvalidOperationException>(() => JsonSchema.Parse("""{ "pattern": "[a-" }"""));
    }

    [Theory]
    [InlineData("""{ "minimum": 1, "exclusiveMinimum": true }""", "1", false)]
    [InlineData("""{ "minimum": 1, "exclusiveMinimum": false }""", "1", true)]
    [InlineData("""{ "exclusiveMinimum": 1 }""", "1", false)]
    [InlineData("""{ "exclusiveMinimum": 1 }""", "1.5", true)]
    [InlineData("""{ "maximum": 10, "exclusiveMaximum": true }""", "10", false)]
    [InlineData("""{ "exclusiveMaximum": 10 }""", "9", true)]
    [InlineData("""{ "maximum": 10 }""", "10.0", true)]
    public void Exclusive_bounds_follow_draft_04_booleans_and_draft_06_numbers(string schema, string value, bool valid)
    {
        Assert.Equal(valid, JsonSchema.Parse(schema).Validate(JsonNode.Parse(value)).IsValid);
    }

    [Fact]
    public void Lengths_count_characters_not_utf16_units()
    {
        var schema = JsonSchema.Parse("""{ "maxLength": 2 }""");

        Assert.True(schema.Validate(JsonValue.Create("😀😀")).IsValid);
        Assert.False(schema.Validate(JsonValue.Create("abc")).IsValid);
    }

    [Fact]
    public void Failed_anyOf_reports_the_branch_whose_discriminator_matched()
    {
        var schema = JsonSchema.Parse("""
            {
              "definitions": {
                "Text": { "properties": { "type": { "enum": ["Text"] }, "text": { "type": "string" } }, "additionalProperties": false },
                "Image": { "properties": { "type": { "enum": ["Image"] }, "url": { "type": "string" } }, "required": ["url"], "additionalProperties": false }
              },
              "properties": { "items": { "items": { "anyOf": [{ "$ref": "#/definitions/Image" }, { "$ref": "#/definitions/Text" }] } } }
            }
            """);

        var result = schema.Validate(JsonNode.Parse("""{ "items": [ { "type": "Text", "text": 5 } ] }"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("/items/0/text", error.InstanceLocation);
        Assert.Equal("5 is not of type string", error.Message);
    }

    [Fact]
    public void Failed_anyOf_on_an_unknown_discriminator_says_so_once()
    {
        var schema = JsonSchema.Parse("""
            { "anyOf": [ { "properties": { "type": { "enum": ["A"] } } }, { "properties": { "type": { "enum": ["B"] } } } ] }
            """);

        var error = Assert.Single(schema.Validate(JsonNode.Parse("""{ "type": "C" }""")).Errors);

        Assert.Equal("/type", error.InstanceLocation);
        Assert.Contains("\"C\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_anyOf_prefers_the_branch_whose_type_matched()
    {
        var schema = JsonSchema.Parse("""{ "anyOf": [ { "type": "null" }, { "type": "string", "maxLength": 3 } ] }""");

        var error = Assert.Single(schema.Validate(JsonValue.Create("toolong")).Errors);

        Assert.Equal("maxLength", error.Keyword);
    }

    [Fact]
    public void OneOf_fails_when_several_branches_match()
    {
        var schema = JsonSchema.Parse("""{ "oneOf": [ { "type": "number" }, { "type": "integer" } ] }""");

        Assert.True(schema.Validate(JsonValue.Create(1.5)).IsValid);
        Assert.Equal("oneOf", Assert.Single(schema.Validate(JsonValue.Create(2)).Errors).Keyword);
    }

    [Fact]
    public void Unique_items_compares_numbers_by_value()
    {
        var schema = JsonSchema.Parse("""{ "uniqueItems": true }""");

        var result = schema.Validate(JsonNode.Parse("""[1, {"a": [2]}, 1.0, {"a": [2]}]"""));

        Assert.Equal(["/2", "/3"], result.Errors.Select(e => e.InstanceLocation));
    }

    [Fact]
    public void Const_and_schema_dependencies_are_enforced()
    {
        var schema = JsonSchema.Parse("""
            { "properties": { "v": { "const": "1.19" } }, "dependencies": { "a": { "required": ["b"] }, "c": ["d"] } }
            """);

        Assert.True(schema.Validate(JsonNode.Parse("""{ "v": "1.19", "a": 1, "b": 2 }""")).IsValid);
        var result = schema.Validate(JsonNode.Parse("""{ "v": "1.18", "a": 1, "c": 1 }"""));
        Assert.Equal(["const", "required", "dependencies"], result.Errors.Select(e => e.Keyword));
    }
}
