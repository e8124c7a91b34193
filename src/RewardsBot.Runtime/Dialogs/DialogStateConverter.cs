using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RewardsBot.Runtime.Dialogs;

/// <summary>
/// Reads and writes a <see cref="DialogState"/> in the form the reflection serializer gave it (camelCase
/// <c>dialogStack</c>; per instance <c>id</c>, <c>instanceId</c>, <c>state</c>, <c>innerState</c> when there is one),
/// so conversations saved before and after read the same.
/// </summary>
/// <remarks>
/// The stack is parsed once per turn into one document. Each instance keeps its state as an element of that document
/// and builds its <see cref="DialogInstance.State"/> only when a dialog asks for it; an instance whose state nobody
/// asked for (the dialogs below the active one) is written back as the text it was read from.
/// </remarks>
internal sealed class DialogStateConverter : JsonConverter<DialogState>
{
    private const string DialogStackName = "dialogStack";
    private const string IdName = "id";
    private const string InstanceIdName = "instanceId";
    private const string StateName = "state";
    private const string InnerStateName = "innerState";

    private static readonly StoredJsonNames StateNames = new(DialogStackName);
    private static readonly StoredJsonNames InstanceNames = new(IdName, InstanceIdName, StateName, InnerStateName);

    private static readonly JsonEncodedText DialogStackText = JsonEncodedText.Encode(DialogStackName);
    private static readonly JsonEncodedText IdText = JsonEncodedText.Encode(IdName);
    private static readonly JsonEncodedText InstanceIdText = JsonEncodedText.Encode(InstanceIdName);
    private static readonly JsonEncodedText StateText = JsonEncodedText.Encode(StateName);
    private static readonly JsonEncodedText InnerStateText = JsonEncodedText.Encode(InnerStateName);

    public override DialogState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ReadState(JsonElement.ParseValue(ref reader));

    public override void Write(Utf8JsonWriter writer, DialogState value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.DialogStack is { } stack)
        {
            writer.WriteStartArray(DialogStackText);
            foreach (var instance in stack)
            {
                if (instance is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    WriteInstance(writer, instance, options);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private void WriteInstance(Utf8JsonWriter writer, DialogInstance instance, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (instance.Id is { } id)
        {
            writer.WriteString(IdText, id);
        }

        if (instance.InstanceId is { } instanceId)
        {
            writer.WriteString(InstanceIdText, instanceId);
        }

        writer.WritePropertyName(StateText);
        if (instance.TryGetStoredState(out var stored))
        {
            // Text a parser already took apart as one JSON object: copied as it is.
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(stored), skipInputValidation: true);
        }
        else
        {
            instance.State.WriteTo(writer, options);
        }

        if (instance.InnerState is { } inner)
        {
            writer.WritePropertyName(InnerStateText);
            Write(writer, inner, options);
        }

        writer.WriteEndObject();
    }

    private static DialogState ReadState(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A dialog state must be a JSON object, not {element.ValueKind}.");
        }

        var state = new DialogState();
        foreach (var property in element.EnumerateObject())
        {
            if (StateNames.Of(property) is not null)
            {
                state.DialogStack = property.Value.ValueKind switch
                {
                    JsonValueKind.Array => ReadStack(property.Value),
                    JsonValueKind.Null => [],
                    var kind => throw new JsonException($"'{DialogStackName}' must be a JSON array, not {kind}."),
                };
            }
        }

        return state;
    }

    private static List<DialogInstance> ReadStack(JsonElement array)
    {
        var stack = new List<DialogInstance>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            stack.Add(ReadInstance(item));
        }

        return stack;
    }

    private static DialogInstance ReadInstance(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A dialog instance must be a JSON object, not {element.ValueKind}.");
        }

        string? id = null;
        string? instanceId = null;
        var hasId = false;
        var hasInstanceId = false;
        JsonElement state = default;
        DialogState? inner = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (InstanceNames.Of(property))
            {
                case IdName:
                    id = ReadString(value, IdName);
                    hasId = true;
                    break;
                case InstanceIdName:
                    instanceId = ReadString(value, InstanceIdName);
                    hasInstanceId = true;
                    break;
                case StateName:
                    state = value.ValueKind switch
                    {
                        JsonValueKind.Object => value,
                        JsonValueKind.Null => default,
                        var kind => throw new JsonException($"A dialog instance's '{StateName}' must be a JSON object, not {kind}."),
                    };
                    break;
                case InnerStateName:
                    inner = value.ValueKind == JsonValueKind.Null ? null : ReadState(value);
                    break;
            }
        }

        if (!hasId || !hasInstanceId)
        {
            throw new JsonException($"A dialog instance must have '{IdName}' and '{InstanceIdName}'.");
        }

        return DialogInstance.FromStorage(id!, instanceId!, state, inner);
    }

    private static string? ReadString(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        var kind => throw new JsonException($"A dialog instance's '{name}' must be a string, not {kind}."),
    };
}

/// <summary>The property names a reader of stored JSON knows, matched as the serializer matches them.</summary>
internal sealed class StoredJsonNames
{
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;

    public StoredJsonNames(params string[] names)
    {
        _names = names;
        _utf8Names = Array.ConvertAll(names, Encoding.UTF8.GetBytes);
    }

    /// <summary>
    /// Which of the names <paramref name="property"/> has: as written (camelCase), else in any case, as the
    /// serializer's reads allow; null for another property (ignored, as the serializer does).
    /// </summary>
    public string? Of(JsonProperty property)
    {
        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (property.NameEquals(_utf8Names[i]))
            {
                return _names[i];
            }
        }

        var actual = property.Name;
        foreach (var name in _names)
        {
            if (string.Equals(name, actual, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}
