using System.Globalization;
using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.DirectLine;

/// <summary>
/// Direct Line conversations in the state file (tables <c>directline_*</c>, own schema version, beside bot state), sharing
/// the file's write gate with the bot state's writer. Times are ISO 8601 UTC text (fixed width: text order is
/// time order). A conversation's activities go when it does (foreign key, cascade). Calls use a few long-lived
/// connections (<see cref="SqliteConnectionPool"/>) whose statements are prepared once. A Direct Line turn writes once
/// (the user's activity and the replies appended together); its reads — the conversation looked up, the new activities
/// read by the stream — are answered from what this store last wrote or read (<see cref="DirectLineFeedCache"/>).
/// </summary>
internal sealed class SqliteDirectLineStore : IDirectLineStore, IDisposable
{
    public const int SchemaVersion = 1;

    private const string CreateSchemaV1 = """
        CREATE TABLE directline_conversations (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            user_name TEXT NULL,
            locale TEXT NULL,
            created_utc TEXT NOT NULL,
            last_active_utc TEXT NOT NULL,
            last_seq INTEGER NOT NULL
        );
        CREATE INDEX directline_conversations_last_active ON directline_conversations (last_active_utc);
        CREATE TABLE directline_activities (
            conversation_id TEXT NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            stored_utc TEXT NOT NULL,
            activity TEXT NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX directline_activities_stored ON directline_activities (stored_utc);
        INSERT INTO directline_schema_version (version, applied_utc) VALUES (1, @now);
        """;

    /// <summary>
    /// The log size (pages) from which a commit of this store checkpoints the file itself. SQLite's default (1,000)
    /// would make nearly every Direct Line commit copy and sync the log inline, holding the file's write gate: the bot
    /// state's checkpointer keeps the log of this file near 4,096 pages (it runs after the state commit every Direct
    /// Line turn also makes), so this store's own checkpoint is only a fallback for when that one cannot run.
    /// </summary>
    internal const int FallbackCheckpointPages = 16_384;

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly string _connectionString;
    private readonly string _filePath;
    private readonly TimeProvider _clock;
    private readonly SqliteConnectionPool _pool;
    private readonly DirectLineFeedCache _cache;
    private volatile bool _initialized;

