using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.Runtime.State;

/// <summary>
/// Writes <see cref="SqliteStorage"/>'s changes with group commit: the writes waiting when one transaction ends go into
/// the next one together, and each caller is answered when the transaction holding its write has committed.
/// </summary>
/// <remarks>
/// <para>
/// What a caller is told is what is stored: a write is acknowledged (its eTags returned) only after its transaction's
/// COMMIT, so a process killed at any point loses no acknowledged write, exactly as with one transaction per write.
/// What the grouping saves is the per-transaction cost — taking the file's write lock, the eTag sequence row read and
/// written once per group instead of once per write, one WAL commit for the whole group — and every statement is
/// prepared once, on the writer's own long-lived connection.
/// </para>
/// <para>
/// Each write keeps its own all-or-nothing meaning inside the group: a write of several keys runs inside a savepoint and
/// is rolled back alone when one of its eTags no longer matches, and a write that conflicts fails alone, with
/// <see cref="ETagConflictException"/>, while the others of its group commit. Writes are applied in the order they
/// were queued, so two writes of the same key in one group behave as they would one after the other (the second,
/// made with the eTag both read, conflicts). If the transaction itself fails (disk full, the file locked by another
/// process past the busy timeout), every write of the group gets that error and nothing of it is stored.
/// </para>
/// </remarks>
internal sealed class SqliteStateWriter : IAsyncDisposable
{
    /// <summary>At most this many writes share one transaction, so one group cannot hold the file's lock for long.</summary>
    internal const int MaxWritesPerGroup = 128;

    private readonly SqliteStateDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<QueuedWrite> _group = new(MaxWritesPerGroup);
    private readonly Task _loop;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly StateDocumentCache? _cache;
    private WriterConnection? _connection;
    private long _groupsCommitted;

