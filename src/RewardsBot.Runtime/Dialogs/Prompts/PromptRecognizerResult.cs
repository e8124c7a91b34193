using RewardsBot.Runtime.Builder;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>What a prompt understood of the user's answer, or why it did not.</summary>
public sealed class PromptRecognizerResult<T>
{
    public bool Succeeded { get; init; }

    public T? Value { get; init; }

    /// <summary>Why the answer was not understood, in the user's language; sent as the one retry message.</summary>
    public string? RetryText { get; init; }
}

/// <summary>Creates recognizer results.</summary>
public static class PromptRecognizerResult
{
    public static PromptRecognizerResult<T> Success<T>(T value) => new() { Succeeded = true, Value = value };

    public static PromptRecognizerResult<T> Failure<T>(string? retryText = null) => new() { RetryText = retryText };
}

/// <summary>What a validator sees: the recognised value, the attempt count, and where to say why it is refused.</summary>
public sealed class PromptValidatorContext<T>(ITurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
{
    public ITurnContext Context { get; } = context;

    public PromptRecognizerResult<T> Recognized { get; } = recognized;

    public PromptOptions Options { get; } = options;

    /// <summary>1 for the first answer.</summary>
    public int AttemptCount { get; } = attemptCount;

    /// <summary>Set to say why the value is refused; it becomes the one retry message (never send one yourself).</summary>
    public string? RetryMessage { get; set; }
}

/// <summary>Checks a recognised value; false asks again (with <see cref="PromptValidatorContext{T}.RetryMessage"/>).</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);
