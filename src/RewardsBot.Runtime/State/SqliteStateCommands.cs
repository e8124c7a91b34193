using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RewardsBot.Runtime.State;

/// <summary>The parameterised statements <see cref="SqliteStorage"/> runs against <c>bot_state</c> and <c>etag_sequence</c>.</summary>
internal static class SqliteStateCommands
{
    public const string InsertSql = """
        INSERT INTO bot_state (key, etag, document, updated_utc) VALUES (@key, @etag, CAST(@document AS TEXT), @updated)
        ON CONFLICT (key) DO NOTHING;
        """;

    public const string UpsertSql = """
        INSERT INTO bot_state (key, etag, document, updated_utc) VALUES (@key, @etag, CAST(@document AS TEXT), @updated)
        ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_utc = excluded.updated_utc;
        """;

    public const string UpdateSql = """
        UPDATE bot_state SET etag = @etag, document = CAST(@document AS TEXT), updated_utc = @updated
        WHERE key = @key AND etag = @expected;
        """;

    /// <summary>Deletes at most <c>@batch</c> documents last written before <c>@cutoff</c>, oldest first (by the index on updated_utc).</summary>
    public const string DeleteWrittenBeforeSql = """
        DELETE FROM bot_state WHERE rowid IN
            (SELECT rowid FROM bot_state WHERE updated_utc < @cutoff ORDER BY updated_utc LIMIT @batch);
        """;

    /// <summary>The text <c>updated_utc</c> holds for <paramref name="time"/>: round-trip UTC, which sorts as the times do.</summary>
    public static string UpdatedUtc(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public const string ReadLastETagSql = "SELECT last_etag FROM etag_sequence WHERE id = 1;";

    public const string SaveLastETagSql = "UPDATE etag_sequence SET last_etag = @last WHERE id = 1;";

    public static SqliteCommand CreateWriteCommand(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("@key", SqliteType.Text);
        command.Parameters.Add("@etag", SqliteType.Integer);
        // The document comes as UTF-8 bytes, bound as a blob and stored as TEXT: a blob cast to TEXT is its bytes read in
        // the file's encoding (UTF-8, SQLite's default, which this schema never changes), so no string is made for it.
        command.Parameters.Add("@document", SqliteType.Blob);
        command.Parameters.Add("@updated", SqliteType.Text);
        return command;
    }

    /// <summary><paramref name="sqlPrefix"/> followed by <c>(@k0, @k1, ...)</c>, one parameter per key.</summary>
    public static SqliteCommand CreateKeyListCommand(SqliteConnection connection, SqliteTransaction? transaction, string sqlPrefix, string[] keys)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(sqlPrefix).Append('(');
        for (var i = 0; i < keys.Length; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@k{i}");
            sql.Append(i == 0 ? "" : ", ").Append(name);
            command.Parameters.Add(name, SqliteType.Text).Value = keys[i];
        }

        command.CommandText = sql.Append(");").ToString();
        return command;
    }
}
