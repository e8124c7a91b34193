using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>
/// Asks for a phone number as people type it (<c>+1 (425) 555-0100</c>, <c>00 33 1 23 45 67 89</c>, a national
/// number in the default region); the result is E.164. A refusal says why (too short, too long, unknown country code).
/// </summary>
/// <param name="defaultRegion">ISO region for national numbers; from the chat's locale when null.</param>
public class PhoneNumberPrompt(string dialogId, string? defaultRegion = null, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(submission);
        var region = defaultRegion ?? PhoneRegions.FromLocale(turnContext.Activity.Locale);
        var result = PhoneNumberRecognizer.Recognize(submission.Answer, region);
        if (result.Outcome == PhoneNumberOutcome.Valid)
        {
            return Task.FromResult(PromptRecognizerResult.Success(result.E164!));
        }

        var reason = result.Outcome switch
        {
            PhoneNumberOutcome.TooShort => PromptText.PhoneTooShort,
            PhoneNumberOutcome.TooLong => PromptText.PhoneTooLong,
            PhoneNumberOutcome.UnknownCountryCode => PromptText.PhoneUnknownCountryCode,
            PhoneNumberOutcome.NeedsCountry => PromptText.PhoneNeedsCountry,
            _ => PromptText.PhoneNotANumber,
        };
        return Task.FromResult(PromptRecognizerResult.Failure<string>(PromptText.Get(turnContext, reason)));
    }
}
