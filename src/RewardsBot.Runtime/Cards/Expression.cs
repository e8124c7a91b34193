using System.Text;
using System.Text.Json;

namespace RewardsBot.Runtime.Cards;

/// <summary>The data an expression sees: <c>$root</c>, <c>$data</c>, <c>$index</c> and <c>$host</c>.</summary>
internal sealed record DataScope(object? Root, object? Data, object? Index, object? Host);

/// <summary>One evaluation: the scope, whether missing paths become their literal <c>${path}</c> text (1.6),
/// and where the paths that were substituted are reported. An expansion reuses one context for all its bindings.</summary>
internal sealed class EvaluationContext(DataScope scope, bool substituteMissing, List<string>? unresolved)
{
    private List<string>? _unresolved = unresolved;

    public DataScope Scope { get; private set; } = scope;

    public bool SubstituteMissing { get; set; } = substituteMissing;

    public void ReportUnresolved(string path) => _unresolved?.Add(path);

    public void Reset(DataScope scope, bool substituteMissing, List<string>? unresolved)
    {
        Scope = scope;
        SubstituteMissing = substituteMissing;
        _unresolved = unresolved;
    }
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

internal sealed record MemberAccessor(string Name) : Accessor
{
    /// <summary>The name as UTF-8, as the data's JSON holds it (looked up without converting it each time).</summary>
    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(Name);
}

internal sealed record IndexAccessor(Expression Index) : Accessor;

/// <summary>
/// A property path: an identifier (or a call result) followed by <c>.name</c> and <c>[index]</c> accessors.
/// A missing step yields undefined, never an error ("graceful null handling").
/// </summary>
internal sealed record PathExpression(string? Head, Expression? HeadExpression, Accessor[] Accessors, string Source)
    : Expression
{
    private readonly byte[]? _headUtf8 = Head is null or "$root" or "$data" or "$index" or "$host" ? null : Encoding.UTF8.GetBytes(Head);

    /// <summary>Only names, no call or indexer: the path can be followed without evaluating anything.</summary>
    private readonly bool _namesOnly = HeadExpression is null && Accessors.All(a => a is MemberAccessor);

    public override object? Evaluate(EvaluationContext context)
    {
        var value = HeadExpression is null ? ResolveHead(context.Scope) : HeadExpression.Evaluate(context);
        foreach (var accessor in Accessors)
        {
            value = accessor switch
            {
                MemberAccessor member => Member(value, member.Utf8Name),
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

    /// <summary>
    /// The element a path of names leads to in the data, as it is there (a string is not copied out); false when the
    /// path has calls or indexers, or does not end in the data: <see cref="Evaluate"/> then gives the value.
    /// </summary>
    public bool TryFindElement(DataScope scope, out JsonElement element)
    {
        element = default;
        if (!_namesOnly)
        {
            return false;
        }

        var head = ResolveHeadElement(scope, out var found);
        if (!found)
        {
            return false;
        }

        foreach (var accessor in Accessors)
        {
            if (head.ValueKind != JsonValueKind.Object || !head.TryGetProperty(((MemberAccessor)accessor).Utf8Name, out head))
            {
                return false;
            }
        }

        element = head;
        return true;
    }

    private JsonElement ResolveHeadElement(DataScope scope, out bool found)
    {
        if (_headUtf8 is null)
        {
            var value = Head switch
            {
                "$root" => scope.Root,
                "$data" => scope.Data,
                "$index" => scope.Index,
                _ => scope.Host,
            };
            found = value is JsonElement;
            return found ? (JsonElement)value! : default;
        }

        found = ExpressionValues.IsObject(scope.Data, out var data) && data.TryGetProperty(_headUtf8, out data);
        return found ? data : default;
    }

    private object? ResolveHead(DataScope scope) => Head switch
    {
        "$root" => scope.Root,
        "$data" => scope.Data,
        "$index" => scope.Index,
        "$host" => scope.Host,
        _ => Member(scope.Data, _headUtf8!),
    };

    private static object? Member(object? target, ReadOnlySpan<byte> name) =>
        ExpressionValues.IsObject(target, out var obj) && obj.TryGetProperty(name, out var value)
            ? ExpressionValues.FromElement(value)
            : Undefined.Value;

    private static object? Index(object? target, object? index)
    {
        if (ExpressionValues.IsArray(target, out var array))
        {
            return index is long i && i >= 0 && i < array.GetArrayLength() ? ExpressionValues.FromElement(array[(int)i]) : Undefined.Value;
        }

        return (target, index) switch
        {
            (JsonElement { ValueKind: JsonValueKind.Object } obj, string name) =>
                obj.TryGetProperty(name, out var value) ? ExpressionValues.FromElement(value) : Undefined.Value,
            (string s, long i) when i >= 0 && i < s.Length => s[(int)i].ToString(),
            _ => Undefined.Value,
        };
    }
}

internal sealed record UnaryExpression(string Operator, Expression Operand) : Expression
{
    public override object? Evaluate(EvaluationContext context)
    {
        var value = Operand.Evaluate(context);
        return Operator switch
        {
            "!" => ExpressionValues.Box(!ExpressionValues.IsTruthy(value)),
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
                return ExpressionValues.Box(ExpressionValues.IsTruthy(left) && ExpressionValues.IsTruthy(Right.Evaluate(context)));
            case "||":
                return ExpressionValues.Box(ExpressionValues.IsTruthy(left) || ExpressionValues.IsTruthy(Right.Evaluate(context)));
        }

        var right = Right.Evaluate(context);
        return Operator switch
        {
            "==" => ExpressionValues.Box(ExpressionValues.AreEqual(left, right)),
            "!=" => ExpressionValues.Box(!ExpressionValues.AreEqual(left, right)),
            "<" or ">" or "<=" or ">=" => ExpressionValues.Box(Compare(left, right)),
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
