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
    private const string LabelsField = "t";

    /// <summary>Per card and language, the template made for the card's words in that language (made once: the texts never change).</summary>
    private readonly FrozenDictionary<string, FrozenDictionary<string, LanguageCard>> _cards;

    /// <summary>The cards expanded lately: the same template with the same data gives the same card.</summary>
    private readonly CardExpansionCache _expansions;

    private CardLibrary(FrozenDictionary<string, CardTemplate> templates, BotTexts texts, int expansionCacheBytes)
    {
        _expansions = new CardExpansionCache(expansionCacheBytes);
        _cards = templates.ToFrozenDictionary(
            card => card.Key,
            card => BotLanguage.All.ToFrozenDictionary(
                language => language,
                language => LanguageCard.Create(card.Value, Labels(texts, card.Key, language)),
                StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>The cards embedded in this assembly, with the words of <paramref name="texts"/>.</summary>
    public static CardLibrary Load(BotTexts texts) => Load(texts, CardExpansionCache.DefaultCapacityBytes);

    /// <summary>Like <see cref="Load(BotTexts)"/>, keeping at most <paramref name="expansionCacheBytes"/> of expanded cards (0: none).</summary>
    public static CardLibrary Load(BotTexts texts, int expansionCacheBytes)
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

        return new CardLibrary(templates.ToFrozenDictionary(StringComparer.Ordinal), texts, expansionCacheBytes);
    }

    /// <summary>The names of the templates (file names without .json).</summary>
    public IEnumerable<string> Names => _cards.Keys;

    /// <summary>The expanded cards kept, with their hit and miss counts.</summary>
    public CardExpansionCache Expansions => _expansions;

    /// <summary>The card <paramref name="name"/> expanded with <paramref name="data"/> (any object; serialised camelCase) in <paramref name="locale"/>'s language.</summary>
    /// <exception cref="KeyNotFoundException">No such template.</exception>
    /// <exception cref="CardTemplateException">The data leaves a binding unresolved.</exception>
    public Attachment Build(string name, object? data, string? locale)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_cards.TryGetValue(name, out var languages))
        {
            throw new KeyNotFoundException($"No card template '{name}'. Add cards/{name}.json (it is embedded by the Dialogs project).");
        }

        var languageCard = languages[BotLanguage.FromLocale(locale)];
        Attachment? card;
        try
        {
            card = Expand(languageCard, name, data, _expansions);
        }
        catch (CardTemplateException e)
        {
            throw new CardTemplateException($"The card 'cards/{name}.json' could not be expanded: {e.Message}", e);
        }

        // Checked on the card only when the template does not fix its root (reading the card makes a tree of it).
        if (card is null
            || (languageCard.Template.RootType != AdaptiveCardType
                && (card.Content is not JsonObject cardObject || cardObject["type"]?.GetValue<string>() != AdaptiveCardType)))
        {
            throw new CardTemplateException($"The card 'cards/{name}.json' did not expand to one AdaptiveCard object; check the $when/$data on its root.");
        }

        return card;
    }

    /// <summary>A message carrying the card; <paramref name="text"/> (optional) is shown with it and read by screen readers.</summary>
    public Activity Message(string name, object? data, string? locale, string? text = null)
    {
        var activity = Activity.CreateMessageActivity(text);
        activity.Attachments = [Build(name, data, locale)];
        return activity;
    }

    /// <summary>
    /// Expands with the data's JSON, serialised once into a buffer kept per thread and read in place — or gives the card
    /// this template expanded lately from the same JSON. When the template made for the language still reads the
    /// words, they are added to the data as <c>t</c>.
    /// </summary>
    private static Attachment? Expand(LanguageCard card, string name, object? data, CardExpansionCache expansions)
    {
        var buffer = DataBuffer.Rent();
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
            if (json.Span is not [(byte)'{', .., (byte)'}'])
            {
                throw new ArgumentException($"The data of card '{name}' must serialise to a JSON object.", nameof(data));
            }

            if (card.Labels is { } labels)
            {
                // Rare (no card needs it today): the words replace a data field of that name, as they always did.
                var withLabels = JsonNode.Parse(json.Span)!.AsObject();
                withLabels[LabelsField] = JsonNode.Parse(labels);
                json = JsonSerializer.SerializeToUtf8Bytes(withLabels);
            }

            return card.Template.ExpandStrictToAttachment(json, ContentTypes.AdaptiveCard, expansions);
        }
        finally
        {
            DataBuffer.Return(buffer);
        }
    }

    /// <summary>The card's words in <paramref name="language"/> as a JSON object, label name to text.</summary>
    private static byte[] Labels(BotTexts texts, string name, string language)
    {
        var prefix = LabelPrefix + name + ".";
        var keys = texts.Languages.TryGetValue(language, out var table)
            ? table.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
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

    /// <summary>
    /// A card's template made for its words in one language (their bindings are already text), and those words as
    /// JSON when some binding still reads them at expansion (e.g. one with a label that does not exist).
    /// </summary>
    private sealed record LanguageCard(CardTemplate Template, byte[]? Labels)
    {
        public static LanguageCard Create(CardTemplate template, byte[] labels)
        {
            byte[] json = [.. LabelsPrefix, .. labels, (byte)'}'];
            using var fields = JsonDocument.Parse(json);
            var specialized = template.WithFields(fields.RootElement, out var stillRead);
            return new LanguageCard(specialized, stillRead ? labels : null);
        }

        private static ReadOnlySpan<byte> LabelsPrefix => "{\"t\":"u8;
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

        public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

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
