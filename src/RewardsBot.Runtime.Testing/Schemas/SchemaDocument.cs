using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>
/// A loaded schema, checked once: every <c>$ref</c> resolved, every <c>pattern</c> compiled, every keyword sorted into
/// known or unknown. Read-only afterwards, so one instance can validate from many threads.
/// </summary>
internal sealed class SchemaDocument
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, (JsonNode? Schema, string Location)> _refs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex> _regexes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _unknown = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _used = new(StringComparer.Ordinal);
    private readonly string? _id;

    public SchemaDocument(JsonNode root)
    {
        Root = root;
        _id = (root as JsonObject)?["id"]?.GetValue<string>() ?? (root as JsonObject)?["$id"]?.GetValue<string>();
        Walk(root, "#");
    }

    public JsonNode Root { get; }

    public IReadOnlySet<string> UnknownKeywords => _unknown;

    public IReadOnlySet<string> UsedKeywords => _used;

    public (JsonNode? Schema, string Location) Resolve(string reference) => _refs[reference];

    public Regex Regex(string pattern) => _regexes[pattern];

    private void Walk(JsonNode? schema, string location)
    {
        if (schema is not JsonObject obj)
        {
            return;
        }

        foreach (var (keyword, value) in obj)
        {
            _used.Add(keyword);
            if (!SchemaKeywords.IsKnown(keyword))
            {
                _unknown.Add(keyword);
            }

            var at = JsonValues.Child(location, keyword);
            switch (keyword)
            {
                case "$ref":
                    AddReference(value!.GetValue<string>(), at);
                    break;
                case "pattern":
                    AddPattern(value!.GetValue<string>(), at);
                    break;
                case "properties" or "patternProperties" or "definitions" or "dependencies":
                    foreach (var (name, member) in value!.AsObject())
                    {
                        if (keyword == "patternProperties")
                        {
                            AddPattern(name, at);
                        }

                        Walk(member, JsonValues.Child(at, name));
                    }

                    break;
                case "items" or "allOf" or "anyOf" or "oneOf" when value is JsonArray list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        Walk(list[i], JsonValues.Child(at, i));
                    }

                    break;
                case "items" or "additionalItems" or "additionalProperties" or "not":
                    Walk(value, at);
                    break;
            }
        }
    }

    private void AddReference(string reference, string at)
    {
        if (_refs.ContainsKey(reference))
        {
            return;
        }

        var fragment = reference;
        if (_id is not null && fragment.StartsWith(_id + "#", StringComparison.Ordinal))
        {
            fragment = fragment[_id.Length..];
        }

        if (!fragment.StartsWith('#'))
        {
            throw new InvalidOperationException(
                $"The schema's $ref '{reference}' at {at} is not local. Only '#' and '#/json/pointer' references are supported; inline the referenced schema into the file.");
        }

        JsonNode? target = Root;
        var pointer = Uri.UnescapeDataString(fragment[1..]);
        foreach (var token in pointer.Split('/').Skip(1).Select(JsonValues.Unescape))
        {
            target = target switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var next) => next,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw new InvalidOperationException(
                    $"The schema's $ref '{reference}' at {at} points at nothing (no '{token}'). Fix the reference or add the definition."),
            };
        }

        _refs[reference] = (target, pointer.Length == 0 ? "#" : "#" + pointer);
    }

    private void AddPattern(string pattern, string at)
    {
        if (_regexes.ContainsKey(pattern))
        {
            return;
        }

        try
        {
            _regexes[pattern] = new Regex(pattern, RegexOptions.None, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"The schema's pattern at {at} does not compile as a .NET regular expression ({e.Message}). Rewrite it in the ECMAScript subset .NET shares.", e);
        }
    }
}
