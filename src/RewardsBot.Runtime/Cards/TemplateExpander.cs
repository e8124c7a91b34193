using System.Text;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Cards;

/// <summary>One expansion of a parsed template: builds a new tree, collecting the bindings left unresolved.</summary>
internal sealed class TemplateExpander(List<string> unresolved)
{
    public JsonNode? ExpandValue(TemplateNode node, DataScope scope) => node switch
    {
        LiteralNode literal => literal.Create(),
        StringNode text => ExpressionValues.ToNode(Evaluate(text.Value, scope)),
        ArrayNode array => ExpandArray(array, scope),
        ObjectNode obj => ExpandObject(obj, scope, out var repeated) switch
        {
            // As a property value (or the root), the JS engine yields null / the object / an array of copies.
            [] => null,
            [var single] => single,
            var copies when repeated => new JsonArray(copies.ToArray<JsonNode?>()),
            var copies => copies[0],
        },
        _ => throw new InvalidOperationException($"Unexpected template node {node.GetType()}."),
    };

    private JsonArray ExpandArray(ArrayNode array, DataScope scope)
    {
        var result = new JsonArray();
        foreach (var item in array.Items)
        {
            if (item is ObjectNode obj)
            {
                // Repeated copies are spliced in place; a dropped object leaves no entry.
                foreach (var copy in ExpandObject(obj, scope, out _))
                {
                    result.Add(copy);
                }
            }
            else
            {
                result.Add(ExpandValue(item, scope));
            }
        }

        return result;
    }

    private List<JsonObject> ExpandObject(ObjectNode node, DataScope scope, out bool repeated)
    {
        repeated = false;
        var scopes = new List<DataScope> { scope };
        if (node.Data is not null)
        {
            var data = node.Data switch
            {
                StringNode text => EvaluateData(text.Value, scope),
                LiteralNode literal => ExpressionValues.FromNode(literal.Create()),
                var other => ExpressionValues.FromNode(ExpandValue(other, scope)),
            };
            repeated = data is JsonArray;
            scopes = data switch
            {
                JsonArray items => items.Select((item, i) => scope with { Data = ExpressionValues.FromNode(item), Index = (long)i }).ToList(),
                null or Undefined => [],
                _ => [scope with { Data = data }],
            };
        }

        var result = new List<JsonObject>();
        foreach (var itemScope in scopes)
        {
            if (node.HasWhen && !IsIncluded(node.When, itemScope))
            {
                continue;
            }

            var obj = new JsonObject();
            foreach (var (key, value) in node.Properties)
            {
                obj[key] = ExpandValue(value, itemScope);
            }

            result.Add(obj);
        }

        return result;
    }

    /// <summary><c>$when</c> keeps the object only for the boolean true; anything else, errors included, drops it.</summary>
    private static bool IsIncluded(TemplateString? when, DataScope scope)
    {
        if (when?.WholeBinding is not { } binding)
        {
            return false;
        }

        try
        {
            return binding.Expression.Evaluate(new EvaluationContext(scope, substituteMissing: false, null)) is true;
        }
        catch (ExpressionEvaluationException)
        {
            return false;
        }
    }

    /// <summary><c>$data</c>: a missing field drops the object (reported), rather than becoming the text "${field}" as in JS.</summary>
    private object? EvaluateData(TemplateString data, DataScope scope)
    {
        if (data.WholeBinding is null)
        {
            return Evaluate(data, scope);
        }

        var value = EvaluateWhole(data, data.WholeBinding, new EvaluationContext(scope, substituteMissing: false, null));
        if (value is Undefined)
        {
            unresolved.Add($"{data.JsonPath}: ${{{data.WholeBinding.Source}}} is missing, the object was dropped");
        }

        return value;
    }

    private object? Evaluate(TemplateString text, DataScope scope)
    {
        var missing = new List<string>();
        var context = new EvaluationContext(scope, substituteMissing: true, missing);
        if (text.WholeBinding is { } whole)
        {
            var value = EvaluateWhole(text, whole, context);
            unresolved.AddRange(missing.Select(path => $"{text.JsonPath}: ${{{path}}} is missing"));
            return value;
        }

        var result = new StringBuilder();
        foreach (var part in text.Parts)
        {
            if (part is TextPart literal)
            {
                result.Append(literal.Text);
                continue;
            }

            var binding = (BindingPart)part;
            try
            {
                result.Append(ExpressionValues.ToText(binding.Expression.Evaluate(context)));
            }
            catch (ExpressionEvaluationException e)
            {
                // Reference 1.6: a failing embedded binding keeps its text; the rest of the string is expanded.
                result.Append("${").Append(binding.Source).Append('}');
                unresolved.Add($"{text.JsonPath}: ${{{binding.Source}}} failed: {e.Message}");
            }
        }

        unresolved.AddRange(missing.Select(path => $"{text.JsonPath}: ${{{path}}} is missing"));
        return result.ToString();
    }

    private static object? EvaluateWhole(TemplateString text, BindingPart binding, EvaluationContext context)
    {
        try
        {
            return binding.Expression.Evaluate(context);
        }
        catch (ExpressionEvaluationException e)
        {
            throw new CardTemplateException(
                $"Card template error at {text.JsonPath}: '${{{binding.Source}}}' failed: {e.Message}. "
                + "Fix the template or the data passed to Expand.");
        }
    }
}
