using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>
/// Validates a Teams app manifest against <c>shared/schemas/teams-manifest-1.19.json</c>. The file declares draft-04
/// but uses <c>const</c> for <c>manifestVersion</c>; this validator enforces it (a strict draft-04 one would not).
/// </summary>
public sealed class TeamsManifestValidator
{
    private static readonly Lazy<JsonSchema> DefaultSchema = new(() => JsonSchema.FromFile(SchemaFiles.Find(SchemaFiles.TeamsManifest119)));
    private readonly JsonSchema _schema;

    /// <summary>Uses <c>shared/schemas/teams-manifest-1.19.json</c>, found above the test binaries.</summary>
    public TeamsManifestValidator()
        : this(DefaultSchema.Value)
    {
    }

    public TeamsManifestValidator(JsonSchema schema) => _schema = schema ?? throw new ArgumentNullException(nameof(schema));

    public SchemaValidationResult Validate(JsonNode manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return _schema.Validate(manifest);
    }
}
