using System.Text;

namespace RewardsBot.Runtime.Builder;

/// <summary>
/// What may be logged of an exception thrown during a turn: the type chain and the stack trace, not the messages —
/// a message can quote what the user typed (FormatException does), and logs must not carry message text.
/// </summary>
public static class SafeExceptionInfo
{
    public static string TypeChain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var builder = new StringBuilder();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (builder.Length > 0)
            {
                builder.Append(" <- ");
            }

            builder.Append(current.GetType().FullName);
        }

        return builder.ToString();
    }

    public static string StackTrace(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.StackTrace ?? exception.StackTrace ?? "";
    }
}
