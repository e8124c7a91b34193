using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.Testing;

namespace RewardsBot.Dialogs.Tests.Support;

/// <summary>Reads what a user sees on the Adaptive Cards of a reply: texts, facts, buttons, inputs.</summary>
public static class CardQueries
{
    /// <summary>The cards of the activity.</summary>
    public static IEnumerable<JsonObject> Cards(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return (activity.Attachments ?? [])
            .Where(a => a.ContentType == ContentTypes.AdaptiveCard && a.Content is JsonObject)
            .Select(a => (JsonObject)a.Content!);
    }

    public static bool HasCard(Activity activity) => Cards(activity).Any();

    /// <summary>Every Action.Submit on the cards (in body action sets and card actions), in order.</summary>
    public static IEnumerable<JsonObject> Actions(Activity activity)
        => Cards(activity).SelectMany(CardNodes.Objects).Where(o => o["type"]?.GetValue<string>() is "Action.Submit" or "Action.OpenUrl");

    public static IReadOnlyList<string> ButtonTitles(Activity activity)
        => [.. Actions(activity).Select(a => a["title"]?.GetValue<string>() ?? string.Empty)];

    /// <summary>Every text shown: TextBlock texts, fact titles and values, input labels, choice titles.</summary>
    public static IReadOnlyList<string> Texts(Activity activity)
    {
        var texts = new List<string>();
        foreach (var node in Cards(activity).SelectMany(CardNodes.Objects))
        {
            switch (node["type"]?.GetValue<string>())
            {
                case "TextBlock":
                    texts.Add(node["text"]?.GetValue<string>() ?? string.Empty);
                    break;
                case "FactSet":
                    foreach (var fact in node["facts"]?.AsArray() ?? [])
                    {
                        texts.Add(fact?["title"]?.GetValue<string>() ?? string.Empty);
                        texts.Add(fact?["value"]?.GetValue<string>() ?? string.Empty);
                    }

                    break;
                case { } type when type.StartsWith("Input.", StringComparison.Ordinal):
                    texts.Add(node["label"]?.GetValue<string>() ?? string.Empty);
                    foreach (var choice in node["choices"]?.AsArray() ?? [])
                    {
                        texts.Add(choice?["title"]?.GetValue<string>() ?? string.Empty);
                    }

                    break;
            }
        }

        return texts;
    }

    /// <summary>All the words of the reply: its text and every text on its cards, one per line.</summary>
    public static string AllText(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return string.Join("\n", new[] { activity.Text ?? string.Empty }.Concat(Texts(activity)));
    }

    /// <summary>All the words of several replies.</summary>
    public static string AllText(IEnumerable<Activity> activities) => string.Join("\n", activities.Select(AllText));

    /// <summary>The ids of the inputs on the cards.</summary>
    public static IReadOnlyList<string> InputIds(Activity activity)
        => [.. Cards(activity).SelectMany(CardNodes.Objects)
            .Where(o => o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Select(o => o["id"]?.GetValue<string>() ?? string.Empty)];

    /// <summary>The first reply carrying a card.</summary>
    public static Activity WithCard(IEnumerable<Activity> replies)
        => replies.LastOrDefault(HasCard) ?? throw new InvalidOperationException("None of the replies carries a card.");
}
