using System.Text;

namespace RewardsBot.Runtime.Cards;

internal abstract record StringPart;

internal sealed record TextPart(string Text) : StringPart
{
    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(Text);
}

internal sealed record BindingPart(Expression Expression, string Source) : StringPart;

/// <summary>
/// A JSON string value split into literal text and <c>${...}</c> bindings (reference 1.1, 1.2).
/// <c>\${</c> is a literal <c>${</c>; a <c>${</c> without its closing brace is plain text.
/// </summary>
internal sealed class TemplateString
{
    private TemplateString(List<StringPart> parts, string jsonPath)
    {
        Parts = [.. parts];
        JsonPath = jsonPath;
        WholeBinding = Parts is [BindingPart only] ? only : null;
    }

    /// <summary>The parts, in order (an array: expansions walk it for every string they write).</summary>
    public StringPart[] Parts { get; }

    public string JsonPath { get; }

    public bool HasBindings => Parts.Any(p => p is BindingPart);

    /// <summary>Exactly one binding and nothing else: the value keeps its JSON type.</summary>
    public BindingPart? WholeBinding { get; }

    /// <summary>The literal text (of a string without bindings).</summary>
    public string Text => string.Concat(Parts.OfType<TextPart>().Select(p => p.Text));

    /// <summary>The same string with other parts (adjacent texts joined), e.g. with some bindings made text.</summary>
    public TemplateString WithParts(IEnumerable<StringPart> parts)
    {
        var joined = new List<StringPart>();
        foreach (var part in parts)
        {
            if (part is TextPart text && joined is [.., TextPart previous])
            {
                joined[^1] = new TextPart(previous.Text + text.Text);
            }
            else
            {
                joined.Add(part);
            }
        }

        return new TemplateString(joined, JsonPath);
    }

    public static TemplateString Parse(string value, string jsonPath)
    {
        var parts = new List<StringPart>();
        var text = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == '\\' && string.CompareOrdinal(value, i + 1, "${", 0, 2) == 0)
            {
                text.Append("${");
                i += 3;
                continue;
            }

            var close = string.CompareOrdinal(value, i, "${", 0, 2) == 0 ? FindClosingBrace(value, i + 2) : -1;
            if (close < 0)
            {
                text.Append(value[i++]);
                continue;
            }

            if (text.Length > 0)
            {
                parts.Add(new TextPart(text.ToString()));
                text.Clear();
            }

            var source = value[(i + 2)..close];
            parts.Add(new BindingPart(ParseExpression(source, jsonPath), source));
            i = close + 1;
        }

        if (text.Length > 0 || parts.Count == 0)
        {
            parts.Add(new TextPart(text.ToString()));
        }

        return new TemplateString(parts, jsonPath);
    }

    private static Expression ParseExpression(string source, string jsonPath)
    {
        try
        {
            return ExpressionParser.Parse(source);
        }
        catch (ExpressionSyntaxException e)
        {
            throw new CardTemplateException(
                $"Card template error at {jsonPath}: the binding '${{{source}}}' is not a valid expression: {e.Message}. "
                + "Fix the expression in the template (string literals use single quotes).");
        }
    }

    /// <summary>Index of the <c>}</c> closing a binding whose expression starts at <paramref name="start"/>, skipping quoted text; -1 if none.</summary>
    private static int FindClosingBrace(string value, int start)
    {
        char? quote = null;
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}')
            {
                return i;
            }
        }

        return -1;
    }
}
