using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>Keys of the words the dialog runtime itself says (in dialogs/runtime.*.json of the bot's content).</summary>
public static class PromptText
{
    public const string CardNoLongerActive = "runtime.cardNoLongerActive";
    public const string TooManyAttempts = "runtime.tooManyAttempts";
    public const string Yes = "runtime.yes";
    public const string No = "runtime.no";
    public const string ConfirmRetry = "runtime.confirm.retry";
    public const string ChoiceRetry = "runtime.choice.retry";
    public const string ChoiceAmbiguous = "runtime.choice.ambiguous";
    public const string NumberRetry = "runtime.number.retry";
    public const string TextRetry = "runtime.text.retry";
    public const string EmailRetry = "runtime.email.retry";
    public const string PhoneNotANumber = "runtime.phone.notANumber";
    public const string PhoneTooShort = "runtime.phone.tooShort";
    public const string PhoneTooLong = "runtime.phone.tooLong";
    public const string PhoneUnknownCountryCode = "runtime.phone.unknownCountryCode";
    public const string PhoneNeedsCountry = "runtime.phone.needsCountry";
    public const string LanguageRetry = "runtime.language.retry";
    public const string FormUseTheCard = "runtime.form.useTheCard";
    public const string FormHasErrors = "runtime.form.hasErrors";
    public const string HelpCommands = "runtime.commands.help";
    public const string CancelCommands = "runtime.commands.cancel";
    public const string StartOverCommands = "runtime.commands.startOver";
    public const string HelpDefault = "runtime.help.default";
    public const string CancelConfirm = "runtime.cancel.confirm";
    public const string Cancelled = "runtime.cancel.done";
    public const string NotCancelled = "runtime.cancel.kept";
    public const string StartingOver = "runtime.startOver.done";

    /// <summary>The text in the turn's language.</summary>
    public static string Get(ITurnContext turnContext, string key, params (string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.GetTextCatalog().Get(key, turnContext.Activity.Locale, values);
    }

    public static Task SendAsync(ITurnContext turnContext, string key, CancellationToken cancellationToken)
        => turnContext.SendActivityAsync(Get(turnContext, key), cancellationToken: cancellationToken);
}
