namespace RewardsBot.Runtime.Cards;

/// <summary>
/// A card template could not be parsed, or could not be expanded. The message names the JSON path
/// of the offending string value and the expression, so the template file can be fixed.
/// </summary>
public sealed class CardTemplateException : Exception
{
    public CardTemplateException()
    {
    }

    public CardTemplateException(string message)
        : base(message)
    {
    }

    public CardTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An expression failed while it was evaluated (type error, wrong argument...).</summary>
internal sealed class ExpressionEvaluationException(string message) : Exception(message);

/// <summary>An expression is not well formed.</summary>
internal sealed class ExpressionSyntaxException(string message) : Exception(message);
