using System.Text.Json.Nodes;
using RewardsBot.Runtime.Testing.Schemas;

namespace RewardsBot.Runtime.Tests.Schemas;

public class AdaptiveCardValidatorTests
{
    private const string RichCard = """
        {
          "type": "AdaptiveCard", "version": "1.5", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "body": [
            { "type": "TextBlock", "text": "Your rewards", "style": "heading", "size": "Large", "wrap": true },
            { "type": "Container", "style": "emphasis", "items": [ { "type": "TextBlock", "text": "Contoso", "isSubtle": true } ] },
            { "type": "ColumnSet", "columns": [
                { "type": "Column", "width": "auto", "items": [ { "type": "Image", "url": "https://example.com/a.png", "altText": "Logo", "size": "small" } ] },
                { "type": "Column", "width": "stretch", "items": [ { "type": "FactSet", "facts": [ { "title": "Points", "value": "120" } ] } ] } ] },
            { "type": "Input.Text", "id": "email", "label": "Email", "isRequired": true, "errorMessage": "Enter an email", "style": "email" },
            { "type": "Input.Number", "id": "seats", "label": "Seats", "min": 1, "max": 50, "value": 5 },
            { "type": "Input.Date", "id": "start", "label": "Start", "value": "2026-01-31" },
            { "type": "Input.Toggle", "id": "agree", "label": "Agree", "title": "I agree", "value": "false" },
            { "type": "Input.ChoiceSet", "id": "plan", "label": "Plan", "style": "expanded", "choices": [ { "title": "Gold", "value": "gold" } ] },
            { "type": "Table", "columns": [ { "width": 1 }, { "width": 2 } ], "rows": [
                { "type": "TableRow", "cells": [
                    { "type": "TableCell", "items": [ { "type": "TextBlock", "text": "Benefit" } ] },
                    { "type": "TableCell", "items": [ { "type": "TextBlock", "text": "Azure credits" } ] } ] } ] },
            { "type": "ActionSet", "actions": [ { "type": "Action.OpenUrl", "title": "Docs", "url": "https://example.com" } ] }
          ],
          "actions": [
            { "type": "Action.Submit", "title": "Activate", "data": { "verb": "activate", "msteams": { "type": "messageBack" } } },
            { "type": "Action.ShowCard", "title": "More", "card": { "type": "AdaptiveCard", "body": [ { "type": "TextBlock", "text": "Details" } ] } }
          ]
        }
        """;

    private static readonly AdaptiveCardValidator Validator = new();

    private static SchemaValidationResult ValidateChanged(Action<JsonNode> change)
    {
        var card = JsonNode.Parse(RichCard)!;
        change(card);
        return Validator.Validate(card);
    }

