using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;

namespace RewardsBot.Runtime.Tests.Cards;

public class BenefitsCardTests
{
    private const string Template = """
        {
          "type": "AdaptiveCard",
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "version": "1.5",
          "body": [
            { "type": "TextBlock", "text": "${labels.title}", "weight": "Bolder", "size": "Medium", "wrap": true },
            { "type": "TextBlock", "$when": "${empty(benefits)}", "text": "${labels.none}", "wrap": true },
            {
              "type": "Container",
              "$data": "${benefits}",
              "separator": "${$index > 0}",
              "items": [
                { "type": "TextBlock", "text": "${$index + 1}. ${name}", "weight": "Bolder", "wrap": true },
                { "type": "FactSet", "facts": [
                  { "title": "${$root.labels.points}", "value": "${formatNumber(points, 0)}" },
                  { "$when": "${exists(expires)}", "title": "${$root.labels.expires}", "value": "${expires}" }
                ] },
                { "type": "ActionSet", "actions": [
                  {
                    "type": "Action.Submit",
                    "$when": "${available && !activated}",
                    "title": "${$root.labels.activate}",
                    "data": { "action": "activate", "benefitId": "${id}", "points": "${points}" }
                  }
                ] }
              ]
            }
          ]
        }
        """;

    private const string Data = """
        {
          "labels": { "title": "Your benefits", "none": "No benefits yet.", "points": "Points", "expires": "Expires", "activate": "Activate" },
          "benefits": [
            { "id": "b-17", "name": "Cinema pass", "points": 1200, "available": true, "activated": false, "expires": "2026-12-31" },
            { "id": "b-23", "name": "Gym week", "points": 300, "available": false, "activated": false },
            { "id": "b-42", "name": "Coffee", "points": 50, "available": true, "activated": true }
          ]
        }
        """;

    private const string Expected = """
        {
          "type": "AdaptiveCard",
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "version": "1.5",
          "body": [
            { "type": "TextBlock", "text": "Your benefits", "weight": "Bolder", "size": "Medium", "wrap": true },
            {
              "type": "Container", "separator": false,
              "items": [
                { "type": "TextBlock", "text": "1. Cinema pass", "weight": "Bolder", "wrap": true },
                { "type": "FactSet", "facts": [ { "title": "Points", "value": "1,200" }, { "title": "Expires", "value": "2026-12-31" } ] },
                { "type": "ActionSet", "actions": [
                  { "type": "Action.Submit", "title": "Activate", "data": { "action": "activate", "benefitId": "b-17", "points": 1200 } }
                ] }
              ]
            },
            {
              "type": "Container", "separator": true,
              "items": [
                { "type": "TextBlock", "text": "2. Gym week", "weight": "Bolder", "wrap": true },
                { "type": "FactSet", "facts": [ { "title": "Points", "value": "300" } ] },
                { "type": "ActionSet", "actions": [] }
              ]
            },
            {
              "type": "Container", "separator": true,
              "items": [
                { "type": "TextBlock", "text": "3. Coffee", "weight": "Bolder", "wrap": true },
                { "type": "FactSet", "facts": [ { "title": "Points", "value": "50" } ] },
                { "type": "ActionSet", "actions": [] }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Benefits_card_lists_every_benefit_with_an_activate_button_only_for_available_ones()
    {
        var card = CardTemplate.Parse(Template).ExpandStrict(JsonNode.Parse(Data));

        Assert.Equal(CardTestData.Compact(Expected), card!.ToJsonString());
    }

    [Fact]
    public void Benefits_card_without_benefits_shows_the_empty_message_and_no_containers()
    {
        var data = JsonNode.Parse(Data)!;
        data["benefits"] = new JsonArray();

        var card = CardTemplate.Parse(Template).ExpandStrict(data)!;

        Assert.Equal(
            CardTestData.Compact("""
                [ { "type": "TextBlock", "text": "Your benefits", "weight": "Bolder", "size": "Medium", "wrap": true },
                  { "type": "TextBlock", "text": "No benefits yet.", "wrap": true } ]
                """),
            card["body"]!.ToJsonString());
    }

    [Fact]
    public void The_expanded_benefits_card_is_a_valid_adaptive_card_1_5()
    {
        var card = CardTemplate.Parse(Template).ExpandStrict(JsonNode.Parse(Data))!;

        var result = new RewardsBot.Runtime.Testing.Schemas.AdaptiveCardValidator().Validate(card);

        Assert.True(result.IsValid, result.ToString());
    }
}
