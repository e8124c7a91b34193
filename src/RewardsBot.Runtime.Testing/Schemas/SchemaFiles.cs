namespace RewardsBot.Runtime.Testing.Schemas;

/// <summary>
/// Finds the schema files kept as data in <c>shared/schemas/</c>: walks up from the test binaries
/// (<see cref="AppContext.BaseDirectory"/>) and takes the first ancestor that has <c>shared/schemas/&lt;file&gt;</c>.
/// That covers <c>shared/</c> inside the repository and beside it (CI clones it next to the repository).
/// </summary>
public static class SchemaFiles
{
    public const string AdaptiveCard15 = "adaptive-card-1.5.json";
    public const string TeamsManifest119 = "teams-manifest-1.19.json";

    public static string Find(string fileName) => Find(fileName, AppContext.BaseDirectory);

    public static string Find(string fileName, string startDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentException.ThrowIfNullOrEmpty(startDirectory);
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "schemas", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Schema file 'shared/schemas/{fileName}' was not found in '{startDirectory}' or any folder above it. " +
            "Clone the shared folder beside the repository (or inside it) so that an ancestor of the test binaries contains shared/schemas/.",
            fileName);
    }
}
