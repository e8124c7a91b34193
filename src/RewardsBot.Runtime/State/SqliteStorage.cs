using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RewardsBot.Runtime.State;

/// <summary>
/// The default <see cref="IStorage"/>: JSON documents in one SQLite file (table <c>bot_state</c>), safe for several
/// processes sharing the file.
/// </summary>
/// <remarks>
/// The file, its folder and the schema are created on first use. The file is in WAL mode; connections are pooled.
/// Writes go through <see cref="SqliteStateWriter"/>: the writes waiting at the same moment share one <c>BEGIN
/// IMMEDIATE</c> transaction (group commit), each write still all or nothing and acknowledged only once committed;
/// every eTag is checked in SQL, so check-then-write is atomic across processes. eTags are integers from one sequence for the whole file: every write gets a new, larger one,
/// and a key that is deleted and created again never gets back an eTag it had before. Writers of one process queue
/// for the file in .NET before they take SQLite's lock, so they hand over without polling it. Reads are answered from
/// the documents this storage last read or wrote when it knows every key asked for (<see cref="StateDocumentCache"/>),
/// and keys that certainly have no document (a new conversation's) are known without a read (<see cref="StateKeyFilter"/>,
/// built by scanning the file's keys once, in the background, at the first read); a document another process created
/// or changed meanwhile is caught by the eTag check of the next write.
/// </remarks>
public sealed class SqliteStorage : IStorage, IStorageHealthCheck, IStorageRetention, IDisposable, IAsyncDisposable
{
    private const int MaxKeysPerStatement = 500;

    /// <summary>Documents deleted per transaction by <see cref="DeleteWrittenBeforeAsync"/>: this process's writers wait at most for one such step.</summary>
    internal const int RetentionBatch = 500;

    private static readonly string[] KeyParameters = ["@k0", "@k1"];

    private static readonly string[] ReadSql =
    [
        "SELECT key, etag, document FROM bot_state WHERE key = @k0;",
        "SELECT key, etag, document FROM bot_state WHERE key IN (@k0, @k1);",
    ];

    /// <summary>How long after a failed scan of the file's keys (or one that found more than the filter may hold) the next one may start.</summary>
    private static readonly TimeSpan ScanRetryDelay = TimeSpan.FromMinutes(1);

    private readonly SqliteStateDatabase _database;
    private readonly SqliteStateWriter _writer;
    private readonly StateDocumentCache _cache;
    private readonly StateKeyFilter _absentKeys;
    private readonly Func<string, bool> _isCertainlyAbsent;
    private readonly CancellationTokenSource _stopping = new();
    private Task _keyScan = Task.CompletedTask;
    private long _nextScanAt;
    private long _fileReads;
    private int _disposed;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, e.g. <c>Data Source=data/bot.db</c>.</param>
    /// <param name="timeProvider">The clock for <c>updated_utc</c>; <see cref="TimeProvider.System"/> when null.</param>
    public SqliteStorage(string connectionString, TimeProvider? timeProvider = null)
        : this(connectionString, timeProvider, restartFrames: null)
    {
    }

    /// <param name="connectionString">See the public constructor.</param>
    /// <param name="timeProvider">See the public constructor.</param>
    /// <param name="restartFrames">The log size that makes the checkpointer start the log over (tests use a small one).</param>
    /// <param name="cachedBytes">How many bytes of documents <see cref="StateDocumentCache"/> keeps (tests use a small number, or 0 for none).</param>
    /// <param name="filterMaxKeys">How many keys <see cref="StateKeyFilter"/> holds before it is rebuilt from a new scan (tests use a small number).</param>
    internal SqliteStorage(string connectionString, TimeProvider? timeProvider, int? restartFrames, int cachedBytes = StateDocumentCache.DefaultCapacityBytes, long filterMaxKeys = StateKeyFilter.DefaultMaxKeys)
    {
        _database = new SqliteStateDatabase(connectionString);
        _cache = new StateDocumentCache(cachedBytes);
        _absentKeys = new StateKeyFilter(filterMaxKeys);
        _isCertainlyAbsent = _absentKeys.IsCertainlyAbsent;
        _writer = new SqliteStateWriter(_database, timeProvider ?? TimeProvider.System, restartFrames, _cache);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath => _database.FilePath;

    /// <summary>How many write transactions this storage has committed (group commit puts several writes in one).</summary>
    internal long WriteTransactionsCommitted => _writer.GroupsCommitted;

    /// <summary>How many checkpoints of the write-ahead log this storage has run.</summary>
    internal long Checkpoints => _writer.Checkpoints;

    /// <summary>How many times the write-ahead log was started over with this process's writers held back.</summary>
    internal long LogRestarts => _writer.LogRestarts;

    /// <summary>The documents this storage last read or wrote (see <see cref="StateDocumentCache"/>); tests read its counters.</summary>
    internal StateDocumentCache Cache => _cache;

    /// <summary>The keys known to have no document (see <see cref="StateKeyFilter"/>).</summary>
    internal StateKeyFilter AbsentKeys => _absentKeys;

    /// <summary>The scan of the file's keys under way, or the last one (tests wait for it).</summary>
    internal Task KeyScan => Volatile.Read(ref _keyScan);

    /// <summary>How many reads went to the file (for tests).</summary>
    internal long FileReads => Interlocked.Read(ref _fileReads);

    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        StorageKeys.ValidateAll(keys);
        ThrowIfDisposed();

        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            return result;
        }

