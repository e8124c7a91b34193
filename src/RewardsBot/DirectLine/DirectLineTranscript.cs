using System.Text.Json.Nodes;
using RewardsBot.Dialogs.Conversation;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.DirectLine;

/// <summary>
/// Keeps passwords out of the feed (which is the transcript, stored in the database): the bot refuses a message that
/// looks like a secret by clearing its text and value during the turn, so the user's activity is stored after the
/// turn, masked when the bot cleared it or when the bot's own detector matches it.
/// </summary>
internal static class DirectLineTranscript
{
    /// <summary>What the feed shows instead of a refused secret.</summary>
    public const string Mask = "••••••••";

    /// <summary>Masks <paramref name="echo"/> when the bot refused it; true when it did.</summary>
    /// <param name="seenByBot">The copy the bot's turn ran on, as the turn left it.</param>
    public static bool Redact(Activity echo, Activity seenByBot)
    {
        ArgumentNullException.ThrowIfNull(echo);
        ArgumentNullException.ThrowIfNull(seenByBot);
        var cleared = (echo.Text is not null && seenByBot.Text is null) || (echo.Value is not null && seenByBot.Value is null);
        if (!cleared && !SecretDetector.LooksLikeSecret(echo.Text) && !SubmitsSecret(echo))
        {
            return false;
        }

        echo.Text = string.IsNullOrEmpty(echo.Text) ? echo.Text : Mask;
        echo.Value = null;
        return true;
    }

    /// <summary>A card submit with a field that looks like a secret (the bot's own rule: its routing keys do not count).</summary>
    private static bool SubmitsSecret(Activity activity)
        => CardSubmission.Read(activity).Values is { } values && values
            .Where(pair => pair.Key is not (CardSubmission.DialogKey or CardSubmission.ActionKey))
            .Any(pair => pair.Value is JsonValue value && value.TryGetValue<string>(out var text) && SecretDetector.LooksLikeSecret(text));
}
