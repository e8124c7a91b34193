using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>
/// What the user answered, whether typed (<c>text</c>) or submitted from an Adaptive Card (<c>value</c>, including
/// Teams' <c>msteams</c> shapes), and which dialog instance the card belonged to.
/// </summary>
public sealed record CardSubmission(string? Text, JsonObject? Values)
{
    /// <summary>Key in submit data naming the dialog instance (the prompt) that sent the card.</summary>
    public const string DialogKey = "_dialog";

    /// <summary>Key in submit data naming a command button: help, cancel, startOver.</summary>
    public const string ActionKey = "_action";

    /// <summary>Key of the single answer of a prompt's card (a choice button's value, or the input of a one-field card).</summary>
    public const string AnswerKey = "answer";

    public string? DialogInstanceId => StringValue(DialogKey);

    public string? Action => StringValue(ActionKey);

    /// <summary>The answer as text: what was typed, else the card's <c>answer</c> value.</summary>
    public string? Answer => !string.IsNullOrWhiteSpace(Text) ? Text : StringValue(AnswerKey);

    public bool IsCardSubmit => Values is not null;

    public string? StringValue(string key) => Values?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : Values?[key] is JsonValue other ? other.ToJsonString() : null;

    /// <summary>Reads an incoming message. Teams' <c>msteams.value</c> is merged into the values (data keys win).</summary>
    public static CardSubmission Read(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = string.IsNullOrWhiteSpace(activity.Text) ? null : activity.Text.Trim();
        if (activity.Value is not JsonObject value)
        {
            return new CardSubmission(text, null);
        }

        var values = (JsonObject)value.DeepClone();
        if (values["msteams"] is JsonObject msteams)
        {
            values.Remove("msteams");
            if (msteams["value"] is JsonObject inner)
            {
                foreach (var (key, node) in inner)
                {
                    if (!values.ContainsKey(key))
                    {
                        values[key] = node?.DeepClone();
                    }
                }
            }
        }

        return new CardSubmission(text, values);
    }

    /// <summary>
    /// A copy of <paramref name="activity"/> whose Adaptive Card submit actions carry <paramref name="dialogInstanceId"/>,
    /// so their submits can be matched to the prompt that is waiting (and stale ones refused).
    /// </summary>
    /// <remarks>
    /// Every <c>Action.Submit</c> and <c>Action.Execute</c>, nested cards included, gets the key in its data object and
    /// in that object's Teams <c>msteams.value</c>; data is created when missing or null. Text data cannot carry hidden
    /// fields: it arrives as typed text and is recognised as such, so it is left alone. The stamped cards are carried as
    /// JSON text (see <see cref="Attachment"/>): the card is stamped in its text, without building a tree of it.
    /// </remarks>
    public static Activity Stamp(Activity activity, string dialogInstanceId)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(dialogInstanceId);
        return activity.Copy(attachment => attachment.ContentType == ContentTypes.AdaptiveCard && attachment.HasContent
            ? attachment.CopyWithContentJson(SubmitActionStamp.Stamp(attachment.ContentJson ?? ActivityWriter.ToJson(attachment.Content!), dialogInstanceId))
            : attachment.Copy());
    }
}
