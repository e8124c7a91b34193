using System.Buffers;
using System.Text.Json;

namespace RewardsBot.Runtime.Cards;

/// <summary>
/// One expansion of a parsed template, written straight to JSON text: the static parts of the template are copied as
/// the UTF-8 they were compiled to, and only the bindings are evaluated.
/// </summary>
internal sealed class TemplateExpander(Utf8JsonWriter writer, BindingEvaluator bindings)
{
    public void WriteValue(TemplateNode node, DataScope scope)
    {
        switch (node)
        {
            case LiteralNode literal:
                writer.WriteRawValue(literal.Utf8, skipInputValidation: true);
                break;
            case StringNode text:
                WriteString(text.Value, scope);
                break;
            case ArrayNode array:
                WriteArray(array, scope);
                break;
            case ObjectNode obj:
                WriteObjectValue(obj, scope);
                break;
            default:
                throw new InvalidOperationException($"Unexpected template node {node.GetType()}.");
        }
    }

    private void WriteArray(ArrayNode array, DataScope scope)
    {
        writer.WriteStartArray();
        foreach (var item in array.Items)
        {
            if (item is ObjectNode obj)
            {
                // Repeated copies are spliced in place; a dropped object leaves no entry.
                WriteCopies(obj, scope);
            }
            else
            {
                WriteValue(item, scope);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>As a property value (or the root), the JS engine yields null / the object / an array of copies.</summary>
    private void WriteObjectValue(ObjectNode node, DataScope scope)
    {
        if (node.Data is null)
        {
            if (node.HasWhen && !bindings.IsIncluded(node.When, scope))
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteObject(node, scope);
            }

            return;
        }

        var scopes = DataScopes(node, scope);
        switch (scopes.Count)
        {
            case 0:
                writer.WriteNullValue();
                break;
            case 1:
                WriteObject(node, scopes[0]);
                break;
            default:
                // Only a repeating $data gives more than one copy.
                writer.WriteStartArray();
                foreach (var itemScope in scopes)
                {
                    WriteObject(node, itemScope);
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>The copies of an object inside an array: none, one, or one per item of its <c>$data</c> array.</summary>
    private void WriteCopies(ObjectNode node, DataScope scope)
    {
        if (node.Data is null)
        {
            if (!node.HasWhen || bindings.IsIncluded(node.When, scope))
            {
                WriteObject(node, scope);
            }

            return;
        }

        foreach (var itemScope in DataScopes(node, scope))
        {
            WriteObject(node, itemScope);
        }
    }

    private void WriteObject(ObjectNode node, DataScope scope)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in node.Properties)
        {
            writer.WritePropertyName(name);
            WriteValue(value, scope);
        }

        writer.WriteEndObject();
    }

    /// <summary>The scopes of the copies of an object with <c>$data</c> that its <c>$when</c> keeps.</summary>
    private List<DataScope> DataScopes(ObjectNode node, DataScope scope)
    {
        var data = node.Data! switch
        {
            StringNode text => bindings.EvaluateData(text.Value, scope),
            LiteralNode literal => literal.Evaluate(),
            var other => ExpandToValue(other, scope),
        };
        var scopes = new List<DataScope>();
        if (ExpressionValues.IsArray(data, out var items))
        {
            var i = 0L;
            foreach (var item in items.EnumerateArray())
            {
                Add(scope with { Data = ExpressionValues.FromElement(item), Index = i++ });
            }
        }
        else if (data is not (null or Undefined))
        {
            Add(scope with { Data = data });
        }

        return scopes;

        void Add(DataScope itemScope)
        {
            if (!node.HasWhen || bindings.IsIncluded(node.When, itemScope))
            {
                scopes.Add(itemScope);
            }
        }
    }

    /// <summary>An inline <c>$data</c> object or array, expanded on its own (rare: templates bind <c>$data</c>).</summary>
    private object? ExpandToValue(TemplateNode node, DataScope scope)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var inner = new Utf8JsonWriter(buffer, CardTemplate.WriterOptions))
        {
            var evaluator = new BindingEvaluator(bindings.Unresolved);
            new TemplateExpander(inner, evaluator).WriteValue(node, scope);
            evaluator.Release();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return ExpressionValues.FromElement(JsonElement.ParseValue(ref reader));
    }

    private void WriteString(TemplateString text, DataScope scope)
    {
        if (text.WholeBinding is not { } whole)
        {
            writer.WriteStringValue(bindings.Text(text, scope));
            return;
        }

        // A plain path to a string, object or array of the data: written from the data's document as it is, without
        // evaluating (its strings escaped again by this writer: the data may have been written with another encoder;
        // numbers are written below, in the form a computed number has).
        if (whole.Expression is PathExpression path && path.TryFindElement(scope, out var element)
            && element.ValueKind is JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array)
        {
            element.WriteTo(writer);
            return;
        }

        var value = bindings.EvaluateWhole(text, whole, scope);
        if (value is double d && !double.IsFinite(d))
        {
            throw new CardTemplateException(
                $"Card template error at {text.JsonPath}: '${{{whole.Source}}}' is {d}, which JSON cannot hold. "
                + "Fix the template or the data passed to Expand.");
        }

        ExpressionValues.Write(writer, value);
    }
}
