using RewardsBot.Runtime.Testing.Schemas;

namespace RewardsBot.Runtime.Tests.Schemas;

public class SchemaFilesTests
{
    [Fact]
    public void The_schema_files_are_found_above_the_test_binaries()
    {
        Assert.EndsWith(Path.Combine("shared", "schemas", SchemaFiles.AdaptiveCard15), SchemaFiles.Find(SchemaFiles.AdaptiveCard15), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_schema_file_fails_with_how_to_fix_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => SchemaFiles.Find("no-such-schema.json", Path.GetTempPath()));

        Assert.Contains("shared/schemas/no-such-schema.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("Clone the shared folder", e.Message, StringComparison.Ordinal);
    }
}
