using System.Text.Json.Nodes;

namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>allOf, anyOf, oneOf, not; a failed anyOf/oneOf reports its best-matching branch.</summary>
internal sealed partial class SchemaEvaluator
{
    private void CheckCombinators(JsonObject s, string at, JsonNode? instance, string path, List<SchemaError> errors)
    {
        if (s["allOf"] is JsonArray all)
        {
            for (var i = 0; i < all.Count; i++)
            {
                Evaluate(all[i], JsonValues.Child(JsonValues.Child(at, "allOf"), i), instance, path, errors);
            }
        }

        if (s["anyOf"] is JsonArray any)
        {
            var branches = EvaluateBranches(any, JsonValues.Child(at, "anyOf"), instance, path);
            if (!branches.Any(b => b.Count == 0))
            {
                errors.AddRange(BestMatch(branches, JsonValues.Child(at, "anyOf"), instance, path));
            }
        }

        if (s["oneOf"] is JsonArray one)
        {
            var oneAt = JsonValues.Child(at, "oneOf");
            var branches = EvaluateBranches(one, oneAt, instance, path);
            var passing = branches.Select((b, i) => (b, i)).Where(x => x.b.Count == 0).Select(x => x.i).ToList();
            if (passing.Count == 0)
            {
                errors.AddRange(BestMatch(branches, oneAt, instance, path));
            }
            else if (passing.Count > 1)
            {
                errors.Add(new(path, oneAt, "oneOf",
                    $"{JsonValues.Show(instance)} matches more than one alternative (branches {string.Join(", ", passing)}); exactly one must match"));
            }
        }

        if (s["not"] is { } not)
        {
            var notAt = JsonValues.Child(at, "not");
            var inner = new List<SchemaError>();
            Evaluate(not, notAt, instance, path, inner);
            if (inner.Count == 0)
            {
                errors.Add(new(path, notAt, "not", $"{JsonValues.Show(instance)} must not match the schema at {notAt}"));
            }
        }
    }

    private List<List<SchemaError>> EvaluateBranches(JsonArray schemas, string at, JsonNode? instance, string path)
    {
        var branches = new List<List<SchemaError>>(schemas.Count);
        for (var i = 0; i < schemas.Count; i++)
        {
            var branch = new List<SchemaError>();
            Evaluate(schemas[i], JsonValues.Child(at, i), instance, path, branch);
            branches.Add(branch);
        }

        return branches;
    }

    /// <summary>
    /// The errors of the branch that got furthest: first a branch whose discriminator (the instance's
    /// <c>type</c> property, as in every Adaptive Card element) matched, then one whose <c>type</c> keyword matched
    /// the instance, then the deepest error, then the fewest errors, then schema order. When no branch accepts the
    /// discriminator, one error says so instead of listing every alternative's complaints.
    /// </summary>
    private static List<SchemaError> BestMatch(List<List<SchemaError>> branches, string at, JsonNode? instance, string path)
    {
        var discriminator = JsonValues.Child(path, "type");
        bool DiscriminatorMatched(List<SchemaError> b) =>
            !b.Any(e => e.InstanceLocation == discriminator && e.Keyword is "enum" or "const");

        if (instance is JsonObject obj && obj["type"] is JsonValue type && !branches.Any(DiscriminatorMatched))
        {
            return [new(discriminator, at, "type",
                $"{JsonValues.Show(type)} is not a type allowed here (none of {branches.Count} alternatives accepts it)")];
        }

        return branches
            .Select((errors, index) => (errors, index))
            .OrderByDescending(b => DiscriminatorMatched(b.errors))
            .ThenByDescending(b => !b.errors.Any(e => e.InstanceLocation == path && e.Keyword == "type"))
            .ThenByDescending(b => b.errors.Max(e => Depth(e.InstanceLocation)))
            .ThenBy(b => b.errors.Count)
            .ThenBy(b => b.index)
            .First().errors;
    }

    private static int Depth(string pointer) => pointer.Count(c => c == '/');
}
