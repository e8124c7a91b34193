using System.Text.Json;

namespace RewardsBot.Runtime.Cards;

/// <summary>
/// Makes a template for known values of some root data fields (a card's words in one language): every binding path
/// that reads one of them as the root's field, <c>name.…</c> outside any <c>$data</c> repetition or <c>$root.name.…</c>
/// anywhere, becomes the value it would read, and what is left without bindings folds into literals. The result
/// expands exactly as the template would with those fields in the data.
/// </summary>
internal sealed class TemplateSpecializer(JsonElement fields)
{
    /// <summary>Whether a binding of the result may still read the fields (then they must still be in the data).</summary>
    public bool FieldsStillRead { get; private set; }

    public TemplateNode Specialize(TemplateNode node, bool underData) => node switch
    {
        LiteralNode literal => literal,
        StringNode text => Specialize(text, underData),
        ArrayNode array => TemplateCompiler.Fold(array with { Items = [.. array.Items.Select(item => Specialize(item, underData))] }),
        ObjectNode obj => Specialize(obj, underData),
        _ => throw new InvalidOperationException($"Unexpected template node {node.GetType()}."),
    };

    private TemplateNode Specialize(ObjectNode obj, bool underData)
    {
        // $data is read in the enclosing scope; the object's $when and properties in the scope of its data.
        var itemScope = underData || obj.Data is not null;
        var specialized = obj with
        {
            Data = obj.Data is null ? null : Specialize(obj.Data, underData),
            When = obj.When is null ? null : Specialize(obj.When, itemScope),
            Properties = [.. obj.Properties.Select(p => new KeyValuePair<JsonEncodedText, TemplateNode>(p.Key, Specialize(p.Value, itemScope)))],
        };
        return TemplateCompiler.Fold(specialized);
    }

    private TemplateNode Specialize(StringNode text, bool underData)
    {
        var specialized = Specialize(text.Value, underData);
        if (specialized.WholeBinding is { Expression: LiteralExpression literal })
        {
            return TemplateCompiler.Literal(text.JsonPath, writer => ExpressionValues.Write(writer, literal.Value));
        }

        return specialized.HasBindings ? new StringNode(specialized) : TemplateCompiler.Literal(text.JsonPath, writer => writer.WriteStringValue(specialized.Text));
    }

    private TemplateString Specialize(TemplateString text, bool underData)
    {
        var parts = new List<StringPart>(text.Parts.Length);
        foreach (var part in text.Parts)
        {
            if (part is not BindingPart binding)
            {
                parts.Add(part);
                continue;
            }

            var expression = Specialize(binding.Expression, underData);
            parts.Add(expression is LiteralExpression literal && text.Parts.Length > 1
                ? new TextPart(ExpressionValues.ToText(literal.Value))
                : binding with { Expression = expression });
        }

        return text.WithParts(parts);
    }

    private Expression Specialize(Expression expression, bool underData) => expression switch
    {
        PathExpression path => Specialize(path, underData),
        UnaryExpression unary => unary with { Operand = Specialize(unary.Operand, underData) },
        BinaryExpression binary => binary with { Left = Specialize(binary.Left, underData), Right = Specialize(binary.Right, underData) },
        CallExpression call => call with { Arguments = [.. call.Arguments.Select(a => Specialize(a, underData))] },
        _ => expression,
    };

    private Expression Specialize(PathExpression path, bool underData)
    {
        // Only a path of names that reaches a string, number, boolean or null of a field is fixed; anything else is read
        // at expansion.
        if (path.HeadExpression is null && path.Accessors.All(a => a is MemberAccessor) && Field(path, underData) is { } field
            && fields.TryGetProperty(field.Name, out var value) && TryFollow(ref value, field.Names)
            && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return new LiteralExpression(ExpressionValues.FromElement(value));
        }

        if (ReadsFields(path, underData))
        {
            FieldsStillRead = true;
        }

        if (path.HeadExpression is null && path.Accessors.All(a => a is MemberAccessor))
        {
            return path;
        }

        return new PathExpression(
            path.Head,
            path.HeadExpression is null ? null : Specialize(path.HeadExpression, underData),
            [.. path.Accessors.Select(a => a is IndexAccessor index ? new IndexAccessor(Specialize(index.Index, underData)) : a)],
            path.Source);
    }

    /// <summary>The root field a path of names starts with, and the names after it; null when it does not read the root.</summary>
    private static (string Name, string[] Names)? Field(PathExpression path, bool underData)
    {
        var names = path.Accessors.Cast<MemberAccessor>().Select(a => a.Name).ToArray();
        return path.Head switch
        {
            "$root" when names.Length > 0 => (names[0], names[1..]),
            "$data" when !underData && names.Length > 0 => (names[0], names[1..]),
            null or "$root" or "$data" or "$index" or "$host" => null,
            var head when !underData => (head, names),
            _ => null,
        };
    }

    private static bool TryFollow(ref JsonElement value, string[] names)
    {
        foreach (var name in names)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the path may read one of the fields at expansion (when in doubt, it may).</summary>
    private bool ReadsFields(PathExpression path, bool underData) => path.Head switch
    {
        "$root" => path.Accessors is not [MemberAccessor first, ..] || fields.TryGetProperty(first.Name, out _),
        "$data" => !underData && (path.Accessors is not [MemberAccessor first, ..] || fields.TryGetProperty(first.Name, out _)),
        null or "$index" or "$host" => false,
        var head => !underData && fields.TryGetProperty(head, out _),
    };
}
