using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Cards;

/// <summary>The data an expression sees: <c>$root</c>, <c>$data</c>, <c>$index</c> and <c>$host</c>.</summary>
internal sealed record DataScope(object? Root, object? Data, object? Index, object? Host);

/// <summary>One evaluation: the scope, whether missing paths become their literal <c>${path}</c> text (1.6),
/// and where the paths that were substituted are reported.</summary>
internal sealed class EvaluationContext(DataScope scope, bool substituteMissing, List<string>? unresolved)
{
    public DataScope Scope { get; } = scope;

    public bool SubstituteMissing { get; set; } = substituteMissing;

    public void ReportUnresolved(string path) => unresolved?.Add(path);
}

internal abstract record Expression
{
    public abstract object? Evaluate(EvaluationContext context);
}

internal sealed record LiteralExpression(object? Value) : Expression
{
    public override object? Evaluate(EvaluationContext context) => Value;
}

internal abstract record Accessor;

internal sealed record MemberAccessor(string Name) : Accessor;

internal sealed record IndexAccessor(Expression Index) : Accessor;

/// <summary>
/// A property path: an identifier (or a call result) followed by <c>.name</c> and <c>[index]</c> accessors.
/// A missing step yields undefined, never an error ("graceful null handling").
/// </summary>
internal sealed record PathExpression(string? Head, Expression? HeadExpression, IReadOnlyList<Accessor> Accessors, string Source)
    : Expression
{
    public override object? Evaluate(EvaluationContext context)
    {
        var value = HeadExpression is null ? ResolveHead(context.Scope) : HeadExpression.Evaluate(context);
        foreach (var accessor in Accessors)
        {
            value = accessor switch
            {
                MemberAccessor member => Member(value, member.Name),
                IndexAccessor index => Index(value, index.Index.Evaluate(context)),
                _ => Undefined.Value,
            };
        }

        if (value is Undefined && context.SubstituteMissing)
        {
            context.ReportUnresolved(Source);
            return "${" + Source + "}";
        }

        return value;
    }

    private object? ResolveHead(DataScope scope) => Head switch
    {
        "$root" => scope.Root,
        "$data" => scope.Data,
        "$index" => scope.Index,
        "$host" => scope.Host,
        _ => Member(scope.Data, Head!),
    };

    private static object? Member(object? target, string name) =>
        target is JsonObject obj && obj.TryGetPropertyValue(name, out var node)
            ? ExpressionValues.FromNode(node)
            : Undefined.Value;

    private static object? Index(object? target, object? index) => (target, index) switch
    {
        (JsonArray array, long i) when i >= 0 && i < array.Count => ExpressionValues.FromNode(array[(int)i]),
        (JsonObject, string name) => Member(target, name),
        (string s, long i) when i >= 0 && i < s.Length => s[(int)i].ToString(),
        _ => Undefined.Value,
    };
}

internal sealed record UnaryExpression(string Operator, Expression Operand) : Expression
{
    public override object? Evaluate(EvaluationContext context)
    {
        var value = Operand.Evaluate(context);
        return Operator switch
        {
            "!" => !ExpressionValues.IsTruthy(value),
            _ => value switch
            {
                long l => -l,
                double d => -d,
                _ => throw new ExpressionEvaluationException($"cannot negate {ExpressionValues.Describe(value)}"),
            },
        };
    }
}

internal sealed record BinaryExpression(string Operator, Expression Left, Expression Right) : Expression
{
    public override object? Evaluate(EvaluationContext context)
    {
        var left = Left.Evaluate(context);
        switch (Operator)
        {
            case "&&":
                return ExpressionValues.IsTruthy(left) && ExpressionValues.IsTruthy(Right.Evaluate(context));
            case "||":
                return ExpressionValues.IsTruthy(left) || ExpressionValues.IsTruthy(Right.Evaluate(context));
        }

        var right = Right.Evaluate(context);
        return Operator switch
        {
            "==" => ExpressionValues.AreEqual(left, right),
            "!=" => !ExpressionValues.AreEqual(left, right),
            "<" or ">" or "<=" or ">=" => Compare(left, right),
            "+" => Add(left, right),
            _ => Arithmetic.Apply(Operator, left, right),
        };
    }

    private bool Compare(object? left, object? right)
    {
        int order;
        if (ExpressionValues.IsNumber(left) && ExpressionValues.IsNumber(right))
        {
            order = ExpressionValues.ToDouble(left).CompareTo(ExpressionValues.ToDouble(right));
        }
        else if (left is string a && right is string b)
        {
            order = string.CompareOrdinal(a, b);
        }
        else
        {
            throw new ExpressionEvaluationException(
                $"'{Operator}' compares two numbers or two strings, not {ExpressionValues.Describe(left)} and {ExpressionValues.Describe(right)}");
        }

        return Operator switch
        {
            "<" => order < 0,
            ">" => order > 0,
            "<=" => order <= 0,
            _ => order >= 0,
        };
    }

    private static object Add(object? left, object? right)
    {
        if (left is null or Undefined || right is null or Undefined)
        {
            throw new ExpressionEvaluationException("'+' does not accept null or a missing value");
        }

        return left is string || right is string
            ? ExpressionValues.ToText(left) + ExpressionValues.ToText(right)
            : Arithmetic.Apply("+", left, right);
    }
}

internal sealed record CallExpression(FunctionDefinition Function, IReadOnlyList<Expression> Arguments) : Expression
{
    public override object? Evaluate(EvaluationContext context) => Function.Invoke(Arguments, context);
}
