using System.Globalization;
using Microsoft.Data.Sqlite;
using RewardsBot.DirectLine;
using RewardsBot.Runtime.State;
using RewardsBot.Sqlite;

namespace RewardsBot.Hosting;

/// <summary>The host's two SQLite files: the Rewards data, and the conversations' working data (bot state, Direct Line).</summary>
/// <param name="RewardsConnectionString">Resolved <c>ConnectionStrings:RewardsBot</c>.</param>
/// <param name="StateConnectionString">Resolved <c>ConnectionStrings:BotState</c> (by default beside the Rewards file).</param>
internal sealed record BotDataFiles(string RewardsConnectionString, string StateConnectionString)
{
    public string RewardsFile => Path.GetFullPath(new SqliteConnectionStringBuilder(RewardsConnectionString).DataSource);

    public string StateFile => Path.GetFullPath(new SqliteConnectionStringBuilder(StateConnectionString).DataSource);

    /// <summary>Whether state is kept in a file of its own (it is, unless both settings name the same file).</summary>
    public bool Separate => !string.Equals(RewardsFile, StateFile, StringComparison.Ordinal);
}

/// <summary>
/// At start-up, before the first turn: moves the bot state and the Direct Line conversations that an earlier build kept
/// in the Rewards file into the state file, so conversations continue where they were after an upgrade.
/// </summary>
/// <remarks>
/// <para>
/// Builds before the state file kept everything in one file. Finding the state tables (<c>bot_state</c>,
/// <c>etag_sequence</c>, <c>schema_version</c>) or the Direct Line tables (<c>directline_*</c>) in the Rewards file, this
/// copies their rows into the state file in one transaction, then drops them from the Rewards file in a second. A
/// process stopped between the two finds the tables again at its next start: the copy then skips every row the state
/// file already has (no turn runs before the move is done, so those rows are the same), and the drop follows.
/// eTags keep rising: the state file's eTag sequence continues from the larger of the two files' last eTags.
/// </para>
/// <para>
/// Run it with every process of the earlier build stopped: one still writing the old file after the move would write
/// where this build no longer reads. A Rewards file of a newer build (a higher schema version in a moved table) stops
/// the host with a message rather than being half-read.
/// </para>
/// </remarks>
internal sealed partial class StateFileMove(IStorage storage, IDirectLineStore directLine, BotDataFiles files, ILogger<StateFileMove> logger) : IHostedService
{
    private static readonly string[] StateTables = ["bot_state", "etag_sequence", "schema_version"];
    private static readonly string[] DirectLineTables = ["directline_activities", "directline_conversations", "directline_schema_version"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!files.Separate || storage is not SqliteStorage || !File.Exists(files.RewardsFile))
        {
            return;
        }

        var found = await FindEarlierTablesAsync(files, cancellationToken);
        if (!found.State && !found.DirectLine)
        {
            return;
        }

        // The state file's own schema first (created by the stores that own it), so the rows have somewhere to go.
        if (storage is IStorageHealthCheck check && await check.CheckHealthAsync(cancellationToken) is { IsHealthy: false } health)
        {
            throw new InvalidOperationException($"The state file could not be prepared for the move of the state kept in the Rewards file: {health.Description}");
        }

        if (directLine is SqliteDirectLineStore)
        {
            await directLine.InitializeAsync(cancellationToken);
        }

