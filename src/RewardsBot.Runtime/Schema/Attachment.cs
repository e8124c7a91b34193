using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RewardsBot.Runtime.Schema;

/// <summary>A card or file attached to a message. Send either <see cref="Content"/> or <see cref="ContentUrl"/>.</summary>
/// <remarks>
/// A card the bot makes (an expanded template) is carried as the JSON text it was written as, exactly as
/// <see cref="ActivityWriter"/> would write its tree: sent as that text, and made into a tree only if something reads
/// <see cref="Content"/>. Most cards are never read before they are sent, and a tree costs more to make and to write
/// than the card costs to expand.
/// </remarks>
public sealed class Attachment
{
    private JsonNode? _content;

    /// <summary>The content as compact UTF-8 JSON escaped with the wire encoder, while nothing has read <see cref="Content"/>; never changed.</summary>
    private byte[]? _contentJson;

    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }

    /// <summary>
    /// The content as a tree, to read or change. Content carried as JSON text is parsed on the first read, and from
    /// then on the tree is the content (the caller may change it); setting the property replaces the content.
    /// </summary>
    [JsonIgnore]
    public JsonNode? Content
    {
        get
        {
            if (_contentJson is { } json)
            {
                _content = JsonNode.Parse(json);
                _contentJson = null;
            }

            return _content;
        }
        set
        {
            _content = value;
            _contentJson = null;
        }
    }

    /// <summary>
    /// The serializer's <c>content</c> (named as the wire's camelCase names it): <see cref="Content"/>, written from its
    /// text when it is carried as text, so that serialising an activity (prompt options in dialog state, a Connector send)
    /// does not make a tree of its card.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("content")]
    internal AttachmentContentJson? SerializedContent
    {
        get => _contentJson is { } json ? new AttachmentContentJson(json, null) : _content is { } node ? new AttachmentContentJson(null, node) : null;
        set => Content = value?.Node;
    }

    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>
    /// The content as JSON text, when it is carried as text (nothing has read <see cref="Content"/> since): compact UTF-8
    /// escaped with <see cref="BotJson.Options"/>' encoder, the bytes <see cref="ActivityWriter"/> would write for the
    /// tree. Null when the content is a tree or absent.
    /// </summary>
    internal byte[]? ContentJson => _contentJson;

    /// <summary>Whether there is content, without making a tree of content carried as text.</summary>
    internal bool HasContent => _contentJson is not null || _content is not null;

    /// <summary>
    /// An attachment whose content is <paramref name="json"/>: one JSON value (not null), compact and escaped as
    /// <see cref="ContentJson"/> says. The array is kept, not copied: the caller gives it up.
    /// </summary>
    internal static Attachment WithContentJson(string? contentType, byte[] json) => new() { ContentType = contentType, _contentJson = json };

    /// <summary>A copy with its own content: content carried as text shares the (never changed) text, a tree is cloned.</summary>
    internal Attachment Copy() => new()
    {
        ContentType = ContentType,
        ContentUrl = ContentUrl,
        _content = _content?.DeepClone(),
        _contentJson = _contentJson,
        Name = Name,
        ThumbnailUrl = ThumbnailUrl,
        Properties = Properties,
    };

    /// <summary>This attachment with other content carried as text (see <see cref="WithContentJson"/>); the rest is shared as in <see cref="Copy"/>.</summary>
    internal Attachment CopyWithContentJson(byte[] json) => new()
    {
        ContentType = ContentType,
        ContentUrl = ContentUrl,
        _contentJson = json,
        Name = Name,
        ThumbnailUrl = ThumbnailUrl,
        Properties = Properties,
    };
}

/// <summary>
/// An attachment's content as the serializer sees it: the text it is carried as (written as it is: the bytes the tree
/// would be written as with <see cref="BotJson.Options"/>), or the tree. Read as a tree, as a <see cref="JsonNode"/> is.
/// </summary>
[JsonConverter(typeof(AttachmentContentJsonConverter))]
internal sealed class AttachmentContentJson(byte[]? json, JsonNode? node)
{
    public byte[]? Json { get; } = json;

    public JsonNode? Node { get; } = node;
}

internal sealed class AttachmentContentJsonConverter : JsonConverter<AttachmentContentJson>
{
    public override AttachmentContentJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => new(null, JsonNode.Parse(ref reader, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive }));

    public override void Write(Utf8JsonWriter writer, AttachmentContentJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Json is { } json)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
        }
        else if (value.Node is { } node)
        {
            node.WriteTo(writer, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
