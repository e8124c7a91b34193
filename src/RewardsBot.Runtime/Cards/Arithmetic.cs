namespace RewardsBot.Runtime.Cards;

/// <summary><c>+ - * / %</c> on numbers: integer results for two integers (<c>7 / 2</c> is 3), otherwise double.</summary>
internal static class Arithmetic
{
    public static object Apply(string op, object? left, object? right)
    {
        if (!ExpressionValues.IsNumber(left) || !ExpressionValues.IsNumber(right))
        {
            throw new ExpressionEvaluationException(
                $"'{op}' needs two numbers, not {ExpressionValues.Describe(left)} and {ExpressionValues.Describe(right)}");
        }

        if (left is long a && right is long b)
        {
            if (b == 0 && op is "/" or "%")
            {
                throw new ExpressionEvaluationException($"'{op}' by zero");
            }

            return op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => a / b,
                _ => a % b,
            };
        }

        var x = ExpressionValues.ToDouble(left);
        var y = ExpressionValues.ToDouble(right);
        return op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => x / y,
            _ => x % y,
        };
    }
}
