using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RewardsBot.Runtime.Dialogs.Choices;
using RewardsBot.Runtime.Schema;

namespace RewardsBot.Runtime.Dialogs.Prompts;

/// <summary>How a prompt shows its choices.</summary>
public enum ListStyle
{
    /// <summary>Suggested actions where the channel has them and the list is short, else a card.</summary>
    Auto,

    /// <summary>Only the prompt's own text (the choices are in it, or the user knows them).</summary>
    None,

    /// <summary>Buttons under the message (imBack).</summary>
    SuggestedAction,

    /// <summary>An Adaptive Card with one submit button per choice.</summary>
    Card,

    /// <summary>A numbered list in the text.</summary>
    List,
}

/// <summary>What a prompt asks and how. Kept in the prompt's state between turns (plain JSON).</summary>
/// <remarks>
/// Read back from the state every turn the prompt waits, while the activities it asks with (often a whole card) are
/// needed only to ask again: options read from stored state keep those as the stored JSON until asked for.
/// </remarks>
public sealed class PromptOptions
{
    private static readonly StoredJsonNames Names = new("prompt", "retryPrompt", "choices", "style", "helpText", "maxAttempts", "validations");

    private static readonly JsonEncodedText PromptName = JsonEncodedText.Encode("prompt");
    private static readonly JsonEncodedText RetryPromptName = JsonEncodedText.Encode("retryPrompt");
    private static readonly JsonEncodedText ChoicesName = JsonEncodedText.Encode("choices");
    private static readonly JsonEncodedText StyleName = JsonEncodedText.Encode("style");
    private static readonly JsonEncodedText HelpTextName = JsonEncodedText.Encode("helpText");
    private static readonly JsonEncodedText MaxAttemptsName = JsonEncodedText.Encode("maxAttempts");
    private static readonly JsonEncodedText ValidationsName = JsonEncodedText.Encode("validations");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText SynonymsName = JsonEncodedText.Encode("synonyms");
    private static readonly JsonEncodedText DisplayTextName = JsonEncodedText.Encode("displayText");

    private Activity? _prompt;
    private Activity? _retryPrompt;

    /// <summary>The stored <see cref="Prompt"/> (a JSON object) until it is asked for; else undefined.</summary>
    private JsonElement _storedPrompt;

    /// <summary>The stored <see cref="RetryPrompt"/> (a JSON object) until it is asked for; else undefined.</summary>
    private JsonElement _storedRetryPrompt;

    /// <summary>The question (text, and possibly a card).</summary>
    public Activity? Prompt
    {
        get => _storedPrompt.ValueKind == JsonValueKind.Undefined ? _prompt : _prompt = ReadStored(ref _storedPrompt);
        set
        {
            _prompt = value;
            _storedPrompt = default;
        }
    }

    /// <summary>Asked after an answer that was not understood; <see cref="Prompt"/> when null.</summary>
    public Activity? RetryPrompt
    {
        get => _storedRetryPrompt.ValueKind == JsonValueKind.Undefined ? _retryPrompt : _retryPrompt = ReadStored(ref _storedRetryPrompt);
        set
        {
            _retryPrompt = value;
            _storedRetryPrompt = default;
        }
    }

    public List<Choice>? Choices { get; set; }

    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>What "help" says at this step.</summary>
    public string? HelpText { get; set; }

    /// <summary>After this many answers that are not understood, the prompt gives up (0 = never).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Settings for the prompt's validator (e.g. a minimum), free-form.</summary>
    public JsonNode? Validations { get; set; }

    /// <summary>
    /// Options as stored in a prompt's state (<paramref name="element"/>), read as the serializer reads them (names
    /// in any case, unknown ones ignored) except that <see cref="Prompt"/> and <see cref="RetryPrompt"/> stay JSON
    /// until asked for. Null for a stored null.
    /// </summary>
    /// <exception cref="JsonException">The stored JSON does not fit <see cref="PromptOptions"/>.</exception>
    internal static PromptOptions? FromStoredJson(JsonElement element, JsonSerializerOptions serializerOptions)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return element.Deserialize((JsonTypeInfo<PromptOptions>)serializerOptions.GetTypeInfo(typeof(PromptOptions)));
        }

        var options = new PromptOptions();
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (Names.Of(property))
            {
                case "prompt":
                    options._prompt = null;
                    options._storedPrompt = Stored(value, serializerOptions);
                    break;
                case "retryPrompt":
                    options._retryPrompt = null;
                    options._storedRetryPrompt = Stored(value, serializerOptions);
                    break;
                case "choices":
                    options.Choices = value.Deserialize<List<Choice>?>(serializerOptions);
                    break;
                case "style":
                    options.Style = value.Deserialize<ListStyle>(serializerOptions);
                    break;
                case "helpText":
                    options.HelpText = value.Deserialize<string?>(serializerOptions);
                    break;
                case "maxAttempts":
                    options.MaxAttempts = value.Deserialize<int>(serializerOptions);
                    break;
                case "validations":
                    options.Validations = value.Deserialize<JsonNode?>(serializerOptions);
                    break;
            }
        }

        return options;
    }

    /// <summary>
    /// The options as UTF-8 JSON: exactly what the serializer writes for them with <see cref="BotJson.Options"/> (same
    /// names, order, omitted nulls, enum as number), without it. A prompt writes its options into its state every time
    /// it asks, often with a card; the serializer resolves its converters for every property of every object on the
    /// way. A test compares both outputs for options with every property set.
    /// </summary>
    internal byte[] ToJson() => JsonBytes.Write(this, static (writer, options) => options.Write(writer));

    private void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Prompt is { } prompt)
        {
            writer.WritePropertyName(PromptName);
            ActivityWriter.Write(writer, prompt);
        }

        if (RetryPrompt is { } retryPrompt)
        {
            writer.WritePropertyName(RetryPromptName);
            ActivityWriter.Write(writer, retryPrompt);
        }

        if (Choices is { } choices)
        {
            writer.WriteStartArray(ChoicesName);
            foreach (var choice in choices)
            {
                WriteChoice(writer, choice);
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber(StyleName, (int)Style);
        if (HelpText is { } helpText)
        {
            writer.WriteString(HelpTextName, helpText);
        }

        writer.WriteNumber(MaxAttemptsName, MaxAttempts);
        if (Validations is { } validations)
        {
            writer.WritePropertyName(ValidationsName);
            validations.WriteTo(writer, BotJson.Options);
        }

        writer.WriteEndObject();
    }

    private static void WriteChoice(Utf8JsonWriter writer, Choice? choice)
    {
        if (choice is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (choice.Value is { } value)
        {
            writer.WriteString(ValueName, value);
        }

        if (choice.Title is { } title)
        {
            writer.WriteString(TitleName, title);
        }

        if (choice.Synonyms is { } synonyms)
        {
            writer.WriteStartArray(SynonymsName);
            foreach (var synonym in synonyms)
            {
                if (synonym is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(synonym);
                }
            }

            writer.WriteEndArray();
        }

        if (choice.DisplayText is { } displayText)
        {
            writer.WriteString(DisplayTextName, displayText);
        }

        writer.WriteEndObject();
    }

    /// <summary>An activity kept as stored: an object stays JSON; null, or anything else, is read now (and refused as the serializer would).</summary>
    private static JsonElement Stored(JsonElement value, JsonSerializerOptions serializerOptions)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        _ = value.Deserialize<Activity?>(serializerOptions);
        return default;
    }

    private static Activity? ReadStored(ref JsonElement stored)
    {
        var activity = stored.Deserialize<Activity>(BotJson.Options);
        stored = default;
        return activity;
    }
}
