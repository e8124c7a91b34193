using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RewardsBot.Runtime.Cards;

/// <summary>
/// Evaluates the bindings of one expansion, with one evaluation context reused for all of them, and collects what
/// stays unresolved, each named by the JSON path of its string. Embedded bindings are assembled as UTF-8 text in a
/// buffer reused from one string to the next.
/// </summary>
internal sealed class BindingEvaluator(List<string> unresolved)
{
    private readonly EvaluationContext _context = new(null!, substituteMissing: true, null);
    private readonly List<string> _missing = [];
    private byte[] _text = [];

    public List<string> Unresolved => unresolved;

    /// <summary><c>$when</c> keeps the object only for the boolean true; anything else, errors included, drops it.</summary>
    public bool IsIncluded(TemplateString? when, DataScope scope)
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
    public object? EvaluateData(TemplateString data, DataScope scope)
    {
        if (data.WholeBinding is null)
        {
            return Encoding.UTF8.GetString(Text(data, scope));
        }

        var value = Evaluate(data, data.WholeBinding, Context(scope, substituteMissing: false));
        if (value is Undefined)
        {
            unresolved.Add($"{data.JsonPath}: ${{{data.WholeBinding.Source}}} is missing, the object was dropped");
        }

        return value;
    }

    /// <summary>The value of a string that is one binding; a missing path gives its literal <c>${...}</c> text.</summary>
    public object? EvaluateWhole(TemplateString text, BindingPart whole, DataScope scope)
    {
        var value = Evaluate(text, whole, Context(scope, substituteMissing: true));
        ReportMissing(text);
        return value;
    }

    /// <summary>The UTF-8 text of a string with embedded bindings, in a buffer that the next call reuses.</summary>
    public ReadOnlySpan<byte> Text(TemplateString text, DataScope scope)
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
                && element.ValueKind == JsonValueKind.String && UnescapedText(element) is { IsEmpty: false } raw)
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

    /// <summary>Gives back the pooled text buffer; the evaluator is not used afterwards.</summary>
    public void Release()
    {
        if (_text.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_text);
            _text = [];
        }
    }

    private static object? Evaluate(TemplateString text, BindingPart binding, EvaluationContext context)
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

    /// <summary>A JSON string's text as the document holds it, when it has no escapes (empty otherwise).</summary>
    private static ReadOnlySpan<byte> UnescapedText(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element)[1..^1];
        return raw.Contains((byte)'\\') ? default : raw;
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
}
