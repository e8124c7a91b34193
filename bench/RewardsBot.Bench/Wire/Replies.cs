using System.Text.Json;

namespace RewardsBot.Bench.Wire;

/// <summary>A card button: its title and its <c>data</c> (raw JSON), as a channel would submit it.</summary>
internal sealed record CardButton(string Title, string? DataJson);

/// <summary>The bot's replies to one turn, reduced to what the scripts look at: their words and their card buttons.</summary>
internal sealed class Replies
{
    private readonly List<string> _strings = [];
    private readonly List<CardButton> _buttons = [];

    public static Replies None { get; } = new();

    public int Count { get; private set; }

    public IReadOnlyList<CardButton> Buttons => _buttons;

    /// <summary>Whether any reply's text or any string in its cards contains <paramref name="marker"/>.</summary>
    public bool Contains(string marker) => _strings.Exists(s => s.Contains(marker, StringComparison.Ordinal));

    /// <summary>The replies' texts, shortened, to show what came instead of the expected answer.</summary>
    public string Describe()
    {
        var texts = _strings.Where(s => s.Length > 12).Take(3).Select(s => s.Length > 90 ? s[..90] + "…" : s);
        return Count == 0 ? "(no reply)" : $"{Count} replies: " + string.Join(" / ", texts);
    }

    /// <summary>Adds one activity of the bot (an element of an <c>activities</c> array).</summary>
    public void Add(JsonElement activity)
    {
        Count++;
        if (activity.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            _strings.Add(text.GetString()!);
        }

        if (activity.TryGetProperty("attachments", out var attachments))
        {
            Walk(attachments);
        }

        if (activity.TryGetProperty("suggestedActions", out var suggested))
        {
            Walk(suggested);
        }
    }

    public static Replies FromActivities(JsonElement activities)
    {
        var replies = new Replies();
        foreach (var activity in activities.EnumerateArray())
        {
            replies.Add(activity);
        }

        return replies;
    }

    private void Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }

                break;
            case JsonValueKind.Object:
                if (element.TryGetProperty("type", out var type) && type.ValueEquals("Action.Submit") && element.TryGetProperty("title", out var title))
                {
                    _buttons.Add(new CardButton(title.GetString() ?? "", element.TryGetProperty("data", out var data) ? data.GetRawText() : null));
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value);
                }

                break;
        }
    }
}