    /// <param name="database">The file to write.</param>
    /// <param name="timeProvider">The clock for <c>updated_utc</c>.</param>
    /// <param name="restartFrames">See <see cref="SqliteCheckpointer.DefaultRestartFrames"/>; the default when null.</param>
    /// <param name="cache">Told every committed write, and every key whose write failed, in commit order; none when null.</param>
    public SqliteStateWriter(SqliteStateDatabase database, TimeProvider timeProvider, int? restartFrames = null, StateDocumentCache? cache = null)
    {
        _database = database;
        _timeProvider = timeProvider;
        _cache = cache;
        _checkpointer = new SqliteCheckpointer(database, restartFrames);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many transactions have committed so far (each holds one or more writes).</summary>
    public long GroupsCommitted => Interlocked.Read(ref _groupsCommitted);

    /// <summary>How many checkpoints of the write-ahead log have run (see <see cref="SqliteCheckpointer"/>).</summary>
    public long Checkpoints => _checkpointer.Checkpoints;

    /// <summary>How many times the checkpointer held the writers back to start the log over (see <see cref="SqliteCheckpointer"/>).</summary>
    public long LogRestarts => _checkpointer.Restarts;

    /// <summary>Queues <paramref name="documents"/> (key → eTag to write with and UTF-8 JSON); completes with the new eTags once committed.</summary>
    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyList<StateWrite> documents, CancellationToken cancellationToken)
    {
        var write = new QueuedWrite(documents, cancellationToken);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteStorage), "The state storage is shut down; the write was not made.");
        }

        return write.Completion.Task;
    }

    /// <summary>Stops taking writes, lets the queued ones finish, and closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            _connection?.Dispose();
            _connection = null;
            _checkpointer.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _group.Clear();
            while (_group.Count < MaxWritesPerGroup && reader.TryRead(out var write))
            {
                // A caller that gave up before its write was taken is told so, and its write is not made.
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Completion.TrySetCanceled(write.CancellationToken);
                }
                else
                {
                    _group.Add(write);
                }
            }

            if (_group.Count > 0)
            {
                await CommitGroupAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task CommitGroupAsync()
    {
        IDisposable? gate = null;
        var results = new (IReadOnlyDictionary<string, string>? ETags, Exception? Error)[_group.Count];
        try
        {
            gate = await _database.EnterWriteGateAsync(CancellationToken.None).ConfigureAwait(false);
            var connection = _connection ??= await WriterConnection.OpenAsync(_database).ConfigureAwait(false);
            connection.ApplyGroup(_group, results, SqliteStateCommands.UpdatedUtc(_timeProvider.GetUtcNow()));
            Interlocked.Increment(ref _groupsCommitted);
            _checkpointer.Nudge();
        }
        catch (Exception ex)
        {
            // The transaction did not commit: nothing of this group is stored, and everyone in it is told why. The
            // connection may be in any state after a failure, so the next group opens a fresh one.
            _connection?.Dispose();
            _connection = null;
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = (null, ex);
            }
        }
        finally
        {
            // Here, on the writer's loop and still at the write gate, the cache learns the writes in the order they
            // committed — before any caller does, and before a delete of this process can come between.
            if (_cache is not null)
            {
                Record(_cache, results);
            }

            gate?.Dispose();
        }

        for (var i = 0; i < _group.Count; i++)
        {
            var (eTags, error) = results[i];
            if (error is null)
            {
                _group[i].Completion.TrySetResult(eTags!);
            }
            else
            {
                _group[i].Completion.TrySetException(error);
            }
        }
    }

    private void Record(StateDocumentCache cache, (IReadOnlyDictionary<string, string>? ETags, Exception? Error)[] results)
    {
        for (var i = 0; i < _group.Count; i++)
        {
            var documents = _group[i].Documents;
            if (results[i].ETags is { } eTags)
            {
                foreach (var (key, _, utf8, slices) in documents)
                {
                    cache.Wrote(key, eTags[key], utf8, slices);
                }
            }
            else
            {
                // A conflict (someone else's change this process has not seen) or a failed transaction: read it again.
                cache.Forget(documents.Select(d => d.Key));
            }
        }
    }

    private sealed class QueuedWrite(IReadOnlyList<StateWrite> documents, CancellationToken cancellationToken)
    {
        public IReadOnlyList<StateWrite> Documents { get; } = documents;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        // Continuations run on the thread pool, not on the writer's loop, so the next group is not held up by turns.
        public TaskCompletionSource<IReadOnlyDictionary<string, string>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The writer's own connection (outside the pool) and its statements, each prepared once.</summary>
    private sealed class WriterConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _begin;
        private readonly SqliteCommand _commit;
        private readonly SqliteCommand _rollback;
        private readonly SqliteCommand _savepoint;
        private readonly SqliteCommand _release;
        private readonly SqliteCommand _rollbackToSavepoint;
        private readonly SqliteCommand _readLastETag;
        private readonly SqliteCommand _saveLastETag;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _upsert;
        private readonly SqliteCommand _update;

        private WriterConnection(SqliteConnection connection)
        {
            _connection = connection;
            _begin = Plain("BEGIN IMMEDIATE;");
            _commit = Plain("COMMIT;");
            _rollback = Plain("ROLLBACK;");
            _savepoint = Plain("SAVEPOINT state_write;");
            _release = Plain("RELEASE state_write;");
            _rollbackToSavepoint = Plain("ROLLBACK TO state_write;");
            _readLastETag = Plain(SqliteStateCommands.ReadLastETagSql);
            _saveLastETag = Plain(SqliteStateCommands.SaveLastETagSql);
            _saveLastETag.Parameters.Add("@last", SqliteType.Integer);
            _insert = SqliteStateCommands.CreateWriteCommand(connection, null, SqliteStateCommands.InsertSql);
            _upsert = SqliteStateCommands.CreateWriteCommand(connection, null, SqliteStateCommands.UpsertSql);
            _update = SqliteStateCommands.CreateWriteCommand(connection, null, SqliteStateCommands.UpdateSql);
            _update.Parameters.Add("@expected", SqliteType.Integer);
        }

        public static async Task<WriterConnection> OpenAsync(SqliteStateDatabase database)
        {
            var connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                // Checkpoints run beside the writer (SqliteCheckpointer), never inside one of its commits.
                using (var noAutoCheckpoint = connection.CreateCommand())
                {
                    noAutoCheckpoint.CommandText = "PRAGMA wal_autocheckpoint = 0;";
                    noAutoCheckpoint.ExecuteNonQuery();
                }

                return new WriterConnection(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>Applies every write of <paramref name="group"/> in one transaction and records each one's outcome in <paramref name="results"/>.</summary>
        /// <exception cref="SqliteException">The transaction could not be made; it is rolled back and nothing is stored.</exception>
        public void ApplyGroup(List<QueuedWrite> group, (IReadOnlyDictionary<string, string>? ETags, Exception? Error)[] results, string updated)
        {
            _begin.ExecuteNonQuery();
            try
            {
                var lastETag = Convert.ToInt64(_readLastETag.ExecuteScalar(), CultureInfo.InvariantCulture);
                for (var i = 0; i < group.Count; i++)
                {
                    results[i] = Apply(group[i].Documents, ref lastETag, updated);
                }

                _saveLastETag.Parameters[0].Value = lastETag;
                _saveLastETag.ExecuteNonQuery();
                _commit.ExecuteNonQuery();
            }
            catch
            {
                TryRollback();
                throw;
            }
        }

        public void Dispose() => _connection.Dispose();

        /// <summary>One caller's write: all its keys, or none of them and the conflict that stopped it.</summary>
        private (IReadOnlyDictionary<string, string>? ETags, Exception? Error) Apply(IReadOnlyList<StateWrite> documents, ref long lastETag, string updated)
        {
            var several = documents.Count > 1;
            if (several)
            {
                _savepoint.ExecuteNonQuery();
            }

            var eTags = new Dictionary<string, string>(documents.Count, StringComparer.Ordinal);
            foreach (var (key, expected, utf8, _) in documents)
            {
                var command = expected switch
                {
                    StoredDocument.Wildcard => _upsert,
                    null => _insert,
                    _ => _update,
                };

                var applied = false;
                long expectedETag = 0;
                if (command != _update || long.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out expectedETag))
                {
                    if (command == _update)
                    {
                        _update.Parameters[4].Value = expectedETag;
                    }

                    var eTag = lastETag + 1;
                    command.Parameters[0].Value = key;
                    command.Parameters[1].Value = eTag;
                    command.Parameters[2].Value = utf8;
                    command.Parameters[3].Value = updated;
                    applied = command.ExecuteNonQuery() == 1;
                    if (applied)
                    {
                        lastETag = eTag;
                        eTags[key] = eTag.ToString(CultureInfo.InvariantCulture);
                    }
                }

                // Stored eTags are always integers: one that is not cannot match, like one that differs.
                if (!applied)
                {
                    if (several)
                    {
                        _rollbackToSavepoint.ExecuteNonQuery();
                        _release.ExecuteNonQuery();
                    }

                    return (null, new ETagConflictException(key));
                }
            }

            if (several)
            {
                _release.ExecuteNonQuery();
            }

            return (eTags, null);
        }

        private void TryRollback()
        {
            try
            {
                if (!_connection.Handle!.IsInvalid && SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                {
                    _rollback.ExecuteNonQuery();
                }
            }
            catch (SqliteException)
            {
                // The connection is dropped after a failed group anyway; closing it ends the transaction.
            }
        }

        private SqliteCommand Plain(string sql)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
    }
}

/// <summary>One document to write: its key, the eTag it was read with (null: none expected; "*": any), its UTF-8 text and, when this process's state serialised it, where its properties lie.</summary>
internal readonly record struct StateWrite(string Key, string? ETag, byte[] Utf8, PropertySlice[]? Slices);
