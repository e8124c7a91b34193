using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Schema;
using RewardsBot.Tests.Infrastructure;

namespace RewardsBot.Tests.Resilience;

/// <summary>One turn of a script: the activity to send, made from the replies so far, and how its answer is recognised.</summary>
/// <param name="Name">For failure messages.</param>
/// <param name="Make">The activity of this turn, from the previous turn's replies.</param>
/// <param name="IsAnswer">True when the replies are this turn's answer.</param>
/// <param name="OnAnswer">Called with the answer once it is acknowledged (a receipt, say).</param>
public sealed record ChatStep(
    string Name,
    Func<ScriptedChat, Activity> Make,
    Func<IReadOnlyList<Activity>, bool> IsAnswer,
    Action<ScriptedChat, IReadOnlyList<Activity>>? OnAnswer = null);

/// <summary>
/// An Emulator-shaped conversation played turn after turn with <c>expectReplies</c> against a host that may be killed
/// at any moment. A turn is acknowledged when its 200 answer arrives; a turn whose request failed because the host
/// died stays <see cref="InFlight"/> and is sent again, with the same activity id, by the next <see cref="RunAsync"/>.
/// </summary>
public sealed class ScriptedChat(string name, string userId, IReadOnlyList<ChatStep> steps)
{
    /// <summary>A serviceUrl on this machine: with authentication off the host answers only a local one.</summary>
    private static readonly Uri ServiceUrl = new("http://127.0.0.1:9/");

    public string Name { get; } = name;

    public EmulatorConversation Session { get; } = new(ServiceUrl, userId: userId);

    /// <summary>How many turns were answered (the step the conversation is at).</summary>
    public int Acknowledged { get; private set; }

    /// <summary>The turn sent when the host died, not answered.</summary>
    public Activity? InFlight { get; private set; }

    /// <summary>The replies of the last acknowledged turn.</summary>
    public IReadOnlyList<Activity> LastReplies { get; private set; } = [];

    /// <summary>Facts the script noted from acknowledged answers (receipts).</summary>
    public Dictionary<string, string> Noted { get; } = new(StringComparer.Ordinal);

    /// <summary>What happened to the turns re-sent after a restart: the step and whether the answer was that step's.</summary>
    public List<(string Step, bool Answered, string Replies)> Resent { get; } = [];

    public int StepCount => steps.Count;

    public bool Done => Acknowledged == steps.Count;

    /// <summary>
    /// Plays the remaining turns (first the one in flight, again); returns when done or when the host is gone.
    /// A non-200 answer or an answer that is not the step's fails the test.
    /// </summary>
    public async Task RunAsync(HttpClient client, Action onAcknowledged)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(onAcknowledged);
        while (!Done)
        {
            var step = steps[Acknowledged];
            var resending = InFlight is not null;
            var activity = InFlight ?? step.Make(this);
            activity.DeliveryMode = DeliveryModes.ExpectReplies;
            InFlight = activity;
            IReadOnlyList<Activity> replies;
            string body;
            try
            {
                using var response = await client.PostActivityAsync(activity);
                body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Name}, step {step.Name}: {(int)response.StatusCode} {body}");
                replies = JsonNode.Parse(body)!["activities"].Deserialize<List<Activity>>(BotJson.Options)!;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // The host is gone: this turn stays in flight.
            }

            if (resending)
            {
                Resent.Add((step.Name, step.IsAnswer(replies), Describe(replies)));
            }

            Assert.True(step.IsAnswer(replies), $"{Name}, step {step.Name}{(resending ? " (sent again after a restart)" : "")} got another answer: {Describe(replies)}\n{body}");
            InFlight = null;
            LastReplies = replies;
            step.OnAnswer?.Invoke(this, replies);
            Acknowledged++;
            onAcknowledged();
        }
    }

    /// <summary>The text and card titles of replies, for failure messages.</summary>
    public static string Describe(IEnumerable<Activity> replies)
        => string.Join(" | ", replies.Select(r => (r.Text ?? "") + string.Concat(WireCards.Cards(r).Select(c => " [" + string.Join(" / ", WireCards.Texts(c).Take(1)) + "]"))));

    /// <summary>The last card of the last replies that has a button titled <paramref name="title"/>.</summary>
    public (Activity Reply, JsonObject Button) ButtonOf(string title)
    {
        foreach (var reply in LastReplies.Reverse())
        {
            foreach (var card in WireCards.Cards(reply))
            {
                if (WireCards.Submits(card).FirstOrDefault(a => a["title"]?.GetValue<string>() == title) is { } button)
                {
                    return (reply, button);
                }
            }
        }

        throw new InvalidOperationException($"{Name}: no button '{title}' in the last replies: {Describe(LastReplies)}");
    }

    /// <summary>A click on the button titled <paramref name="title"/> of the last replies, with card inputs.</summary>
    public Activity Click(string title, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var (reply, button) = ButtonOf(title);
        return Click(reply, button, inputs);
    }

    public Activity Click(Activity reply, JsonObject button, IReadOnlyDictionary<string, string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(button);
        var value = (JsonObject)button["data"]!.DeepClone();
        foreach (var (id, text) in inputs ?? new Dictionary<string, string>())
        {
            value[id] = text;
        }

        return Session.Stamp(new Activity
        {
            Type = ActivityTypes.Message,
            Value = value,
            ChannelData = new JsonObject { ["postBack"] = true },
            ReplyToId = reply.Id,
            From = Session.User,
        });
    }

    public Activity Say(string text) => Session.Message(text);

    /// <summary>The English text of <paramref name="key"/>.</summary>
    public static string Text(string key) => BotTexts.Default.Get(key, "en-US");

    /// <summary>The English text of <paramref name="key"/> up to its first placeholder.</summary>
    public static string TextBefore(string key)
    {
        var text = Text(key);
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? text : text[..brace];
    }

    /// <summary>The longest part of <paramref name="key"/>'s English text without a placeholder.</summary>
    public static string LongestLiteral(string key)
        => System.Text.RegularExpressions.Regex.Split(Text(key), @"\{[^}]*\}").MaxBy(part => part.Length)!;

    /// <summary>True when a reply's text starts with <paramref name="prefix"/>.</summary>
    public static bool Says(IReadOnlyList<Activity> replies, string prefix)
        => replies.Any(r => r.Text?.StartsWith(prefix, StringComparison.Ordinal) == true);

    /// <summary>True when a reply carries a card with a TextBlock <paramref name="text"/>.</summary>
    public static bool ShowsCard(IReadOnlyList<Activity> replies, string text)
        => replies.Any(r => WireCards.Cards(r).Any(c => WireCards.Texts(c).Contains(text)));
}
