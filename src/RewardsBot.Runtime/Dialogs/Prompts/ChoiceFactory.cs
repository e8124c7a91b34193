using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>Adds a list of choices to a prompt activity: buttons, a card, or a numbered list.</summary>
public static class ChoiceFactory
{
    /// <summary>Teams shows at most three suggested actions; Web Chat and the Emulator show more.</summary>
    private const int TeamsSuggestedActionLimit = 3;
    private const int SuggestedActionLimit = 6;

    public static void AddChoices(Activity activity, IReadOnlyList<Choice> choices, ListStyle style, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0)
        {
            return;
        }

        switch (Resolve(style, choices.Count, channelId))
        {
            case ListStyle.SuggestedAction:
                activity.SuggestedActions = new SuggestedActions
                {
                    Actions = choices.Select(c => new CardAction { Type = ActionTypes.ImBack, Title = c.DisplayText, Value = c.Value }).ToList(),
                };
                break;
            case ListStyle.Card:
                activity.Attachments ??= [];
                activity.Attachments.Add(new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = ChoiceCard(activity.Text, choices) });
                break;
            case ListStyle.List:
                var text = new StringBuilder(activity.Text);
                for (var i = 0; i < choices.Count; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n\n{i + 1}. {choices[i].DisplayText}");
                }

                activity.Text = text.ToString();
                break;
        }
    }

    private static ListStyle Resolve(ListStyle style, int count, string? channelId)
    {
        if (style != ListStyle.Auto)
        {
            return style;
        }

        var limit = channelId == Channels.Msteams ? TeamsSuggestedActionLimit : SuggestedActionLimit;
        return count <= limit ? ListStyle.SuggestedAction : ListStyle.Card;
    }

    /// <summary>An Adaptive Card (1.5) with the question and one submit button per choice.</summary>
    private static JsonObject ChoiceCard(string? question, IReadOnlyList<Choice> choices)
    {
        var body = new JsonArray();
        if (!string.IsNullOrEmpty(question))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = question, ["wrap"] = true });
        }

        var actions = new JsonArray(choices.Select(c => (JsonNode)new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = c.DisplayText,
            ["data"] = new JsonObject { [CardSubmission.AnswerKey] = c.Value },
        }).ToArray());

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["fallbackText"] = question ?? string.Join(", ", choices.Select(c => c.DisplayText)),
            ["body"] = body,
            ["actions"] = actions,
        };
    }
}