        // The state a turn reads is most often what this process wrote at the end of the conversation's last turn; a
        // new conversation's has no document yet.
        if (_cache.TryRead(distinct, result, _isCertainlyAbsent))
        {
            return result;
        }

        ScanKeysIfDue();
        Interlocked.Increment(ref _fileReads);
        var generation = _cache.Generation;
        using var lease = await _database.RentReaderAsync(cancellationToken);
        if (distinct.Length <= ReadSql.Length)
        {
            // A turn reads one or two keys (conversation and user state): one statement, prepared once per connection.
            var command = lease.Command(ReadSql[distinct.Length - 1]);
            for (var i = 0; i < distinct.Length; i++)
            {
                command.Parameters.Add(KeyParameters[i], SqliteType.Text).Value = distinct[i];
            }

            using var reader = command.ExecuteReader();
            Collect(reader, result);
            _cache.Read(distinct, result, generation);
            return result;
        }

        // Several statements read one snapshot; a single statement needs no transaction.
        using var transaction = distinct.Length > MaxKeysPerStatement ? lease.Connection.BeginTransaction(deferred: true) : null;
        foreach (var chunk in distinct.Chunk(MaxKeysPerStatement))
        {
            using var command = SqliteStateCommands.CreateKeyListCommand(lease.Connection, transaction, "SELECT key, etag, document FROM bot_state WHERE key IN ", chunk);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            Collect(reader, result);
        }

