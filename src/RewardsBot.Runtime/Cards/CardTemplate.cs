using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Cards;

/// <summary>
/// An Adaptive Card template (the subset of the Adaptive Card Templating language our cards use), parsed once
/// and expanded many times, from any thread. Every binding is checked at <see cref="Parse(string)"/>.
/// </summary>
public sealed class CardTemplate
{
    private readonly TemplateNode root;

    private CardTemplate(TemplateNode root)
    {
        this.root = root;
        RootType = TemplateCompiler.FixedRootType(root);
    }

    /// <summary>
    /// The <c>type</c> of every expansion's root, when the template fixes it: a root object without <c>$data</c> or
    /// <c>$when</c> whose <c>type</c> is a plain string. Null when the expansion decides.
    /// </summary>
    public string? RootType { get; }

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
    public JsonNode? Expand(JsonNode? data, JsonNode? host = null) => Expand(ToValue(data), host, []);

    /// <summary>
    /// Like <see cref="Expand"/>, but an unresolved binding (missing field, failing embedded expression,
    /// missing <c>$data</c>) is an error: a card that would show <c>${...}</c> text is never produced.
    /// </summary>
    /// <exception cref="CardTemplateException">Lists every unresolved binding with its JSON path.</exception>
    public JsonNode? ExpandStrict(JsonNode? data, JsonNode? host = null) => ExpandOrThrow(ToValue(data), host);

    /// <summary>
    /// Like <see cref="ExpandStrict(JsonNode?, JsonNode?)"/>, reading the data where it is: an element of a document the
    /// caller keeps (and may dispose) after this returns. The card never shares anything with the data.
    /// </summary>
    public JsonNode? ExpandStrict(JsonElement data) => ExpandOrThrow(ExpressionValues.FromElement(data), host: null);

    /// <summary>
    /// Like <see cref="ExpandStrict(JsonElement)"/>, as an attachment of <paramref name="contentType"/> carrying the card
    /// as the JSON text the expansion wrote: nothing is parsed back, the text is what is sent, and a tree is made only
    /// if something reads <see cref="Attachment.Content"/>. Null when the root object is dropped by <c>$when</c>.
    /// </summary>
    /// <exception cref="CardTemplateException">Lists every unresolved binding with its JSON path.</exception>
    public Attachment? ExpandStrictToAttachment(JsonElement data, string contentType)
    {
        var unresolved = new List<string>();
        var buffer = Write(ExpressionValues.FromElement(data), host: null, unresolved);
        try
        {
            ThrowIfUnresolved(unresolved);
            var json = buffer.Written;
            return json.SequenceEqual("null"u8) ? null : Attachment.WithContentJson(contentType, json.ToArray());
        }
        finally
        {
            ExpansionBuffer.Return(buffer);
        }
    }

    /// <summary>
    /// Like <see cref="ExpandStrictToAttachment(JsonElement, string)"/>, with the data as its JSON text; when
    /// <paramref name="cache"/> holds what this template gave for the same text, that card (its text shared: never changed).
    /// </summary>
    /// <exception cref="JsonException">The data is not JSON.</exception>
    /// <exception cref="CardTemplateException">Lists every unresolved binding with its JSON path.</exception>
    public Attachment? ExpandStrictToAttachment(ReadOnlyMemory<byte> data, string contentType, CardExpansionCache? cache)
    {
        if (cache is not null && cache.TryGet(this, data.Span, out var kept))
        {
            return kept is null ? null : Attachment.WithContentJson(contentType, kept);
        }

        using var document = JsonDocument.Parse(data);
        var attachment = ExpandStrictToAttachment(document.RootElement, contentType);
        cache?.Keep(this, data.Span, attachment?.ContentJson);
        return attachment;
    }

    /// <summary>
    /// This template for known values of some root data fields (e.g. a card's words in one language): a binding that
    /// reads one of them, as <c>name.…</c> outside any <c>$data</c> or as <c>$root.name.…</c>, becomes what it would
    /// read, so expansions do less. Expanding the result gives what this template gives with those fields in the data.
    /// </summary>
    /// <param name="fields">An object: the fields and their values.</param>
    /// <param name="fieldsStillRead">Whether some binding may still read the fields: then the data must still carry them.</param>
    public CardTemplate WithFields(JsonElement fields, out bool fieldsStillRead)
    {
        if (fields.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The fields must be a JSON object.", nameof(fields));
        }

        var specializer = new TemplateSpecializer(fields.Clone());
        var specialized = new CardTemplate(specializer.Specialize(root, underData: false));
        fieldsStillRead = specializer.FieldsStillRead;
        return specialized;
    }

    /// <summary>
    /// How expansions write: as <see cref="Schema.ActivityWriter"/> writes a card (compact, strings escaped with the wire
    /// encoder), so that an expansion is the very text sent (<see cref="ExpandStrictToAttachment"/>). Literal parts of
    /// templates are compiled with these options too, and data is written again, never copied as it came.
    /// </summary>
    internal static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = BotJson.Options.Encoder,
        SkipValidation = true,
    };

    private JsonNode? ExpandOrThrow(object? data, JsonNode? host)
    {
        var unresolved = new List<string>();
        var result = Expand(data, host, unresolved);
        ThrowIfUnresolved(unresolved);
        return result;
    }

    private static void ThrowIfUnresolved(List<string> unresolved)
    {
        if (unresolved.Count > 0)
        {
            throw new CardTemplateException(
                "The card has unresolved bindings; pass the missing data or fix the template:"
                + Environment.NewLine + string.Join(Environment.NewLine, unresolved));
        }
    }

    private JsonNode? Expand(object? data, JsonNode? host, List<string> unresolved)
    {
        // The card is written as JSON text and read back as one tree over that text: its nodes are made only when
        // something reads them, and writing the card out copies the text instead of walking a tree of nodes.
        var buffer = Write(data, host, unresolved);
        try
        {
            var json = buffer.Written;
            return json.SequenceEqual("null"u8) ? null : JsonNode.Parse(json);
        }
        finally
        {
            ExpansionBuffer.Return(buffer);
        }
    }

    /// <summary>Writes the expansion into a buffer of this thread, which the caller reads and then gives back.</summary>
    private ExpansionBuffer Write(object? data, JsonNode? host, List<string> unresolved)
    {
        var hostValue = host is null ? Undefined.Value : ToValue(host);
        var scope = new DataScope(data, data, Undefined.Value, hostValue);
        var buffer = ExpansionBuffer.Rent();
        var writer = buffer.Writer;
        var bindings = new BindingEvaluator(unresolved);
        try
        {
            new TemplateExpander(writer, bindings).WriteValue(root, scope);
            writer.Flush();
            return buffer;
        }
        catch
        {
            ExpansionBuffer.Return(buffer);
            throw;
        }
        finally
        {
            bindings.Release();
        }
    }

    /// <summary>A caller's tree as an expression value: read once here, into a document of its own.</summary>
    private static object? ToValue(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return ExpressionValues.FromElement(JsonElement.ParseValue(ref reader));
    }
}
