using System.Globalization;
using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// How model values are stored: enums by name, times as ISO 8601 UTC text ("O"), decimals as invariant text with
/// their scale, booleans as 0/1, null as NULL. Plus running parameterised statements with those values, each through
/// the connection's cached command (see <see cref="SqliteConnectionPool"/>).
/// </summary>
internal static class SqliteRewardsValues
{
    public static object Encode(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        decimal amount => amount.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? 1L : 0L,
        Enum name => name.ToString(),
        _ => value,
    };

    public static string? NullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal)
        => DateTimeOffset.ParseExact(reader.GetString(ordinal), "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? NullableTime(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);

    public static decimal GetAmount(this SqliteDataReader reader, int ordinal)
        => decimal.Parse(reader.GetString(ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static bool GetFlag(this SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    public static T GetEnum<T>(this SqliteDataReader reader, int ordinal)
        where T : struct, Enum
    {
        var text = reader.GetString(ordinal);
        if (Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]))
        {
            return value;
        }

        throw new InvalidOperationException(
            $"The Rewards database holds '{text}' in column '{reader.GetName(ordinal)}', which this build does not know as a {typeof(T).Name}. Run the build that wrote it, or correct the row.");
    }

    /// <summary>The lease's cached command for <paramref name="sql"/> (prepared once per connection), with the values bound.</summary>
    public static SqliteCommand Command(SqliteConnectionLease lease, SqliteTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = lease.Command(sql, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, Encode(value));
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(SqliteConnectionLease lease, SqliteTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
        => await Command(lease, transaction, sql, parameters).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

    public static async Task<List<T>> ListAsync<T>(SqliteConnectionLease lease, SqliteTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        using var reader = await Command(lease, transaction, sql, parameters).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRowsAsync(reader, read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of the reader's current result (with several statements, <c>NextResultAsync</c> moves to the next).</summary>
    public static async Task<List<T>> ReadRowsAsync<T>(SqliteDataReader reader, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task<T?> SingleOrDefaultAsync<T>(SqliteConnectionLease lease, SqliteTransaction? transaction, string sql, IReadOnlyList<(string Name, object? Value)> parameters, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        where T : class
        => FirstOrNull(await ListAsync(lease, transaction, sql, parameters, read, cancellationToken).ConfigureAwait(false));

    public static T? FirstOrNull<T>(IReadOnlyList<T> rows)
        where T : class
        => rows.Count == 0 ? null : rows[0];

    /// <summary>True for a UNIQUE or PRIMARY KEY violation (SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY).</summary>
    public static bool IsUniqueViolation(this SqliteException exception) => exception.SqliteExtendedErrorCode is 2067 or 1555;
}
