using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RewardsBot.Runtime.State;
using static RewardsBot.Runtime.Tests.State.StorageWrites;

namespace RewardsBot.Runtime.Tests.State;

public sealed class SqliteStorageTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Written_state_survives_disposing_and_reopening_the_file()
    {
        var connectionString = $"Data Source={_directory.File("bot.db")}";
        string eTag;
        await using (var storage = new SqliteStorage(connectionString))
        {
            eTag = await WriteAsync(storage, "msteams/users/29:1", new JsonObject { ["name"] = "Pat" }, null);
        }

        await using var reopened = new SqliteStorage(connectionString);
        var item = (await reopened.ReadAsync(["msteams/users/29:1"], None))["msteams/users/29:1"];

        Assert.Equal("Pat", (string?)item.Document["name"]);
        Assert.Equal(eTag, item.ETag);
        var next = await WriteAsync(reopened, "msteams/users/29:1", new JsonObject { ["name"] = "Sam" }, eTag);
        Assert.True(long.Parse(next, CultureInfo.InvariantCulture) > long.Parse(eTag, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Two_storages_on_one_file_see_each_others_writes_and_conflict_like_two_processes()
    {
        // Different connection strings: separate connection pools, as two processes would have.
        using var first = new SqliteStorage($"Data Source={_directory.File("shared.db")}");
        using var second = new SqliteStorage($"Data Source={_directory.File("shared.db")};Default Timeout=20");
        var created = await WriteAsync(first, "k", new JsonObject { ["by"] = "first" }, null);

        var seen = (await second.ReadAsync(["k"], None))["k"];
        var updated = await WriteAsync(second, "k", new JsonObject { ["by"] = "second" }, seen.ETag);

        Assert.Equal(created, seen.ETag);
        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync(first, "k", new JsonObject { ["by"] = "first again" }, created));
        await Assert.ThrowsAsync<ETagConflictException>(() => WriteAsync(first, "k", new JsonObject { ["by"] = "first creates" }, null));
        var item = (await first.ReadAsync(["k"], None))["k"];
        Assert.Equal("second", (string?)item.Document["by"]);
        Assert.Equal(updated, item.ETag);
    }

    [Fact]
    public async Task Twenty_writers_through_two_storages_on_one_file_have_exactly_one_winner()
    {
        using var first = new SqliteStorage($"Data Source={_directory.File("shared.db")}");
        using var second = new SqliteStorage($"Data Source={_directory.File("shared.db")};Default Timeout=20");
        var eTag = await WriteAsync(first, "k", new JsonObject(), null);

        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await WriteAsync(i % 2 == 0 ? first : second, "k", new JsonObject { ["writer"] = i }, eTag);
                return true;
            }
            catch (ETagConflictException)
            {
                return false;
            }
        }));

        Assert.Single(await Task.WhenAll(attempts), won => won);
    }

    [Fact]
    public async Task A_writer_blocked_by_another_process_gets_the_lock_soon_after_it_is_released()
    {
        // This e_sqlite3 build has no usleep: a wait in SQLite's own busy handler is a whole second.
        var path = _directory.File("bot.db");
        using var storage = new SqliteStorage($"Data Source={path}");
        await WriteAsync(storage, "setup", new JsonObject(), null);
        await using var otherProcess = new SqliteConnection($"Data Source={path};Pooling=False");
        await otherProcess.OpenAsync();
        using var transaction = otherProcess.BeginTransaction(deferred: false);

        // Dedicated threads, and times taken on them: a busy thread pool must not skew what is measured.
        var clock = Stopwatch.StartNew();
        long writtenAt = 0, releasedAt = 0;
        var writer = Task.Factory.StartNew(
            async () =>
            {
                await WriteAsync(storage, "k", new JsonObject(), null);
                writtenAt = clock.ElapsedMilliseconds;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        await Task.Factory.StartNew(
            () =>
            {
                Thread.Sleep(200);
                transaction.Commit();
                releasedAt = clock.ElapsedMilliseconds;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await writer;

        Assert.True(writtenAt >= 200, $"The write finished at {writtenAt} ms, before the other process released its lock.");
        Assert.True(writtenAt - releasedAt < 600, $"The write finished {writtenAt - releasedAt} ms after the lock was released.");
    }

    [Fact]
    public async Task The_folder_the_schema_and_WAL_mode_are_set_up_on_first_use()
    {
        var path = _directory.File(Path.Combine("not", "yet", "there", "bot.db"));
        using var storage = new SqliteStorage($"Data Source={path}");

        await WriteAsync(storage, "k", new JsonObject(), null);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal("2", await ScalarAsync(connection, "SELECT max(version) FROM schema_version;"));
        Assert.Equal("1", await ScalarAsync(connection, "SELECT count(*) FROM bot_state WHERE key = 'k';"));
    }

    [Fact]
    public async Task Every_write_records_its_time_from_the_time_provider()
    {
        var path = _directory.File("bot.db");
        var now = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(2));
        using var storage = new SqliteStorage($"Data Source={path}", new FixedTimeProvider(now));

        await WriteAsync(storage, "k", new JsonObject(), null);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("2025-03-14T13:09:26.0000000Z", await ScalarAsync(connection, "SELECT updated_utc FROM bot_state WHERE key = 'k';"));
    }

    [Fact]
    public async Task Documents_are_stored_as_text_by_every_kind_of_write()
    {
        // Documents reach SQLite as UTF-8 bytes; the file must still hold them as TEXT (what earlier builds wrote and
        // read, and what a person inspecting the file sees), whether created, updated or overwritten.
        var path = _directory.File("bot.db");
        using var storage = new SqliteStorage($"Data Source={path}", null, null, cachedBytes: 0);
        var created = await WriteAsync(storage, "created", new JsonObject { ["text"] = "Grüße, 你好, 😀" }, null);
        await WriteAsync(storage, "updated", new JsonObject { ["v"] = 1 }, null);
        var updated = await WriteAsync(storage, "updated", new JsonObject { ["v"] = "é2" }, (await storage.ReadAsync(["updated"], None))["updated"].ETag);
        await WriteAsync(storage, "overwritten", new JsonObject { ["v"] = "3" }, "*");

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("text,text,text", await ScalarAsync(connection, "SELECT group_concat(typeof(document)) FROM (SELECT document FROM bot_state ORDER BY key);"));
        Assert.Equal("Grüße, 你好, 😀", (string?)JsonNode.Parse((await ScalarAsync(connection, "SELECT document FROM bot_state WHERE key = 'created';"))!)!["text"]);
        Assert.Equal("é2", (string?)JsonNode.Parse((await ScalarAsync(connection, "SELECT document FROM bot_state WHERE key = 'updated';"))!)!["v"]);
        Assert.Equal("1", await ScalarAsync(connection, "SELECT count(*) FROM bot_state WHERE key = 'created' AND json_valid(document) AND etag = " + created + ";"));
        Assert.Equal("1", await ScalarAsync(connection, "SELECT count(*) FROM bot_state WHERE key = 'updated' AND etag = " + updated + ";"));
    }

    [Fact]
    public async Task Reads_and_deletes_of_more_keys_than_one_statement_takes_work()
    {
        using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}");
        var keys = Enumerable.Range(0, 1_200).Select(i => $"msteams/users/29:{i}").ToArray();
        await storage.WriteAsync(keys.ToDictionary(key => key, key => new StoreItem(new JsonObject { ["key"] = key }, null)), None);

        var read = await storage.ReadAsync([.. keys, "missing"], None);
        await storage.DeleteAsync(keys[..700], None);
        var afterDelete = await storage.ReadAsync(keys, None);

        Assert.Equal(1_200, read.Count);
        Assert.All(read, pair => Assert.Equal(pair.Key, (string?)pair.Value.Document["key"]));
        Assert.Equal(keys[700..].Order(StringComparer.Ordinal), afterDelete.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_health_check_is_healthy_on_a_usable_file()
    {
        using var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}");

        var health = await storage.CheckHealthAsync(None);

        Assert.True(health.IsHealthy, health.Description);
        Assert.Contains(storage.FilePath, health.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("under-a-file")]
    [InlineData("a-directory")]
    public async Task The_health_check_is_unhealthy_and_says_why_when_the_file_cannot_be_opened(string problem)
    {
        var blocker = _directory.File("blocker");
        string dataSource;
        if (problem == "under-a-file")
        {
            await File.WriteAllTextAsync(blocker, "a file where a folder should be");
            dataSource = Path.Combine(blocker, "bot.db");
        }
        else
        {
            Directory.CreateDirectory(blocker);
            dataSource = blocker;
        }

        using var storage = new SqliteStorage($"Data Source={dataSource}");

        var health = await storage.CheckHealthAsync(None);
        var write = await Assert.ThrowsAsync<InvalidOperationException>(() => WriteAsync(storage, "k", new JsonObject(), null));

        Assert.False(health.IsHealthy);
        Assert.Contains(dataSource, health.Description, StringComparison.Ordinal);
        Assert.Contains("connection string", health.Description, StringComparison.Ordinal);
        Assert.Contains(dataSource, write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_version_is_refused_with_a_clear_message()
    {
        var path = _directory.File("bot.db");
        using (var storage = new SqliteStorage($"Data Source={path}"))
        {
            await WriteAsync(storage, "k", new JsonObject(), null);
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await ScalarAsync(connection, "INSERT INTO schema_version (version) VALUES (99);");
        }

        using var newer = new SqliteStorage($"Data Source={path}");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.ReadAsync(["k"], None));

        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
        Assert.False((await newer.CheckHealthAsync(None)).IsHealthy);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=state;Mode=Memory")]
    [InlineData("Data Source=bot.db;Mode=ReadOnly")]
    [InlineData("Mode=ReadWriteCreate")]
    [InlineData("Data Source=file:bot.db?cache=shared")]
    public void Connection_strings_that_cannot_hold_state_are_refused_at_construction(string connectionString)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteStorage(connectionString));

        Assert.Contains("Data Source=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_storage_refuses_work()
    {
        var storage = new SqliteStorage($"Data Source={_directory.File("bot.db")}");
        await storage.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.ReadAsync(["k"], None));
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
