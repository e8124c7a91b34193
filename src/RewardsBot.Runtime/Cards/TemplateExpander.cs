using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RewardsBot.Runtime.Cards;

/// <summary>
/// One expansion of a parsed template, written straight to JSON text: the static parts of the template are copied as
/// the UTF-8 they were compiled to, and only the bindings are evaluated. Collects the bindings left unresolved.
/// </summary>
internal sealed class TemplateExpander(Utf8JsonWriter writer, List<string> unresolved)
{
    private readonly EvaluationContext _context = new(null!, substituteMissing: true, null);
    private readonly List<string> _missing = [];
    private byte[] _text = [];

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

    /// <summary>Gives back the pooled text buffer; the expander is not used afterwards.</summary>
    public void Release()
    {
        if (_text.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_text);
            _text = [];
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
            if (node.HasWhen && !IsIncluded(node.When, scope))
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteObject(node, scope);
            }

            return;
        }

        var scopes = DataScopes(node, scope, out var repeated);
        switch (scopes.Count)
        {
            case 0:
                writer.WriteNullValue();
                break;
            case 1:
                WriteObject(node, scopes[0]);
                break;
            default:
                if (repeated)
                {
                    writer.WriteStartArray();
                    foreach (var itemScope in scopes)
                    {
                        WriteObject(node, itemScope);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    WriteObject(node, scopes[0]);
                }

                break;
        }
    }

    /// <summary>The copies of an object inside an array: none, one, or one per item of its <c>$data</c> array.</summary>
    private void WriteCopies(ObjectNode node, DataScope scope)
    {
        if (node.Data is null)
        {
            if (!node.HasWhen || IsIncluded(node.When, scope))
            {
                WriteObject(node, scope);
            }

            return;
        }

        foreach (var itemScope in DataScopes(node, scope, out _))
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
    private List<DataScope> DataScopes(ObjectNode node, DataScope scope, out bool repeated)
    {
        var data = node.Data! switch
        {
            StringNode text => EvaluateData(text.Value, scope),
            LiteralNode literal => literal.Evaluate(),
            var other => ExpandToValue(other, scope),
        };
        repeated = ExpressionValues.IsArray(data, out var items);
        var scopes = new List<DataScope>();
        if (repeated)
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
            if (!node.HasWhen || IsIncluded(node.When, itemScope))
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
            var expander = new TemplateExpander(inner, unresolved);
            expander.WriteValue(node, scope);
            expander.Release();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return ExpressionValues.FromElement(JsonElement.ParseValue(ref reader));
    }

    /// <summary><c>$when</c> keeps the object only for the boolean true; anything else, errors included, drops it.</summary>
    private bool IsIncluded(TemplateString? when, DataScope scope)
    {
        if (when?.WholeBinding is not { } binding)
        {
            return false;
        }

        try
        {
            return binding.Expression.Evaluate(Context(scope, substituteMissing: false)) is true;
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
            return BuildText(data, scope);
        }

        var value = EvaluateWhole(data, data.WholeBinding, Context(scope, substituteMissing: false));
        if (value is Undefined)
        {
            unresolved.Add($"{data.JsonPath}: ${{{data.WholeBinding.Source}}} is missing, the object was dropped");
        }

        return value;
    }

    private void WriteString(TemplateString text, DataScope scope)
    {
        if (text.WholeBinding is not { } whole)
        {
            writer.WriteStringValue(AppendText(text, scope));
            return;
        }

        // A plain path to a string, object or array of the data: its JSON text is copied as it is (valid JSON, read back
        // with the card; numbers are written again below, in the form a computed number has).
        if (whole.Expression is PathExpression path && path.TryFindElement(scope, out var element)
            && element.ValueKind is JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array)
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
            return;
        }

        var value = EvaluateWhole(text, whole, Context(scope, substituteMissing: true));
        ReportMissing(text);
        if (value is double d && !double.IsFinite(d))
        {
            throw new CardTemplateException(
                $"Card template error at {text.JsonPath}: '${{{whole.Source}}}' is {d}, which JSON cannot hold. "
                + "Fix the template or the data passed to Expand.");
        }

        ExpressionValues.Write(writer, value);
    }

    private string BuildText(TemplateString text, DataScope scope) => Encoding.UTF8.GetString(AppendText(text, scope));

    /// <summary>The UTF-8 text of a string with embedded bindings, in a buffer reused by the next call.</summary>
    private ReadOnlySpan<byte> AppendText(TemplateString text, DataScope scope)
    {
        var context = Context(scope, substituteMissing: true);
        var length = 0;
        foreach (var part in text.Parts)
        {
            if (part is TextPart literal)
            {
                Append(literal.Utf8, ref length);
                continue;
            }

            var binding = (BindingPart)part;
            if (binding.Expression is PathExpression path && path.TryFindElement(scope, out var element)
                && element.ValueKind == JsonValueKind.String && RawText(element) is { IsEmpty: false } raw)
            {
                Append(raw, ref length);
                continue;
            }

            try
            {
                Append(ExpressionValues.ToText(binding.Expression.Evaluate(context)), ref length);
            }
            catch (ExpressionEvaluationException e)
            {
                // Reference 1.6: a failing embedded binding keeps its text; the rest of the string is expanded.
                Append("${" + binding.Source + "}", ref length);
                unresolved.Add($"{text.JsonPath}: ${{{binding.Source}}} failed: {e.Message}");
            }
        }

        ReportMissing(text);
        return _text.AsSpan(0, length);
    }

    /// <summary>The text of a JSON string as it is in the document when it has no escapes (empty otherwise).</summary>
    private static ReadOnlySpan<byte> RawText(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        raw = raw[1..^1];
        return raw.Contains((byte)'\\') ? default : raw;
    }

    private void Append(string value, ref int length)
    {
        Reserve(length + Encoding.UTF8.GetMaxByteCount(value.Length));
        length += Encoding.UTF8.GetBytes(value, _text.AsSpan(length));
    }

    private void Append(ReadOnlySpan<byte> utf8, ref int length)
    {
        Reserve(length + utf8.Length);
        utf8.CopyTo(_text.AsSpan(length));
        length += utf8.Length;
    }

    private void Reserve(int needed)
    {
        if (needed > _text.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(512, needed * 2));
            _text.CopyTo(larger, 0);
            Release();
            _text = larger;
        }
    }

    private EvaluationContext Context(DataScope scope, bool substituteMissing)
    {
        _missing.Clear();
        _context.Reset(scope, substituteMissing, _missing);
        return _context;
    }

    private void ReportMissing(TemplateString text)
    {
        foreach (var path in _missing)
        {
            unresolved.Add($"{text.JsonPath}: ${{{path}}} is missing");
        }

        _missing.Clear();
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
