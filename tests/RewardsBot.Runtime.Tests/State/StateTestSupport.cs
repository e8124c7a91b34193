using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RewardsBot.Runtime.Builder;
using RewardsBot.Runtime.Schema;
using RewardsBot.Runtime.State;

namespace RewardsBot.Runtime.Tests.State;

/// <summary>Counts the calls that reach the store behind it.</summary>
internal sealed class CountingStorage(IStorage inner) : IStorage
{
    private int _reads;
    private int _writes;
    private int _deletes;

    public int Reads => Volatile.Read(ref _reads);
    public int Writes => Volatile.Read(ref _writes);
    public int Deletes => Volatile.Read(ref _deletes);

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(keys, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return inner.WriteAsync(changes, cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deletes);
        return inner.DeleteAsync(keys, cancellationToken);
    }
}

/// <summary>An adapter for state tests: turns never send anything.</summary>
internal sealed class NoSendAdapter : BotAdapter
{
    public static readonly NoSendAdapter Instance = new();

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
        => throw new NotSupportedException("State tests do not send activities.");

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
        => throw new NotSupportedException("State tests do not update activities.");

    public override Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken)
        => throw new NotSupportedException("State tests do not delete activities.");
}

internal static class Turns
{
    public const string ChannelId = "msteams";
    public const string ConversationId = "a:1Xy9;messageid=1712345678901";
    public const string UserId = "29:1AbC-dEf@x=y";

    /// <summary>A new turn (a real <see cref="TurnContext"/> with an empty TurnState) of a message in one conversation.</summary>
    public static TurnContext Message(string? channelId = ChannelId, string? conversationId = ConversationId, string? userId = UserId)
        => new(NoSendAdapter.Instance, new Activity
        {
            Type = ActivityTypes.Message,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = channelId,
            Conversation = conversationId is null ? null : new ConversationAccount { Id = conversationId },
            From = userId is null ? null : new ChannelAccount { Id = userId, Name = "Pat" },
            Recipient = new ChannelAccount { Id = "28:bot", Name = "RewardsBot" },
            Text = "hi",
        });
}

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A clock a test sets by hand.</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>One document written to a storage, for tests that write key by key (<c>using static</c>).</summary>
internal static class StorageWrites
{
    public static Dictionary<string, StoreItem> One(string key, JsonObject document, string? eTag)
        => new() { [key] = new StoreItem(document, eTag) };

    /// <summary>Writes one document; returns its new eTag.</summary>
    public static async Task<string> WriteAsync(IStorage storage, string key, JsonObject document, string? eTag)
        => (await storage.WriteAsync(One(key, document, eTag), CancellationToken.None))[key];
}

/// <summary>What SQLite's write-ahead log of a file holds, for the checkpoint tests.</summary>
internal static class WriteAheadLog
{
    /// <summary>The frames the log holds, as a PASSIVE checkpoint on <paramref name="connection"/> counts them.</summary>
    public static long CheckpointedFrames(SqliteConnection connection)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = checkpoint.ExecuteReader();
        Assert.True(reader.Read());
        return reader.GetInt64(1);
    }

    /// <summary>
    /// The frames the log file of <paramref name="file"/> has room for: its 32-byte header, then frames of a 24-byte
    /// header and a page each. A log never started over only grows at its end, so its frames fill its file.
    /// </summary>
    public static long FileFrames(string file, SqliteConnection connection)
    {
        using var pageSize = connection.CreateCommand();
        pageSize.CommandText = "PRAGMA page_size;";
        return (new FileInfo(file + "-wal").Length - 32) / (24 + (long)pageSize.ExecuteScalar()!);
    }
}
