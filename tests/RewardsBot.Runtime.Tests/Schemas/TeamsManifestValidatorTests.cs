using System.Text.Json.Nodes;
using RewardsBot.Runtime.Testing.Schemas;

namespace RewardsBot.Runtime.Tests.Schemas;

public class TeamsManifestValidatorTests
{
    private const string Manifest = """
        {
          "$schema": "https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json",
          "manifestVersion": "1.19",
          "version": "1.0.0",
          "id": "6f1c0000-0000-4000-8000-000000000001",
          "developer": {
            "name": "Contoso", "websiteUrl": "https://contoso.example", "privacyUrl": "https://contoso.example/privacy",
            "termsOfUseUrl": "https://contoso.example/terms"
          },
          "name": { "short": "Rewards", "full": "Partner Rewards" },
          "description": { "short": "Activate partner benefits", "full": "Activate and track partner benefits in Teams." },
          "icons": { "color": "color.png", "outline": "outline.png" },
          "accentColor": "#1A2B3C",
          "bots": [ { "botId": "6f1c0000-0000-4000-8000-000000000002", "scopes": ["personal", "team"] } ],
          "validDomains": ["contoso.example"]
        }
        """;

    private static readonly TeamsManifestValidator Validator = new();

    private static SchemaValidationResult ValidateChanged(Action<JsonNode> change)
    {
        var manifest = JsonNode.Parse(Manifest)!;
        change(manifest);
        return Validator.Validate(manifest);
    }

    private static SchemaError SingleError(SchemaValidationResult result)
    {
        Assert.True(result.Errors.Count == 1, result.ToString());
        return result.Errors[0];
    }

    [Fact]
    public void A_minimal_bot_manifest_is_valid()
    {
        var result = Validator.Validate(JsonNode.Parse(Manifest)!);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void A_bot_without_bot_id_is_rejected()
    {
        var error = SingleError(ValidateChanged(m => m["bots"]![0]!.AsObject().Remove("botId")));

        Assert.Equal("/bots/0", error.InstanceLocation);
        Assert.Equal("required property 'botId' is missing", error.Message);
    }

    [Fact]
    public void A_bot_id_that_is_not_a_guid_is_rejected()
    {
        var error = SingleError(ValidateChanged(m => m["bots"]![0]!["botId"] = "rewards-bot"));

        Assert.Equal("/bots/0/botId", error.InstanceLocation);
        Assert.Equal("pattern", error.Keyword);
    }

    [Fact]
    public void A_short_name_over_30_characters_is_rejected()
    {
        var error = SingleError(ValidateChanged(m => m["name"]!["short"] = new string('x', 31)));

        Assert.Equal("/name/short", error.InstanceLocation);
        Assert.Contains("longer than 30 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_name_of_exactly_30_characters_is_accepted()
    {
        Assert.True(ValidateChanged(m => m["name"]!["short"] = new string('x', 30)).IsValid);
    }

    [Fact]
    public void A_manifest_version_other_than_1_19_is_rejected_although_the_file_declares_draft_04()
    {
        var error = SingleError(ValidateChanged(m => m["manifestVersion"] = "1.18"));

        Assert.Equal("/manifestVersion", error.InstanceLocation);
        Assert.Equal("const", error.Keyword);
    }

    [Fact]
    public void An_unknown_bot_scope_is_rejected()
    {
        var error = SingleError(ValidateChanged(m => m["bots"]![0]!["scopes"]![1] = "channel"));

        Assert.Equal("/bots/0/scopes/1", error.InstanceLocation);
        Assert.Equal("enum", error.Keyword);
    }
}
