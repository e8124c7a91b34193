using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Content;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;
using RewardsBot.Runtime.Testing;
using Xunit.Abstractions;

namespace RewardsBot.Runtime.Tests.Dialogs;

internal static class DialogTestSupport
{
    public static DialogTestClient Client(Dialog dialog, ITestOutputHelper output, string locale = "en-US", object? options = null, IStorage? storage = null, string channelId = Channels.Test)
        => new(dialog, BotTexts.Default, options, channelId, locale, storage, output.WriteLine);

    /// <summary>The text of <paramref name="key"/> in the language of <paramref name="locale"/>.</summary>
    public static string Text(string key, string locale = "en-US") => BotTexts.Default.Get(key, locale);

    /// <summary>A card submit as Web Chat sends it: no text, value = data + inputs.</summary>
    public static Activity Submit(DialogTestClient client, JsonObject value)
    {
        var activity = client.Adapter.MakeActivity();
        activity.Value = value;
        activity.ChannelData = new JsonObject { ["postBack"] = true };
        return activity;
    }

    /// <summary>The dialog instance id stamped into the first submit action of the reply's card.</summary>
    public static string CardOwner(Activity reply)
    {
        var card = reply.Attachments!.First(a => a.ContentType == ContentTypes.AdaptiveCard).Content!;
        return FindSubmitData(card)![CardSubmission.DialogKey]!.GetValue<string>();
    }

    private static JsonObject? FindSubmitData(JsonNode node) => node switch
    {
        JsonObject obj when obj["type"]?.GetValue<string>() == "Action.Submit" => obj["data"] as JsonObject,
        JsonObject obj => obj.Select(p => p.Value is null ? null : FindSubmitData(p.Value)).FirstOrDefault(d => d is not null),
        JsonArray array => array.Select(n => n is null ? null : FindSubmitData(n)).FirstOrDefault(d => d is not null),
        _ => null,
    };
}
