using System.Numerics;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Dialogs.Recognizers;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>
/// Asks for a number: digits in the user's culture ("1 234,5" in French) or words in English, French or Traditional
/// Chinese. A value that does not fit <typeparamref name="T"/> (a fraction for an integer, out of range) is refused.
/// </summary>
public class NumberPrompt<T>(string dialogId, PromptValidator<T>? validator = null) : Prompt<T>(dialogId, validator)
    where T : struct, INumber<T>
{
    protected override Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CardSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(submission);
        var number = NumberRecognizer.Recognize(submission.Answer, turnContext.Activity.Locale);
        if (number is { } value && TryConvert(value, out var converted))
        {
            return Task.FromResult(PromptRecognizerResult.Success(converted));
        }

        return Task.FromResult(PromptRecognizerResult.Failure<T>(PromptText.Get(turnContext, PromptText.NumberRetry)));
    }

    private static bool TryConvert(decimal value, out T result)
    {
        try
        {
            result = T.CreateChecked(value);
            return decimal.CreateChecked(result) == value;
        }
        catch (OverflowException)
        {
            result = default;
            return false;
        }
    }
}
