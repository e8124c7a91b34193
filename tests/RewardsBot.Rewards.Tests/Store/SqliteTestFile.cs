using Microsoft.Data.Sqlite;

namespace RewardsBot.Rewards.Tests.Store;

/// <summary>Raw SQL against a test's database file, outside the store (as another program, or an older build, would).</summary>
internal static class SqliteTestFile
{
    public static SqliteConnection Open(string path)
    {
        RewardsBot.Sqlite.SqliteFile.EnsureProvider();
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    public static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every row of the query, each column as text (NULL as null).</summary>
    public static List<string?[]> Query(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }

        return rows;
    }

    public static List<string?> Column(string path, string sql) => Query(path, sql).Select(row => row[0]).ToList();
}

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
