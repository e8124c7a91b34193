namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>One reason an instance is invalid.</summary>
/// <param name="InstanceLocation">JSON pointer into the instance (<c>/body/0/text</c>; empty for the root).</param>
/// <param name="SchemaLocation">Where the failing keyword sits: a pointer into the schema (<c>#/definitions/TextBlock/properties/text/type</c>) or a named card rule.</param>
/// <param name="Keyword">The failing keyword (<c>type</c>, <c>required</c>...) or rule name.</param>
/// <param name="Message">What is wrong, for a person: <c>5 is not of type string</c>.</param>
public sealed record SchemaError(string InstanceLocation, string SchemaLocation, string Keyword, string Message)
{
    public override string ToString() =>
        $"{(InstanceLocation.Length == 0 ? "(root)" : InstanceLocation)}: {Message} [{SchemaLocation}]";
}

/// <summary>The outcome of validating one instance; for anyOf/oneOf only the best-matching branch's errors are kept.</summary>
public sealed class SchemaValidationResult
{
    public SchemaValidationResult(IEnumerable<SchemaError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = [.. errors];
    }

    public bool IsValid => Errors.Count == 0;

    public IReadOnlyList<SchemaError> Errors { get; }

    /// <summary>One error per line, for test failure messages.</summary>
    public override string ToString() =>
        IsValid ? "valid" : string.Join(Environment.NewLine, Errors.Select(e => e.ToString()));
}
