using System.Buffers;
using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RewardsBot.Runtime.Cards;
using RewardsBot.Runtime.Dialogs;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Dialogs.Content;

/// <summary>
/// The bot's Adaptive Card templates (cards/*.json, embedded as <c>cards/&lt;name&gt;.json</c>), parsed once. A card
/// is expanded with its data plus, under <c>t</c>, its words in the user's language: every text key
/// <c>card.&lt;name&gt;.&lt;label&gt;</c> of dialogs/ becomes <c>${t.&lt;label&gt;}</c>. Templates never hold words, and
/// expansion is strict: a card that would show <c>${…}</c> text is an error, not a message.
/// </summary>
public sealed class CardLibrary
{
    /// <summary>The Adaptive Card version every template declares (the highest Teams renders; see README).</summary>
    public const string CardVersion = "1.5";

    private const string ResourcePrefix = "cards/";
    private const string AdaptiveCardType = "AdaptiveCard";
    private const string LabelPrefix = "card.";
    private static readonly byte[] LabelsProperty = "\"t\":"u8.ToArray();
    private readonly FrozenDictionary<string, CardTemplate> _templates;

    /// <summary>Per card and language, the card's words as JSON (made once: the texts never change).</summary>
    private readonly FrozenDictionary<string, FrozenDictionary<string, byte[]>> _labels;

    private CardLibrary(FrozenDictionary<string, CardTemplate> templates, BotTexts texts)
    {
        _templates = templates;
        _labels = templates.Keys.ToFrozenDictionary(
            name => name,
            name => BotLanguage.All.ToFrozenDictionary(
                language => language,
                language => Labels(texts, name, language, texts.Languages.TryGetValue(language, out var table)
                    ? [.. table.Keys.Where(k => k.StartsWith(LabelPrefix + name + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
                    : []),
                StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>The cards embedded in this assembly, with the words of <paramref name="texts"/>.</summary>
    public static CardLibrary Load(BotTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var assembly = typeof(CardLibrary).Assembly;
        var templates = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var name = resource[ResourcePrefix.Length..^".json".Length];
            try
            {
                templates[name] = CardTemplate.Parse(reader.ReadToEnd());
            }
            catch (CardTemplateException e)
            {
                throw new InvalidDataException($"The card template 'cards/{name}.json' does not parse: {e.Message}", e);
            }
        }

        return new CardLibrary(templates.ToFrozenDictionary(StringComparer.Ordinal), texts);
    }

    /// <summary>The names of the templates (file names without .json).</summary>
    public IEnumerable<string> Names => _templates.Keys;

    /// <summary>The card <paramref name="name"/> expanded with <paramref name="data"/> (any object; serialised camelCase) in <paramref name="locale"/>'s language.</summary>
    /// <exception cref="KeyNotFoundException">No such template.</exception>
    /// <exception cref="CardTemplateException">The data leaves a binding unresolved.</exception>
    public Attachment Build(string name, object? data, string? locale)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new KeyNotFoundException($"No card template '{name}'. Add cards/{name}.json (it is embedded by the Dialogs project).");
        }

        JsonNode? card;
        try
        {
            card = Expand(template, name, data, locale);
        }
        catch (CardTemplateException e)
        {
            throw new CardTemplateException($"The card 'cards/{name}.json' could not be expanded: {e.Message}", e);
        }

        // Checked on the card only when the template does not fix its root (reading the card makes its root's nodes).
        if (card is not JsonObject cardObject
            || (template.RootType != AdaptiveCardType && cardObject["type"]?.GetValue<string>() != AdaptiveCardType))
        {
            throw new CardTemplateException($"The card 'cards/{name}.json' did not expand to one AdaptiveCard object; check the $when/$data on its root.");
        }

        return new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = cardObject };
    }

    /// <summary>A message carrying the card; <paramref name="text"/> (optional) is shown with it and read by screen readers.</summary>
    public Activity Message(string name, object? data, string? locale, string? text = null)
    {
        var activity = Activity.CreateMessageActivity(text);
        activity.Attachments = [Build(name, data, locale)];
        return activity;
    }

    /// <summary>
    /// Expands with the data's JSON plus <c>t</c>, the card's words in the chat's language (written last, so they win
    /// over a data field of that name). The data is serialised once, into a buffer kept per thread, and read in place.
    /// </summary>
    private JsonNode? Expand(CardTemplate template, string name, object? data, string? locale)
    {
        var buffer = DataBuffer.Rent();
        byte[]? root = null;
        try
        {
            var writer = buffer.Writer;
            switch (data)
            {
                case null:
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                    break;
                case JsonNode node:
                    node.WriteTo(writer);
                    break;
                default:
                    JsonSerializer.Serialize(writer, data, data.GetType(), BotJson.Options);
                    break;
            }

            writer.Flush();
            var json = buffer.Written;
            if (json is not [(byte)'{', .., (byte)'}'])
            {
                throw new ArgumentException($"The data of card '{name}' must serialise to a JSON object.", nameof(data));
            }

            var labels = _labels[name][BotLanguage.FromLocale(locale)];
            var separator = json.Length > 2 ? ","u8 : default;
            var length = json.Length - 1 + separator.Length + LabelsProperty.Length + labels.Length + 1;
            root = ArrayPool<byte>.Shared.Rent(length);
            var span = root.AsSpan();
            json[..^1].CopyTo(span);
            var at = json.Length - 1;
            separator.CopyTo(span[at..]);
            at += separator.Length;
            LabelsProperty.CopyTo(span[at..]);
            at += LabelsProperty.Length;
            labels.CopyTo(span[at..]);
            at += labels.Length;
            span[at++] = (byte)'}';

            using var document = JsonDocument.Parse(root.AsMemory(0, at));
            return template.ExpandStrict(document.RootElement);
        }
        finally
        {
            if (root is not null)
            {
                ArrayPool<byte>.Shared.Return(root);
            }

            DataBuffer.Return(buffer);
        }
    }

    /// <summary>The card's words in <paramref name="language"/> as a JSON object, label name to text.</summary>
    private static byte[] Labels(BotTexts texts, string name, string language, IReadOnlyList<string> keys)
    {
        var prefix = LabelPrefix + name + ".";
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var key in keys)
            {
                writer.WriteString(key[prefix.Length..], texts.Get(key, language));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The buffer and writer the data of a card is serialised into, kept per thread between cards.</summary>
    private sealed class DataBuffer
    {
        [ThreadStatic]
        private static DataBuffer? cached;

        private readonly ArrayBufferWriter<byte> _buffer = new(2048);

        // The text is read back at once by the expansion, never sent: only what JSON requires is escaped.
        private DataBuffer() => Writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        public Utf8JsonWriter Writer { get; }

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public static DataBuffer Rent()
        {
            var buffer = cached ?? new DataBuffer();
            cached = null;
            return buffer;
        }

        public static void Return(DataBuffer buffer)
        {
            if (buffer._buffer.Capacity > 64 * 1024)
            {
                return;
            }

            buffer._buffer.ResetWrittenCount();
            buffer.Writer.Reset(buffer._buffer);
            cached = buffer;
        }
    }
}
