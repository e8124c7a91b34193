using Microsoft.Data.Sqlite;

namespace RewardsBot.Hosting;

/// <summary>Where the host's SQLite files are: relative paths resolved against the content root, and the state file's default place.</summary>
public static class SqliteConnectionStrings
{
    /// <summary>What goes between a Rewards file's name and its extension to name the default state file.</summary>
    public const string StateFileSuffix = "-state";

    /// <summary>Resolves a relative SQLite file path against the content root, so the database does not move with the working directory.</summary>
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

    /// <summary>
    /// The default state file for the Rewards file of <paramref name="rewardsConnectionString"/>: the same folder and
    /// connection settings, the file name with <see cref="StateFileSuffix"/> before its extension
    /// (<c>data/rewardsbot.db</c> → <c>data/rewardsbot-state.db</c>). A connection string that names no file (an
    /// in-memory database) is returned as it is.
    /// </summary>
    /// <remarks>
    /// Bot state and Direct Line conversations are written on every turn; the Rewards data is read on most turns and
    /// written on few. In one file, every state commit would make each Rewards reader drop its page cache (SQLite's WAL
    /// mode does so whenever any other connection has committed to the file), so each Rewards read went back to the
    /// file for every page; apart, the Rewards readers keep their pages between the Rewards data's own rare writes.
    /// </remarks>
    public static string StateFileBeside(string rewardsConnectionString)
    {
        var builder = new SqliteConnectionStringBuilder(rewardsConnectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return rewardsConnectionString;
        }

        var folder = Path.GetDirectoryName(dataSource) ?? string.Empty;
        var name = Path.GetFileNameWithoutExtension(dataSource) + StateFileSuffix + Path.GetExtension(dataSource);
        builder.DataSource = Path.Combine(folder, name);
        return builder.ToString();
    }
}