    private static void AssertError(SchemaValidationResult result, string pointer, string messagePart) =>
        Assert.True(
            result.Errors.Any(e => e.InstanceLocation == pointer && e.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"expected an error at '{pointer}' containing '{messagePart}', got:\n{result}");

    [Fact]
    public void A_rich_1_5_card_is_valid()
    {
        var result = Validator.Validate(JsonNode.Parse(RichCard)!);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void An_unknown_property_on_an_element_is_rejected_at_that_property()
    {
        var result = ValidateChanged(c => c["body"]![0]!["colour"] = "red");

        AssertError(result, "/body/0/colour", "property 'colour' is not allowed");
    }

    [Fact]
    public void A_number_where_text_is_expected_is_rejected_with_its_type()
    {
        var result = ValidateChanged(c => c["body"]![0]!["text"] = 5);

        AssertError(result, "/body/0/text", "5 is not of type string");
    }

    [Fact]
    public void A_nested_element_error_points_into_the_container()
    {
        var result = ValidateChanged(c => c["body"]![1]!["items"]![0]!["text"] = true);

        AssertError(result, "/body/1/items/0/text", "true is not of type string");
    }

    [Fact]
    public void An_input_without_id_is_rejected()
    {
        var result = ValidateChanged(c => c["body"]![4]!.AsObject().Remove("id"));

        AssertError(result, "/body/4", "required property 'id' is missing");
    }

    [Fact]
    public void An_image_without_url_is_rejected()
    {
        var result = ValidateChanged(c => c["body"]![2]!["columns"]![0]!["items"]![0]!.AsObject().Remove("url"));

        AssertError(result, "/body/2/columns/0/items/0", "required property 'url' is missing");
    }

    [Theory]
    [InlineData("Large")]
    [InlineData("large")]
    [InlineData("LARGE")]
    public void Enum_values_are_case_insensitive(string size)
    {
        var result = ValidateChanged(c => c["body"]![0]!["size"] = size);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void An_enum_value_not_allowed_is_rejected_with_the_allowed_values()
    {
        var result = ValidateChanged(c => c["body"]![0]!["size"] = "huge");

        AssertError(result, "/body/0/size", "\"huge\" is not one of [\"default\",\"small\"");
    }

    [Fact]
    public void A_leftover_binding_in_text_is_rejected()
    {
        var result = ValidateChanged(c => c["body"]![0]!["text"] = "Hello ${name}");

        AssertError(result, "/body/0/text", "template binding");
    }

    [Fact]
    public void A_leftover_data_key_is_rejected()
    {
        var result = ValidateChanged(c => c["body"]![0]!["$data"] = "${items}");

        AssertError(result, "/body/0/$data", "template key '$data'");
        AssertError(result, "/body/0/$data", "property '$data' is not allowed");
    }

    [Fact]
    public void A_card_without_version_is_rejected()
    {
        var result = ValidateChanged(c => c.AsObject().Remove("version"));

        AssertError(result, "", "the card has no version");
    }

    [Theory]
    [InlineData("1.6")]
    [InlineData("two")]
    public void A_version_above_1_5_or_not_a_version_is_rejected(string version)
    {
        var result = ValidateChanged(c => c["version"] = version);

        Assert.Contains(result.Errors, e => e.InstanceLocation == "/version");
    }

    [Fact]
    public void A_card_of_another_type_is_rejected()
    {
        var result = ValidateChanged(c => c["type"] = "HeroCard");

        AssertError(result, "/type", "must be \"AdaptiveCard\"");
    }

    [Fact]
    public void A_required_input_without_label_is_rejected()
    {
        var result = ValidateChanged(c => c["body"]![3]!.AsObject().Remove("label"));

        AssertError(result, "/body/3", "has no label");
        Assert.Single(result.Errors);
    }

    [Fact]
    public void A_required_input_without_error_message_is_rejected()
    {
        var result = ValidateChanged(c => c["body"]![3]!.AsObject().Remove("errorMessage"));

        AssertError(result, "/body/3", "has no errorMessage");
    }

    [Fact]
    public void String_submit_data_is_rejected_although_the_schema_allows_it()
    {
        var result = ValidateChanged(c => c["actions"]![0]!["data"] = "activate");

        var error = Assert.Single(result.Errors);
        Assert.Equal("/actions/0/data", error.InstanceLocation);
        Assert.Equal("submitData", error.Keyword);
    }

    [Fact]
    public void Teams_extensions_on_the_card_and_images_are_accepted_after_stripping()
    {
        var result = ValidateChanged(c =>
        {
            c["msteams"] = new JsonObject { ["width"] = "Full" };
            c["body"]![2]!["columns"]![0]!["items"]![0]!["msTeams"] = new JsonObject { ["allowExpand"] = true };
        });

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void Teams_extensions_elsewhere_are_still_rejected()
    {
        var result = ValidateChanged(c => c["body"]![0]!["msteams"] = new JsonObject { ["width"] = "Full" });

        AssertError(result, "/body/0/msteams", "is not allowed");
    }
}
