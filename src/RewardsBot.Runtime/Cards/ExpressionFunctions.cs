using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using static RewardsBot.Runtime.Cards.ExpressionValues;

namespace RewardsBot.Runtime.Cards;

internal sealed record FunctionDefinition(
    string Name, int MinArguments, int MaxArguments, Func<IReadOnlyList<Expression>, EvaluationContext, object?> Body)
{
    public object? Invoke(IReadOnlyList<Expression> arguments, EvaluationContext context)
    {
        try
        {
            return Body(arguments, context);
        }
        catch (ExpressionEvaluationException e)
        {
            throw new ExpressionEvaluationException($"{Name}(): {e.Message}");
        }
    }
}

/// <summary>The AEL prebuilt functions our card templates use (reference 1.7), with AEL semantics.</summary>
internal static class ExpressionFunctions
{
    public static readonly FrozenDictionary<string, FunctionDefinition> All = new FunctionDefinition[]
    {
        new("if", 3, 3, (args, ctx) => IsTruthy(args[0].Evaluate(ctx)) ? args[1].Evaluate(ctx) : args[2].Evaluate(ctx)),
        new("exists", 1, 1, Exists),
        Eager("equals", 2, 2, a => Box(AreEqual(a[0], a[1]))),
        Eager("not", 1, 1, a => Box(!IsTruthy(a[0]))),
        Eager("and", 1, int.MaxValue, a => Box(a.All(IsTruthy))),
        Eager("or", 1, int.MaxValue, a => Box(a.Any(IsTruthy))),
        Eager("empty", 1, 1, a => Box(a[0] switch
        {
            null or Undefined => true,
            string s => s.Length == 0,
            JsonElement { ValueKind: JsonValueKind.Array } array => array.GetArrayLength() == 0,
            JsonElement { ValueKind: JsonValueKind.Object } obj => !obj.EnumerateObject().MoveNext(),
            _ => false,
        })),
        Eager("count", 1, 1, a => a[0] switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => (long)array.GetArrayLength(),
            string s => (long)s.Length,
            var other => throw new ExpressionEvaluationException($"expects an array or a string, not {Describe(other)}"),
        }),
        Eager("length", 1, 1, a => (long)Text(a[0]).Length),
        Eager("concat", 1, int.MaxValue, Concat),
        Eager("join", 2, 2, a => IsArray(a[0], out var array)
            ? string.Join(Text(a[1]), array.EnumerateArray().Select(item => ToText(FromElement(item))))
            : throw new ExpressionEvaluationException($"expects an array, not {Describe(a[0])}")),
        Eager("string", 1, 1, a => ToText(a[0])),
        Eager("int", 1, 1, a => a[0] switch
        {
            long l => l,
            double d => (long)Math.Truncate(d),
            string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            var other => throw new ExpressionEvaluationException($"cannot convert {Describe(other)} to an integer"),
        }),
        Eager("float", 1, 1, a => a[0] switch
        {
            long l => (double)l,
            double d => d,
            string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            var other => throw new ExpressionEvaluationException($"cannot convert {Describe(other)} to a number"),
        }),
        Eager("formatNumber", 2, 3, FormatNumber),
        Eager("toUpper", 1, 1, a => Text(a[0] ?? string.Empty).ToUpperInvariant()),
        Eager("toLower", 1, 1, a => Text(a[0] ?? string.Empty).ToLowerInvariant()),
        Eager("trim", 1, 1, a => Text(a[0] ?? string.Empty).Trim()),
        Eager("coalesce", 1, int.MaxValue, a => a.FirstOrDefault(v => v is not (null or Undefined))),
        Eager("createArray", 0, int.MaxValue, a => CreateArray(a)),
        Eager("first", 1, 1, a => Item(a[0], first: true)),
        Eager("last", 1, 1, a => Item(a[0], first: false)),
    }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    private static FunctionDefinition Eager(string name, int min, int max, Func<object?[], object?> body) =>
        new(name, min, max, (args, ctx) =>
        {
            var values = new object?[args.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = args[i].Evaluate(ctx);
            }

            return body(values);
        });

    private static object Exists(IReadOnlyList<Expression> args, EvaluationContext context)
    {
        var substitute = context.SubstituteMissing;
        context.SubstituteMissing = false;
        try
        {
            return Box(args[0].Evaluate(context) is not (null or Undefined));
        }
        finally
        {
            context.SubstituteMissing = substitute;
        }
    }

    private static string Text(object? value) =>
        value as string ?? throw new ExpressionEvaluationException($"expects a string, not {Describe(value)}");

    private static object Concat(object?[] args)
    {
        var bad = Array.FindIndex(args, a => a is null or Undefined);
        if (bad >= 0)
        {
            throw new ExpressionEvaluationException($"does not accept {Describe(args[bad])}");
        }

        if (args.All(a => IsArray(a, out _)))
        {
            return CreateArray(args.SelectMany(a => ((JsonElement)a!).EnumerateArray().Select(item => (object?)item)));
        }

        return string.Concat(args.Select(ToText));
    }

    private static object FormatNumber(object?[] args)
    {
        if (!IsNumber(args[0]) || args[1] is not long precision || precision is < 0 or > 15)
        {
            throw new ExpressionEvaluationException(
                $"expects a number and a precision 0-15, not {Describe(args[0])} and {Describe(args[1])}");
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(args.Length > 2 ? Text(args[2]) : "en-US", predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw new ExpressionEvaluationException($"unknown locale {Describe(args[2])}");
        }

        return ToDouble(args[0]).ToString("N" + precision.ToString(CultureInfo.InvariantCulture), culture);
    }

    private static object? Item(object? value, bool first) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() > 0 =>
            FromElement(array[first ? 0 : array.GetArrayLength() - 1]),
        string { Length: > 0 } s => (first ? s[0] : s[^1]).ToString(),
        JsonElement { ValueKind: JsonValueKind.Array } or string => Undefined.Value,
        var other => throw new ExpressionEvaluationException($"expects an array or a string, not {Describe(other)}"),
    };
}
