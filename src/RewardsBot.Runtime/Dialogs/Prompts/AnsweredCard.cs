using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>
/// The read-only copy of an answered prompt card, for channels that can update a sent message (Teams): every input
/// becomes a fact showing what was submitted, every button disappears, and the button that was used is named at
/// the bottom. Teams otherwise leaves the card clickable and may clear its inputs.
/// </summary>
public static class AnsweredCard
{
    /// <summary>The message replacing the card of <paramref name="prompt"/>, or null when the prompt carried no card.</summary>
    public static Activity? Summarize(Activity prompt, JsonObject submitted)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(submitted);
        var card = prompt.Attachments?.FirstOrDefault(a => a.ContentType == ContentTypes.AdaptiveCard)?.Content as JsonObject;
        if (card is null)
        {
            return null;
        }

        var copy = (JsonObject)card.DeepClone();
        var clicked = ClickedTitle(copy, submitted);
        copy.Remove("actions");
        copy.Remove("selectAction");
        var body = copy["body"] as JsonArray ?? [];
        copy["body"] = body;
        ReadOnly(body, submitted);
        if (clicked is not null)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "✓ " + clicked, ["weight"] = "Bolder", ["wrap"] = true });
        }

        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = prompt.Text,
            Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = copy }],
        };
    }

    private static void ReadOnly(JsonArray elements, JsonObject submitted)
    {
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            if (elements[i] is not JsonObject element)
            {
                continue;
            }

            element.Remove("selectAction");
            var type = element["type"]?.GetValue<string>() ?? string.Empty;
            if (type == "ActionSet")
            {
                elements.RemoveAt(i);
            }
            else if (type.StartsWith("Input.", StringComparison.Ordinal))
            {
                elements[i] = new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray(new JsonObject
                    {
                        ["title"] = element["label"]?.GetValue<string>() ?? element["id"]?.GetValue<string>() ?? string.Empty,
                        ["value"] = Shown(element, submitted),
                    }),
                };
            }
            else
            {
                foreach (var key in new[] { "items", "columns", "body" })
                {
                    if (element[key] is JsonArray children)
                    {
                        ReadOnly(children, submitted);
                    }
                }
            }
        }
    }

    /// <summary>What was submitted for an input, as the user saw it (choice titles rather than values).</summary>
    private static string Shown(JsonObject input, JsonObject submitted)
    {
        var id = input["id"]?.GetValue<string>();
        var value = id is not null && submitted[id] is JsonValue v ? v.ToString() : string.Empty;
        if (input["choices"] is JsonArray choices && value.Length > 0)
        {
            var titles = value.Split(',').Select(part => choices
                .OfType<JsonObject>()
                .FirstOrDefault(c => c["value"]?.ToString() == part)?["title"]?.ToString() ?? part);
            value = string.Join(", ", titles);
        }

        return value.Length == 0 ? "—" : value;
    }

    /// <summary>The title of the Action.Submit whose data the submitted values carry (every data key matches).</summary>
    private static string? ClickedTitle(JsonNode node, JsonObject submitted)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.ToString() == "Action.Submit" && (obj["data"] ?? new JsonObject()) is JsonObject data
                    && data.Where(p => p.Key != CardSubmission.DialogKey && p.Key != "msteams").All(p => JsonNode.DeepEquals(p.Value, submitted[p.Key])))
                {
                    return obj["title"]?.ToString();
                }

                return obj.Select(p => p.Value is null ? null : ClickedTitle(p.Value, submitted)).FirstOrDefault(t => t is not null);
            case JsonArray array:
                return array.Select(child => child is null ? null : ClickedTitle(child, submitted)).FirstOrDefault(t => t is not null);
            default:
                return null;
        }
    }
}
