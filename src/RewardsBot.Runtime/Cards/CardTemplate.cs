using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Cards;

/// <summary>
/// An Adaptive Card template (the subset of the Adaptive Card Templating language our cards use), parsed once
/// and expanded many times, from any thread. Every binding is checked at <see cref="Parse(string)"/>.
/// </summary>
public sealed class CardTemplate
{
    private readonly TemplateNode root;

    private CardTemplate(TemplateNode root) => this.root = root;

    /// <summary>Parses template JSON text.</summary>
    /// <exception cref="CardTemplateException">The text is not JSON, or a binding is not a valid expression.</exception>
    public static CardTemplate Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CardTemplateException($"The card template is not valid JSON: {e.Message}", e);
        }

        return Parse(node);
    }

    /// <summary>Parses a template tree. The tree is only read, and not referenced afterwards.</summary>
    /// <exception cref="CardTemplateException">A binding is not a valid expression; the message names its JSON path.</exception>
    public static CardTemplate Parse(JsonNode? template) => new(TemplateCompiler.Compile(template, "$"));

    /// <summary>
    /// Expands the template with <paramref name="data"/> as <c>$root</c> (and <paramref name="host"/> as <c>$host</c>)
    /// into a new tree; neither the template nor the data is modified. As in the official engine, a binding to a
    /// missing field stays as its literal <c>${...}</c> text. Returns null when the root object is dropped by
    /// <c>$when</c>, and an array when the root object repeats over <c>$data</c>.
    /// </summary>
    /// <exception cref="CardTemplateException">A whole-value binding or a <c>$data</c> binding failed to evaluate.</exception>
    public JsonNode? Expand(JsonNode? data, JsonNode? host = null) => Expand(data, host, []);

    /// <summary>
    /// Like <see cref="Expand"/>, but an unresolved binding (missing field, failing embedded expression,
    /// missing <c>$data</c>) is an error: a card that would show <c>${...}</c> text is never produced.
    /// </summary>
    /// <exception cref="CardTemplateException">Lists every unresolved binding with its JSON path.</exception>
    public JsonNode? ExpandStrict(JsonNode? data, JsonNode? host = null) => ExpandStrict(data, host, handOver: false);

    /// <summary>
    /// Like <see cref="ExpandStrict(JsonNode?, JsonNode?)"/>; with <paramref name="handOver"/> the caller gives up
    /// <paramref name="data"/> (a tree it built for this card and will not touch again, on this thread), so it is read
    /// as it is instead of copied first. The card never shares nodes with the data either way.
    /// </summary>
    public JsonNode? ExpandStrict(JsonNode? data, JsonNode? host, bool handOver)
    {
        var unresolved = new List<string>();
        var result = Expand(data, host, unresolved, handOver);
        if (unresolved.Count > 0)
        {
            throw new CardTemplateException(
                "The card has unresolved bindings; pass the missing data or fix the template:"
                + Environment.NewLine + string.Join(Environment.NewLine, unresolved));
        }

        return result;
    }

    private JsonNode? Expand(JsonNode? data, JsonNode? host, List<string> unresolved, bool ownsData = false)
    {
        // Copies (unless handed over): the caller's trees are read once here and never again.
        var rootValue = ExpressionValues.FromNode(ownsData ? data : data?.DeepClone());
        var hostValue = host is null ? Undefined.Value : ExpressionValues.FromNode(host.DeepClone());
        var scope = new DataScope(rootValue, rootValue, Undefined.Value, hostValue);
        return new TemplateExpander(unresolved).ExpandValue(root, scope);
    }
}
