using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>
/// <see cref="IStorageRetention"/>: documents not written since a cutoff are deleted, the rest kept, on SQLite (in
/// steps, through the index on <c>updated_utc</c>, also in a file an earlier build created) and in memory.
/// </summary>
public sealed class StorageRetentionTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _directory = new();
    private readonly SettableClock _clock = new(Start);

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Stores => new() { "sqlite", "memory" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Only_what_was_not_written_since_the_cutoff_is_deleted(string store)
    {
        var storage = Create(store);
        await WriteAsync(storage, "msteams/conversations/idle", null);
        var eTag = await WriteAsync(storage, "msteams/conversations/written-again", null);
        await WriteAsync(storage, "msteams/users/29:idle", null);
        _clock.Now = Start.AddDays(30);
        await WriteAsync(storage, "msteams/conversations/written-again", eTag);
        await WriteAsync(storage, "msteams/conversations/new", null);

        var deleted = await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Start.AddDays(1), None);
        var left = await storage.ReadAsync(
            ["msteams/conversations/idle", "msteams/conversations/written-again", "msteams/users/29:idle", "msteams/conversations/new"], None);

        Assert.Equal(2, deleted);
        Assert.Equal(["msteams/conversations/new", "msteams/conversations/written-again"], left.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Start.AddDays(1), None));
        await DisposeAsync(storage);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_document_written_exactly_at_the_cutoff_is_kept(string store)
    {
        var storage = Create(store);
        await WriteAsync(storage, "k", null);

        Assert.Equal(0, await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Start, None));
        Assert.Equal(1, await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Start.AddTicks(1), None));
        await DisposeAsync(storage);
    }

    [Fact]
    public async Task More_documents_than_one_step_deletes_are_all_deleted_and_newer_ones_kept()
    {
        await using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}", _clock);
        var old = Enumerable.Range(0, SqliteStorage.RetentionBatch * 2 + 34).Select(i => $"emulator/conversations/{i}").ToArray();
        await storage.WriteAsync(old.ToDictionary(key => key, _ => new StoreItem(new JsonObject(), null)), None);
        _clock.Now = Start.AddHours(2);
        await WriteAsync(storage, "emulator/conversations/recent", null);

        var deleted = await storage.DeleteWrittenBeforeAsync(Start.AddHours(1), None);

        Assert.Equal(old.Length, deleted);
        Assert.Empty(await storage.ReadAsync(old, None));
        Assert.Single(await storage.ReadAsync(["emulator/conversations/recent"], None));
    }

    [Fact]
    public async Task The_documents_to_delete_are_found_through_the_index_on_the_time_of_last_write()
    {
        var path = _directory.File("bot.db");
        await using var storage = new SqliteStorage($"Data Source={path}", _clock);
        await WriteAsync(storage, "k", null);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteStateCommands.DeleteWrittenBeforeSql;
        command.Parameters.AddWithValue("@cutoff", "2026-01-01T00:00:00.0000000Z");
        command.Parameters.AddWithValue("@batch", 10);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("bot_state_updated", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN bot_state", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_an_earlier_build_created_gets_the_index_and_its_documents_can_be_deleted()
    {
        var path = _directory.File("bot.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // The first schema exactly as builds before version 2 made it, with two documents.
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                CREATE TABLE bot_state (key TEXT NOT NULL PRIMARY KEY, etag INTEGER NOT NULL, document TEXT NOT NULL, updated_utc TEXT NOT NULL);
                CREATE TABLE etag_sequence (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), last_etag INTEGER NOT NULL);
                INSERT INTO etag_sequence (id, last_etag) VALUES (1, 2);
                INSERT INTO schema_version (version) VALUES (1);
                INSERT INTO bot_state VALUES ('emulator/conversations/old', 1, '{"a":1}', '2025-06-01T10:00:00.0000000Z');
                INSERT INTO bot_state VALUES ('emulator/conversations/kept', 2, '{"a":2}', '2026-01-05T08:00:00.0000000Z');
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var storage = new SqliteStorage($"Data Source={path}", _clock);
        var deleted = await storage.DeleteWrittenBeforeAsync(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), None);
        var left = await storage.ReadAsync(["emulator/conversations/old", "emulator/conversations/kept"], None);

        Assert.Equal(1, deleted);
        Assert.Equal(["emulator/conversations/kept"], left.Keys);
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        Assert.Equal("2", await ScalarAsync(check, "SELECT max(version) FROM schema_version;"));
        Assert.Equal("1", await ScalarAsync(check, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'bot_state_updated';"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_write_that_read_a_document_before_it_was_deleted_conflicts_instead_of_bringing_it_back_unseen(string store)
    {
        var storage = Create(store);
        var eTag = await WriteAsync(storage, "k", null);
        _clock.Now = Start.AddDays(100);

        await ((IStorageRetention)storage).DeleteWrittenBeforeAsync(Start.AddDays(1), None);

        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync(storage, "k", eTag));
        await DisposeAsync(storage);
    }

    /// <summary>Disposed without blocking a pool thread (the SQLite storage's writer finishes its queue first).</summary>
    private static async Task DisposeAsync(IStorage storage)
    {
        if (storage is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private IStorage Create(string store) => store switch
    {
        "sqlite" => new SqliteStorage($"Data Source={_directory.File("bot.db")}", _clock),
        _ => new MemoryStorage(_clock),
    };

    private static async Task<string> WriteAsync(IStorage storage, string key, string? eTag)
        => (await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(new JsonObject { ["key"] = key }, eTag) }, None))[key];

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