        return result;
    }

    private static void Collect(SqliteDataReader reader, Dictionary<string, StoreItem> result)
    {
        while (reader.Read())
        {
            var key = reader.GetString(0);
            var eTag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
            // The column is TEXT in the file's encoding (UTF-8): its bytes are the document's UTF-8, read without decoding.
            result[key] = StoreItem.FromUtf8(reader.GetFieldValue<byte[]>(2), eTag, key);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        StorageKeys.ValidateAll(changes.Keys);
        ThrowIfDisposed();

        var eTags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        if (changes.Count == 0)
        {
            return eTags;
        }

        var documents = new List<StateWrite>(changes.Count);
        foreach (var (key, change) in changes)
        {
            var utf8 = StoredDocument.SerializeUtf8(change, key);
            documents.Add(new StateWrite(key, change.ETag, utf8, ReferenceEquals(utf8, change.Utf8) ? change.Slices : null));
        }

        // Before the write is queued: from now on no read hears that these keys have no document.
        foreach (var key in changes.Keys)
        {
            if (_absentKeys.BeginWrite(key))
            {
                ScanKeysIfDue();
            }
        }

        try
        {
            return await _writer.WriteAsync(documents, cancellationToken);
        }
        finally
        {
            foreach (var key in changes.Keys)
            {
                _absentKeys.EndWrite(key);
            }
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        StorageKeys.ValidateAll(keys);
        ThrowIfDisposed();

        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            return;
        }

        using var gate = await _database.EnterWriteGateAsync(cancellationToken);
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var chunk in distinct.Chunk(MaxKeysPerStatement))
            {
                using var command = SqliteStateCommands.CreateKeyListCommand(connection, transaction, "DELETE FROM bot_state WHERE key IN ", chunk);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            // Deleted, or unknown after a failure: read from the file next time.
            _cache.Forget(distinct);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Found through the index on <c>updated_utc</c> (the time of each document's last write, from this storage's
    /// clock), deleted <see cref="RetentionBatch"/> at a time, each step its own transaction taken at this process's
    /// write gate, so turns' writes go in between. A turn that read a document just before it was deleted and writes
    /// it back gets <see cref="ETagConflictException"/>, as for any other change it did not see.
    /// </remarks>
    public async Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var total = 0;
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteStateCommands.DeleteWrittenBeforeSql;
        command.Parameters.Add("@cutoff", SqliteType.Text).Value = SqliteStateCommands.UpdatedUtc(cutoffUtc);
        command.Parameters.Add("@batch", SqliteType.Integer).Value = RetentionBatch;
        while (true)
        {
            int deleted;
            using (await _database.EnterWriteGateAsync(cancellationToken))
            {
                // Which keys went is not listed: after any deletion (or a failure) every key is read from the file next time.
                try
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    command.Transaction = transaction;
                    deleted = await command.ExecuteNonQueryAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                catch
                {
                    _cache.Clear();
                    throw;
                }

                if (deleted > 0)
                {
                    _cache.Clear();
                }
            }

            total += deleted;
            if (deleted < RetentionBatch)
            {
                return total;
            }
        }
    }

    /// <summary>Starts a scan of the file's keys for <see cref="StateKeyFilter"/> when it does not answer yet and none is under way.</summary>
    private void ScanKeysIfDue()
    {
        if (_absentKeys.IsReady || Environment.TickCount64 < Interlocked.Read(ref _nextScanAt) || Volatile.Read(ref _disposed) != 0 || !_absentKeys.BeginScan())
        {
            return;
        }

        Volatile.Write(ref _keyScan, Task.Run(ScanKeysAsync));
    }

    /// <summary>Reads every key of the file in one snapshot (a large file takes a while: the turns read from the file meanwhile).</summary>
    private async Task ScanKeysAsync()
    {
        StateKeyFilter.ScanResult? scanned = null;
        try
        {
            var stopping = _stopping.Token;
            using var lease = await _database.RentReaderAsync(stopping);
            using var transaction = lease.Connection.BeginTransaction(deferred: true);
            using var count = lease.Connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "SELECT count(*) FROM bot_state;";
            scanned = StateKeyFilter.CreateScanResult(Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture));
            using var keys = lease.Connection.CreateCommand();
            keys.Transaction = transaction;
            keys.CommandText = "SELECT key FROM bot_state;";
            using var reader = keys.ExecuteReader();
            for (var row = 1L; reader.Read(); row++)
            {
                scanned.Add(reader.GetString(0));
                if (row % 4096 == 0)
                {
                    stopping.ThrowIfCancellationRequested();
                }
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException or UnauthorizedAccessException)
        {
            scanned = null;
        }
        finally
        {
            if (!_absentKeys.EndScan(scanned))
            {
                // Every read goes to the file meanwhile, as without the filter; tried again later.
                Interlocked.Exchange(ref _nextScanAt, Environment.TickCount64 + (long)ScanRetryDelay.TotalMilliseconds);
            }
        }
    }

    /// <summary>Opens the file (creating it and the schema if needed) and reads the schema version.</summary>
    public async Task<StorageHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(version) FROM schema_version;";
            var version = await command.ExecuteScalarAsync(cancellationToken);
            return StorageHealth.Healthy($"SQLite state database '{FilePath}' is usable (schema version {version}).");
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return StorageHealth.Unhealthy(ex is InvalidOperationException ? ex.Message : $"SQLite state database '{FilePath}' is not usable: {ex.Message}");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // The writer's queued writes finish first (their callers wait for them); then no handle stays on the file.
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            StopKeyScan().GetAwaiter().GetResult();
            _database.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _writer.DisposeAsync();
            await StopKeyScan();
            _database.Dispose();
        }
    }

    /// <summary>Stops a scan of the keys under way (it ends at its next few thousand keys) and waits for it.</summary>
    private Task StopKeyScan()
    {
        _stopping.Cancel();
        return KeyScan;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);}
