using System.Collections.Frozen;
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
    private const string LabelPrefix = "card.";
    private readonly FrozenDictionary<string, CardTemplate> _templates;
    private readonly BotTexts _texts;
    private readonly FrozenDictionary<string, FrozenDictionary<string, IReadOnlyList<string>>> _labelKeys;

    private CardLibrary(FrozenDictionary<string, CardTemplate> templates, BotTexts texts)
    {
        _templates = templates;
        _texts = texts;
        _labelKeys = templates.Keys.ToFrozenDictionary(
            name => name,
            name => BotLanguage.All.ToFrozenDictionary(
                language => language,
                language => (IReadOnlyList<string>)[.. texts.Languages.TryGetValue(language, out var table)
                    ? table.Keys.Where(k => k.StartsWith(LabelPrefix + name + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                    : Enumerable.Empty<string>()],
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

        var root = data switch
        {
            null => [],
            JsonObject node => (JsonObject)node.DeepClone(),
            _ => JsonSerializer.SerializeToNode(data, BotJson.Options) as JsonObject
                ?? throw new ArgumentException($"The data of card '{name}' must serialise to a JSON object.", nameof(data)),
        };
        root["t"] = Labels(name, locale);
        JsonNode? card;
        try
        {
            card = template.ExpandStrict(root, host: null, handOver: true);
        }
        catch (CardTemplateException e)
        {
            throw new CardTemplateException($"The card 'cards/{name}.json' could not be expanded: {e.Message}", e);
        }

        if (card is not JsonObject cardObject || cardObject["type"]?.GetValue<string>() != "AdaptiveCard")
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

    private JsonObject Labels(string name, string? locale)
    {
        var language = BotLanguage.FromLocale(locale);
        var labels = new JsonObject();
        var prefix = LabelPrefix + name + ".";
        foreach (var key in _labelKeys[name][language])
        {
            labels[key[prefix.Length..]] = _texts.Get(key, language);
        }

        return labels;
    }
}