        var moved = await MoveAsync(files, cancellationToken);
        LogMoved(moved.StateDocuments, moved.DirectLineConversations, files.RewardsFile, files.StateFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Which earlier tables the Rewards file holds.</summary>
    internal static async Task<(bool State, bool DirectLine)> FindEarlierTablesAsync(BotDataFiles files, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteFile.OpenAsync(Unpooled(files.RewardsConnectionString), cancellationToken);
        var tables = await TablesAsync(connection, "main", cancellationToken);
        return (tables.Contains("bot_state"), tables.Contains("directline_conversations"));
    }

    /// <summary>
    /// Copies the earlier tables' rows from the Rewards file into the state file (whose schema must exist), then drops
    /// those tables from the Rewards file. Returns how many state documents and Direct Line conversations were copied.
    /// </summary>
    /// <exception cref="InvalidOperationException">A table to move has a newer schema than the state file's.</exception>
    internal static async Task<(long StateDocuments, long DirectLineConversations)> MoveAsync(BotDataFiles files, CancellationToken cancellationToken)
    {
        using var stateGate = await SqliteFile.EnterWriteGateAsync(files.StateFile, cancellationToken);
        using var rewardsGate = await SqliteFile.EnterWriteGateAsync(files.RewardsFile, cancellationToken);
        await using var connection = await SqliteFile.OpenAsync(Unpooled(files.StateConnectionString), cancellationToken);
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE @file AS earlier;";
            attach.Parameters.AddWithValue("@file", files.RewardsFile);
            await attach.ExecuteNonQueryAsync(cancellationToken);
        }

        var earlier = await TablesAsync(connection, "earlier", cancellationToken);
        var hasState = earlier.Contains("bot_state");
        var hasDirectLine = earlier.Contains("directline_conversations");
        long documents = 0, conversations = 0;

        using (var copy = connection.BeginTransaction(deferred: false))
        {
            if (hasState)
            {
                await RefuseNewerAsync(connection, copy, "schema_version", "bot state", files, cancellationToken);
                documents = await ExecuteAsync(connection, copy, """
                    INSERT OR IGNORE INTO main.bot_state (key, etag, document, updated_utc)
                    SELECT key, etag, document, updated_utc FROM earlier.bot_state;
                    """, cancellationToken);
                var sequence = earlier.Contains("etag_sequence") ? "(SELECT coalesce(max(last_etag), 0) FROM earlier.etag_sequence)" : "0";
                await ExecuteAsync(connection, copy, $"""
                    UPDATE main.etag_sequence SET last_etag = max(last_etag, {sequence},
                        (SELECT coalesce(max(etag), 0) FROM main.bot_state)) WHERE id = 1;
                    """, cancellationToken);
            }

            if (hasDirectLine)
            {
                await RefuseNewerAsync(connection, copy, "directline_schema_version", "Direct Line", files, cancellationToken);
                conversations = await ExecuteAsync(connection, copy, """
                    INSERT OR IGNORE INTO main.directline_conversations (id, user_id, user_name, locale, created_utc, last_active_utc, last_seq)
                    SELECT id, user_id, user_name, locale, created_utc, last_active_utc, last_seq FROM earlier.directline_conversations;
                    """, cancellationToken);
                if (earlier.Contains("directline_activities"))
                {
                    await ExecuteAsync(connection, copy, """
                        INSERT OR IGNORE INTO main.directline_activities (conversation_id, seq, stored_utc, activity)
                        SELECT conversation_id, seq, stored_utc, activity FROM earlier.directline_activities;
                        """, cancellationToken);
                }
            }

            await copy.CommitAsync(cancellationToken);
        }

        using (var drop = connection.BeginTransaction(deferred: false))
        {
            foreach (var table in (hasState ? StateTables : []).Concat(hasDirectLine ? DirectLineTables : []))
            {
                if (earlier.Contains(table))
                {
                    await ExecuteAsync(connection, drop, $"DROP TABLE earlier.{table};", cancellationToken);
                }
            }

            await drop.CommitAsync(cancellationToken);
        }

        return (documents, conversations);
    }

    private static async Task RefuseNewerAsync(SqliteConnection connection, SqliteTransaction transaction, string versionTable, string what, BotDataFiles files, CancellationToken cancellationToken)
    {
        var earlier = await ScalarAsync(connection, transaction, $"SELECT coalesce(max(version), 0) FROM earlier.{versionTable};", cancellationToken);
        var current = await ScalarAsync(connection, transaction, $"SELECT coalesce(max(version), 0) FROM main.{versionTable};", cancellationToken);
        if (earlier > current)
        {
            throw new InvalidOperationException(
                $"The {what} tables in the Rewards file '{files.RewardsFile}' have schema version {earlier}, newer than this build's {current}, so they were not moved to '{files.StateFile}'. Run the newer build.");
        }
    }

    private static async Task<HashSet<string>> TablesAsync(SqliteConnection connection, string schema, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM {schema}.sqlite_master WHERE type = 'table';";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<long> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Unpooled(string connectionString) => new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {StateDocuments} bot state documents and {DirectLineConversations} Direct Line conversations kept by an earlier build in the Rewards file {RewardsFile} to the state file {StateFile}")]
    private partial void LogMoved(long stateDocuments, long directLineConversations, string rewardsFile, string stateFile);
}
