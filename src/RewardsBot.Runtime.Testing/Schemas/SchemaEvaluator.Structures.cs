using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>Object and array keywords.</summary>
internal sealed partial class SchemaEvaluator
{
    private void CheckObject(JsonObject s, string at, JsonObject instance, string path, List<SchemaError> errors)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()).Where(n => !instance.ContainsKey(n)))
            {
                errors.Add(new(path, JsonValues.Child(at, "required"), "required", $"required property '{name}' is missing"));
            }
        }

        if (Limit(s, "minProperties") is { } min && instance.Count < min)
        {
            errors.Add(new(path, JsonValues.Child(at, "minProperties"), "minProperties", $"the object has fewer than {min} properties"));
        }

        if (Limit(s, "maxProperties") is { } max && instance.Count > max)
        {
            errors.Add(new(path, JsonValues.Child(at, "maxProperties"), "maxProperties", $"the object has more than {max} properties"));
        }

        var properties = s["properties"] as JsonObject;
        var patterns = s["patternProperties"] as JsonObject;
        s.TryGetPropertyValue("additionalProperties", out var additional);
        foreach (var (name, value) in instance)
        {
            var childPath = JsonValues.Child(path, name);
            var matched = false;
            if (properties is not null && properties.TryGetPropertyValue(name, out var propertySchema))
            {
                matched = true;
                Evaluate(propertySchema, JsonValues.Child(JsonValues.Child(at, "properties"), name), value, childPath, errors);
            }

            foreach (var (pattern, patternSchema) in patterns ?? [])
            {
                if (document.Regex(pattern).IsMatch(name))
                {
                    matched = true;
                    Evaluate(patternSchema, JsonValues.Child(JsonValues.Child(at, "patternProperties"), pattern), value, childPath, errors);
                }
            }

            if (!matched && additional is not null)
            {
                if (additional is JsonValue closed && closed.TryGetValue<bool>(out var allowed) && !allowed)
                {
                    errors.Add(new(childPath, JsonValues.Child(at, "additionalProperties"), "additionalProperties",
                        $"property '{name}' is not allowed here (allowed: {string.Join(", ", properties?.Select(p => p.Key) ?? [])})"));
                }
                else
                {
                    Evaluate(additional, JsonValues.Child(at, "additionalProperties"), value, childPath, errors);
                }
            }
        }

        foreach (var (name, dependency) in s["dependencies"] as JsonObject ?? [])
        {
            if (!instance.ContainsKey(name))
            {
                continue;
            }

            var dependencyAt = JsonValues.Child(JsonValues.Child(at, "dependencies"), name);
            if (dependency is JsonArray names)
            {
                foreach (var missing in names.Select(n => n!.GetValue<string>()).Where(n => !instance.ContainsKey(n)))
                {
                    errors.Add(new(path, dependencyAt, "dependencies", $"property '{missing}' is required when '{name}' is present"));
                }
            }
            else
            {
                Evaluate(dependency, dependencyAt, instance, path, errors);
            }
        }
    }

    private void CheckArray(JsonObject s, string at, JsonArray instance, string path, List<SchemaError> errors)
    {
        if (Limit(s, "minItems") is { } min && instance.Count < min)
        {
            errors.Add(new(path, JsonValues.Child(at, "minItems"), "minItems", $"the array has {instance.Count} items, fewer than {min}"));
        }

        if (Limit(s, "maxItems") is { } max && instance.Count > max)
        {
            errors.Add(new(path, JsonValues.Child(at, "maxItems"), "maxItems", $"the array has {instance.Count} items, more than {max}"));
        }

        if (s["uniqueItems"] is JsonValue unique && unique.TryGetValue<bool>(out var mustBeUnique) && mustBeUnique)
        {
            for (var i = 1; i < instance.Count; i++)
            {
                var first = Enumerable.Range(0, i).FirstOrDefault(j => JsonValues.DeepEquals(instance[j], instance[i]), -1);
                if (first >= 0)
                {
                    errors.Add(new(JsonValues.Child(path, i), JsonValues.Child(at, "uniqueItems"), "uniqueItems",
                        $"{JsonValues.Show(instance[i])} repeats item {first}; items must be unique"));
                }
            }
        }

        var itemsAt = JsonValues.Child(at, "items");
        switch (s["items"])
        {
            case JsonArray tuple:
                for (var i = 0; i < instance.Count; i++)
                {
                    var (schema, schemaAt) = i < tuple.Count
                        ? (tuple[i], JsonValues.Child(itemsAt, i))
                        : (s["additionalItems"], JsonValues.Child(at, "additionalItems"));
                    Evaluate(schema, schemaAt, instance[i], JsonValues.Child(path, i), errors);
                }

                break;
            case { } items:
                for (var i = 0; i < instance.Count; i++)
                {
                    Evaluate(items, itemsAt, instance[i], JsonValues.Child(path, i), errors);
                }

                break;
        }
    }
}
