using Microsoft.Data.Sqlite;

namespace RewardsBot.Hosting;

/// <summary>Resolves a relative SQLite file path against the content root, so the database does not move with the working directory.</summary>
public static class SqliteConnectionStrings
{
    public static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource)
            && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ToString();
    }
}
