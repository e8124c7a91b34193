using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Tests.Support;

/// <summary>One line per activity for the test output: its text, and for cards their texts and buttons.</summary>
public static class Transcript
{
    public static string Describe(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var parts = new List<string>();
        if (activity.Type != ActivityTypes.Message)
        {
            parts.Add($"[{activity.Type}]");
        }

        if (!string.IsNullOrEmpty(activity.Text))
        {
            parts.Add(activity.Text);
        }

        if (activity.Value is JsonObject value)
        {
            parts.Add("value " + value.ToJsonString());
        }

        foreach (var _ in CardQueries.Cards(activity))
        {
            parts.Add("[card] " + string.Join(" | ", CardQueries.Texts(activity).Where(t => t.Length > 0)));
            parts.Add("[buttons] " + string.Join(", ", CardQueries.ButtonTitles(activity)));
        }

        return string.Join(" ", parts);
    }
}
