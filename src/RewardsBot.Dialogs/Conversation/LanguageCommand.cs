using System.Text.Json.Nodes;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Dialogs.Recognizers;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Conversation;

/// <summary>
/// "English", "français", "中文" (or a language button of the welcome card) switch the chat's language. Only a
/// message that is nothing but a language name counts, so sentences that mention a language stay answers.
/// </summary>
public static class LanguageCommand
{
    public const string ActionName = "setLanguage";
    public const string LanguageKey = "language";
    private const int MaxCommandLength = 30;

    /// <summary>en, fr or zh-TW when the message asks for that chat language; otherwise null.</summary>
    public static string? Detect(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!activity.IsType(ActivityTypes.Message))
        {
            return null;
        }

        var submission = CardSubmission.Read(activity);
        if (submission.Action == ActionName)
        {
            var asked = submission.StringValue(LanguageKey);
            return BotLanguage.All.FirstOrDefault(language => string.Equals(language, asked, StringComparison.Ordinal));
        }

        if (submission.IsCardSubmit || submission.Text is not { Length: > 0 and <= MaxCommandLength } text)
        {
            return null;
        }

        var recognized = LanguageRecognizer.Recognize(text, activity.Locale, BotLanguage.All);
        return recognized is { Found: true, IsAmbiguous: false } ? BotLanguage.FromLocale(recognized.CultureName) : null;
    }

    /// <summary>The welcome card's language buttons' data.</summary>
    public static JsonObject ButtonData(string language) => new()
    {
        [CardSubmission.ActionKey] = ActionName,
        [LanguageKey] = language,
    };
}
