using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>
/// Evaluates a schema against an instance and collects every error (no short-circuit), so that anyOf/oneOf can pick
/// the branch that got furthest. Draft-04/06 rules: a <c>$ref</c> replaces its siblings; booleans are schemas.
/// </summary>
internal sealed partial class SchemaEvaluator(SchemaDocument document)
{
    public void Evaluate(JsonNode? schema, string at, JsonNode? instance, string path, List<SchemaError> errors)
    {
        if (schema is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (flag.GetValueKind() == JsonValueKind.False)
            {
                errors.Add(new(path, at, "false", $"{JsonValues.Show(instance)} is not allowed here"));
            }

            return;
        }

        if (schema is not JsonObject s)
        {
            return;
        }

        if (s["$ref"] is { } reference)
        {
            var (target, location) = document.Resolve(reference.GetValue<string>());
            Evaluate(target, location, instance, path, errors);
            return;
        }

        CheckType(s, at, instance, path, errors);
        CheckValues(s, at, instance, path, errors);
        switch (JsonValues.KindOf(instance))
        {
            case "object":
                CheckObject(s, at, instance!.AsObject(), path, errors);
                break;
            case "array":
                CheckArray(s, at, instance!.AsArray(), path, errors);
                break;
            case "string":
                CheckString(s, at, instance!.GetValue<string>(), path, errors);
                break;
            case "number":
                CheckNumber(s, at, JsonValues.Number(instance)!.Value, path, errors);
                break;
        }

        CheckCombinators(s, at, instance, path, errors);
    }

    private static void CheckType(JsonObject s, string at, JsonNode? instance, string path, List<SchemaError> errors)
    {
        if (s["type"] is not { } type)
        {
            return;
        }

        var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
        if (!allowed.Any(t => JsonValues.HasType(instance, t)))
        {
            errors.Add(new(path, JsonValues.Child(at, "type"), "type",
                $"{JsonValues.Show(instance)} is not of type {string.Join(" or ", allowed)}"));
        }
    }

    private static void CheckValues(JsonObject s, string at, JsonNode? instance, string path, List<SchemaError> errors)
    {
        if (s["enum"] is JsonArray options && !options.Any(o => JsonValues.DeepEquals(o, instance)))
        {
            errors.Add(new(path, JsonValues.Child(at, "enum"), "enum",
                $"{JsonValues.Show(instance)} is not one of {options.ToJsonString()}"));
        }

        if (s.TryGetPropertyValue("const", out var constant) && !JsonValues.DeepEquals(constant, instance))
        {
            errors.Add(new(path, JsonValues.Child(at, "const"), "const",
                $"{JsonValues.Show(instance)} is not the required value {JsonValues.Show(constant)}"));
        }
    }

    private void CheckString(JsonObject s, string at, string value, string path, List<SchemaError> errors)
    {
        // JSON Schema counts characters as code points, not UTF-16 units.
        var length = value.EnumerateRunes().Count();
        if (Limit(s, "minLength") is { } min && length < min)
        {
            errors.Add(new(path, JsonValues.Child(at, "minLength"), "minLength",
                $"\"{value}\" is shorter than {min} characters"));
        }

        if (Limit(s, "maxLength") is { } max && length > max)
        {
            errors.Add(new(path, JsonValues.Child(at, "maxLength"), "maxLength",
                $"\"{value}\" is longer than {max} characters ({length})"));
        }

        if (s["pattern"] is { } pattern && !document.Regex(pattern.GetValue<string>()).IsMatch(value))
        {
            errors.Add(new(path, JsonValues.Child(at, "pattern"), "pattern",
                $"\"{value}\" does not match the pattern {pattern.GetValue<string>()}"));
        }
    }

    private static void CheckNumber(JsonObject s, string at, decimal value, string path, List<SchemaError> errors)
    {
        // Draft-04: exclusiveMinimum/Maximum are booleans that modify minimum/maximum; draft-06: numbers of their own.
        var show = value.ToString(CultureInfo.InvariantCulture);
        if (JsonValues.Number(s["minimum"]) is { } min)
        {
            var exclusive = s["exclusiveMinimum"]?.GetValueKind() == JsonValueKind.True;
            if (exclusive ? value <= min : value < min)
            {
                errors.Add(new(path, JsonValues.Child(at, "minimum"), "minimum",
                    $"{show} is less than {(exclusive ? "or equal to " : "")}the minimum {min.ToString(CultureInfo.InvariantCulture)}"));
            }
        }

        if (JsonValues.Number(s["maximum"]) is { } max)
        {
            var exclusive = s["exclusiveMaximum"]?.GetValueKind() == JsonValueKind.True;
            if (exclusive ? value >= max : value > max)
            {
                errors.Add(new(path, JsonValues.Child(at, "maximum"), "maximum",
                    $"{show} is greater than {(exclusive ? "or equal to " : "")}the maximum {max.ToString(CultureInfo.InvariantCulture)}"));
            }
        }

        if (JsonValues.Number(s["exclusiveMinimum"]) is { } xmin && value <= xmin)
        {
            errors.Add(new(path, JsonValues.Child(at, "exclusiveMinimum"), "exclusiveMinimum",
                $"{show} is not greater than {xmin.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (JsonValues.Number(s["exclusiveMaximum"]) is { } xmax && value >= xmax)
        {
            errors.Add(new(path, JsonValues.Child(at, "exclusiveMaximum"), "exclusiveMaximum",
                $"{show} is not less than {xmax.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (JsonValues.Number(s["multipleOf"]) is { } step && step != 0 && value % step != 0)
        {
            errors.Add(new(path, JsonValues.Child(at, "multipleOf"), "multipleOf",
                $"{show} is not a multiple of {step.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    private static decimal? Limit(JsonObject s, string keyword) => JsonValues.Number(s[keyword]);
}