    /// <param name="cacheBytes">See <see cref="DirectLineFeedCache"/>; 0 sends every read to the file.</param>
    public SqliteDirectLineStore(string connectionString, TimeProvider clock, int cacheBytes = DirectLineFeedCache.DefaultCapacityBytes)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _cache = new DirectLineFeedCache(cacheBytes);
        (_connectionString, _filePath) = SqliteFile.ResolveWritableFile(
            connectionString, "Direct Line", "Set ConnectionStrings:BotState to 'Data Source=path/to/rewardsbot-state.db' (or leave it unset: it goes beside ConnectionStrings:RewardsBot), or Bot:Storage=Memory.");
        _pool = new SqliteConnectionPool(_connectionString, connectionSetup: $"PRAGMA wal_autocheckpoint = {FallbackCheckpointPages};");
    }

    /// <summary>How many connections the store has opened, and how many times it has used one (for tests).</summary>
    internal (long Opened, long Used) Connections => (_pool.OpenedCount, _pool.RentedCount);

    /// <summary>The conversations and activities kept from this store's own writes and reads (for tests).</summary>
    internal DirectLineFeedCache Cache => _cache;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_filePath)!);
            using var gate = await SqliteFile.EnterWriteGateAsync(_filePath, cancellationToken);
            await using var connection = await SqliteFile.OpenAsync(_connectionString, cancellationToken);
            await SqliteFile.EnableWriteAheadLogAsync(connection, cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);
            await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS directline_schema_version (version INTEGER NOT NULL, applied_utc TEXT NOT NULL);", cancellationToken);
            using var read = Command(connection, transaction, "SELECT max(version) FROM directline_schema_version;");
            var found = await read.ExecuteScalarAsync(cancellationToken);
            var version = found is null or DBNull ? 0 : Convert.ToInt64(found, CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The Direct Line tables in '{_filePath}' have schema version {version}, written by a newer build; this build knows up to {SchemaVersion}. Run the newer build, or point ConnectionStrings:BotState at another file.");
            }

            if (version < 1)
            {
                using var create = Command(connection, transaction, CreateSchemaV1);
                create.Parameters.AddWithValue("@now", Time(_clock.GetUtcNow()));
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    public async Task<DirectLineConversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (_cache.TryFind(conversationId, out var kept))
        {
            return kept;
        }

        await InitializeAsync(cancellationToken);
        var generation = _cache.Generation;
        var found = await ReadConversationAsync(conversationId, cancellationToken);
        if (found is not null)
        {
            _cache.Loaded(found, generation);
        }

        return found;
    }

    private async Task<DirectLineConversation?> ReadConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var lease = await _pool.RentAsync(cancellationToken);
        var command = lease.Command("SELECT id, user_id, user_name, locale, created_utc, last_active_utc, last_seq FROM directline_conversations WHERE id = @id;");
        command.Parameters.AddWithValue("@id", conversationId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DirectLineConversation(
            reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            ParseTime(reader.GetString(4)), ParseTime(reader.GetString(5)), reader.GetInt64(6));
    }

    public async Task<bool> CreateConversationAsync(DirectLineConversation conversation, IReadOnlyList<StoredActivity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activities);
        await InitializeAsync(cancellationToken);
        try
        {
            if (!await InsertConversationAsync(conversation, activities, cancellationToken))
            {
                return false;
            }
        }
        catch
        {
            // Committed or not, the file says which: the next read goes there.
            _cache.Forget(conversation.Id);
            throw;
        }

        // As the file has it: the last sequence is the last activity's.
        _cache.Created(conversation with { LastSequence = activities.Count == 0 ? 0 : Math.Max(0, activities[^1].Sequence) }, activities);
        return true;
    }

    private async Task<bool> InsertConversationAsync(DirectLineConversation conversation, IReadOnlyList<StoredActivity> activities, CancellationToken cancellationToken)
    {
        using var gate = await SqliteFile.EnterWriteGateAsync(_filePath, cancellationToken);
        using var lease = await _pool.RentAsync(cancellationToken);
        using var transaction = lease.Connection.BeginTransaction(deferred: false);
        var insert = lease.Command("""
            INSERT OR IGNORE INTO directline_conversations (id, user_id, user_name, locale, created_utc, last_active_utc, last_seq)
            VALUES (@id, @user, @name, @locale, @created, @active, 0);
            """, transaction);
        insert.Parameters.AddWithValue("@id", conversation.Id);
        insert.Parameters.AddWithValue("@user", conversation.UserId);
        insert.Parameters.AddWithValue("@name", (object?)conversation.UserName ?? DBNull.Value);
        insert.Parameters.AddWithValue("@locale", (object?)conversation.Locale ?? DBNull.Value);
        insert.Parameters.AddWithValue("@created", Time(conversation.CreatedUtc));
        insert.Parameters.AddWithValue("@active", Time(conversation.LastActiveUtc));
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await AppendAsync(lease, transaction, conversation.Id, activities, conversation.LastActiveUtc, int.MaxValue, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> AppendAsync(string conversationId, IReadOnlyList<StoredActivity> activities, DateTimeOffset lastActiveUtc, int keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
        await InitializeAsync(cancellationToken);
        bool appended;
        try
        {
            appended = await AppendCommittedAsync(conversationId, activities, lastActiveUtc, keep, cancellationToken);
        }
        catch
        {
            _cache.Forget(conversationId);
            throw;
        }

        if (appended)
        {
            _cache.Appended(conversationId, activities, lastActiveUtc, keep);
        }
        else
        {
            _cache.Forget(conversationId);
        }

        return appended;
    }

    private async Task<bool> AppendCommittedAsync(string conversationId, IReadOnlyList<StoredActivity> activities, DateTimeOffset lastActiveUtc, int keep, CancellationToken cancellationToken)
    {
        using var gate = await SqliteFile.EnterWriteGateAsync(_filePath, cancellationToken);
        using var lease = await _pool.RentAsync(cancellationToken);
        using var transaction = lease.Connection.BeginTransaction(deferred: false);
        if (!await AppendAsync(lease, transaction, conversationId, activities, lastActiveUtc, keep, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<StoredActivity>> ReadAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken)
    {
        if (_cache.TryRead(conversationId, afterSequence, max, out var kept))
        {
            return kept;
        }

        await InitializeAsync(cancellationToken);
        using var lease = await _pool.RentAsync(cancellationToken);
        var command = lease.Command("SELECT seq, activity FROM directline_activities WHERE conversation_id = @id AND seq > @after ORDER BY seq LIMIT @max;");
        command.Parameters.AddWithValue("@id", conversationId);
        command.Parameters.AddWithValue("@after", afterSequence);
        command.Parameters.AddWithValue("@max", max);
        var page = new List<StoredActivity>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new StoredActivity(reader.GetInt64(0), reader.GetString(1)));
        }

        return page;
    }

    public async Task<int> PurgeAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        try
        {
            return await DeleteExpiredAsync(cutoffUtc, cancellationToken);
        }
        finally
        {
            // Whether the delete committed or not: what was kept may be gone from the file.
            _cache.Clear();
        }
    }

    private async Task<int> DeleteExpiredAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        using var gate = await SqliteFile.EnterWriteGateAsync(_filePath, cancellationToken);
        await using var connection = await SqliteFile.OpenAsync(_connectionString, cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var conversations = Command(connection, transaction, "DELETE FROM directline_conversations WHERE last_active_utc < @cutoff;");
        conversations.Parameters.AddWithValue("@cutoff", Time(cutoffUtc));
        var purged = await conversations.ExecuteNonQueryAsync(cancellationToken);
        using var activities = Command(connection, transaction, "DELETE FROM directline_activities WHERE stored_utc < @cutoff;");
        activities.Parameters.AddWithValue("@cutoff", Time(cutoffUtc));
        await activities.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return purged;
    }

    public void Dispose()
    {
        _pool.Dispose();
        SqliteFile.ClearPool(_connectionString);
        _initLock.Dispose();
    }

    private static async Task<bool> AppendAsync(
        SqliteConnectionLease lease, SqliteTransaction transaction, string conversationId, IReadOnlyList<StoredActivity> activities,
        DateTimeOffset lastActiveUtc, int keep, CancellationToken cancellationToken)
    {
        var update = lease.Command("UPDATE directline_conversations SET last_active_utc = @active, last_seq = max(last_seq, @last) WHERE id = @id;", transaction);
        update.Parameters.AddWithValue("@id", conversationId);
        update.Parameters.AddWithValue("@active", Time(lastActiveUtc));
        update.Parameters.AddWithValue("@last", activities.Count == 0 ? 0 : activities[^1].Sequence);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        var insert = lease.Command("INSERT INTO directline_activities (conversation_id, seq, stored_utc, activity) VALUES (@id, @seq, @stored, @activity);", transaction);
        insert.Parameters.AddWithValue("@id", conversationId);
        insert.Parameters.AddWithValue("@stored", Time(lastActiveUtc));
        var seq = insert.Parameters.Add("@seq", SqliteType.Integer);
        var json = insert.Parameters.Add("@activity", SqliteType.Text);
        foreach (var activity in activities)
        {
            seq.Value = activity.Sequence;
            json.Value = activity.Json;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (keep < int.MaxValue && activities.Count > 0)
        {
            var trim = lease.Command("DELETE FROM directline_activities WHERE conversation_id = @id AND seq <= @oldest;", transaction);
            trim.Parameters.AddWithValue("@id", conversationId);
            trim.Parameters.AddWithValue("@oldest", activities[^1].Sequence - keep);
            await trim.ExecuteNonQueryAsync(cancellationToken);
        }

        return true;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
