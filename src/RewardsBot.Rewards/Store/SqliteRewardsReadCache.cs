using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The answers of <see cref="SqliteRewardsStore"/>'s reads, kept while the tables they read have not changed. A commit
/// of this store empties the answers that read a table it changed; any other change to the file — another process, an
/// operator's SQL — empties them all.
/// </summary>
/// <remarks>
/// <para>
/// Why: the Rewards data is read on most turns (the sign-in, the company's rewards, its contact) and written on few, yet
/// each read ran its statements and built its records again. Emptying everything on every commit was not enough: a
/// busy bot commits (a contact assigned, a benefit activated) many times a second, and each commit then made every
/// conversation's next reads go to the file — where the connection, having seen the file change, reads its pages again.
/// </para>
/// <para>
/// How it stays right: triggers on every data table count the file's changes in <c>rewards_changes.seq</c> and clear
/// its <c>writer</c> (schema version 4), whoever makes them. The cache holds one connection of its own that never
/// writes, and reads <c>seq</c> and <c>writer</c> before each read is answered; the answers it holds are those of the
/// file at the <c>seq</c> it last saw. When <c>seq</c> moved, it looks for this store's own commits that lead from the
/// <c>seq</c> it knew to the one it sees: each own commit reads <c>seq</c> when its transaction starts, and as its last
/// statement adds one more change that puts a random number of its own in <c>writer</c>, so the file says whose the
/// last change was. The chain is followed only through commits known to have committed, and its last link only if the
/// file names that commit as the writer; then the answers that read a table those commits changed (collected from
/// SQLite's update hook) go. Anything else — a gap, another writer — empties the cache. An answer is kept only under
/// the <c>seq</c> seen before its statements ran, so a read that raced a commit is never kept past it. The answers are
/// immutable records, shared by the callers that get them.
/// </para>
/// <para>
/// Bounded: at most <see cref="MaxEntries"/> answers; when full, the cache is emptied and fills again. Reads whose answers
/// only grow (audit log, histories, every request of a company, every company) are not cached. If the count cannot be
/// read (the file busy past the timeout, gone, or not yet at schema version 4), the read goes to the file and nothing
/// is cached.
/// </para>
/// </remarks>
internal sealed class SqliteRewardsReadCache : IDisposable
{
    /// <summary>How many answers are kept at most (a few KB each: a company's rewards data, a sign-in, a user).</summary>
    internal const int MaxEntries = 1024;

    /// <summary>Own commits remembered at most while no read looks at the file; past that they are forgotten and the next read starts over.</summary>
    internal const int MaxOwnCommits = 64;

    private const string ReadChangesSql = "SELECT seq, writer FROM rewards_changes WHERE id = 1;";

    private readonly Lock _lock = new();
    private readonly Dictionary<ReadKey, (object? Answer, RewardsTables Tables)> _answers = new();
    private readonly List<OwnCommit> _ownCommits = new();
    private readonly string _connectionString;
    private SqliteConnection? _connection;
    private SqliteCommand? _readChanges;
    private long _seq = -1;
    private bool _disposed;
    private long _hits;
    private long _misses;
    private long _followed;
    private long _emptied;

    public SqliteRewardsReadCache(string connectionString)
        => _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    /// <summary>How many reads were answered from the cache (for tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>How many reads went to the file (for tests and diagnostics).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>How many times a change of the file was followed through this store's own commits, keeping the answers they did not touch.</summary>
    public long FollowedOwnCommits => Interlocked.Read(ref _followed);

    /// <summary>How many times every answer was dropped because the file changed in a way not followed (another writer, a gap).</summary>
    public long Emptied => Interlocked.Read(ref _emptied);

    /// <summary>How many answers are kept now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _answers.Count;
            }
        }
    }

    /// <summary>
    /// The cached answer to <paramref name="key"/> if no table it read has changed since; otherwise false, with
    /// <paramref name="version"/> the file's change count to pass to <see cref="Keep"/> once the read is done (null: do not keep it).
    /// </summary>
    public bool TryGet<T>(in ReadKey key, out T answer, out long? version)
    {
        lock (_lock)
        {
            version = CatchUp();
            if (version is not null && _answers.TryGetValue(key, out var found))
            {
                _hits++;
                answer = (T)found.Answer!;
                return true;
            }

            _misses++;
            answer = default!;
            return false;
        }
    }

    /// <summary>
    /// Keeps <paramref name="answer"/> for <paramref name="key"/>, read from <paramref name="tables"/>, if the file is
    /// still at <paramref name="version"/> as far as the cache knows.
    /// </summary>
    public void Keep<T>(in ReadKey key, T answer, RewardsTables tables, long? version)
    {
        if (version is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed || version != _seq)
            {
                return;
            }

            if (_answers.Count >= MaxEntries)
            {
                _answers.Clear();
            }

            _answers[key] = (answer, tables);
        }
    }

    /// <summary>
    /// This store is about to commit a transaction that started at change count <paramref name="before"/>, changed
    /// <paramref name="tables"/>, and ended with its own change at <paramref name="after"/> signed <paramref name="writer"/>.
    /// Call it inside the transaction, at the write gate, before the commit; then <see cref="Committed"/> or <see cref="Abandoned"/>.
    /// </summary>
    public OwnCommit Committing(long before, long after, long writer, RewardsTables tables)
    {
        var commit = new OwnCommit(before, after, writer, tables);
        lock (_lock)
        {
            if (_ownCommits.Count >= MaxOwnCommits)
            {
                // Nobody read for a long while: forget the chain; the next read empties the cache and starts over.
                _ownCommits.Clear();
                _seq = -1;
                _answers.Clear();
            }

            _ownCommits.Add(commit);
        }

        return commit;
    }

    /// <summary>The commit succeeded: from now on it may be a link in the middle of a chain.</summary>
    public void Committed(OwnCommit commit)
    {
        lock (_lock)
        {
            commit.IsCommitted = true;
        }
    }

    /// <summary>The commit failed or its outcome is unknown: it is no link of any chain (a change seen in its place is someone else's).</summary>
    public void Abandoned(OwnCommit commit)
    {
        lock (_lock)
        {
            _ownCommits.Remove(commit);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _answers.Clear();
            _ownCommits.Clear();
            CloseConnection();
        }
    }

    /// <summary>
    /// The file's change count now, with the answers brought up to it: those a followed own commit touched are dropped,
    /// or all of them when the change cannot be followed; null when the count cannot be read.
    /// </summary>
    private long? CatchUp()
    {
        if (_disposed)
        {
            return null;
        }

        long seq;
        long? writer;
        try
        {
            if (_readChanges is null)
            {
                _connection = SqliteFile.OpenAsync(_connectionString, CancellationToken.None).GetAwaiter().GetResult();
                _readChanges = _connection.CreateCommand();
                _readChanges.CommandText = ReadChangesSql;
            }

            // One statement, one snapshot; disposing the reader ends its read transaction.
            using var reader = _readChanges.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException("rewards_changes has no row.");
            }

            seq = reader.GetInt64(0);
            writer = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
        {
            // Nothing cached can be trusted without the count (or before the schema has it): forget it all, and try a
            // fresh connection next time.
            _answers.Clear();
            _seq = -1;
            CloseConnection();
            return null;
        }

        if (seq != _seq)
        {
            var touched = Follow(seq, writer);
            if (touched is { } tables)
            {
                _followed++;
                DropAnswersReading(tables);
            }
            else
            {
                _emptied++;
                _answers.Clear();
            }

            _seq = seq;
            _ownCommits.RemoveAll(commit => commit.IsCommitted && commit.After <= seq);
        }

        return seq;
    }

    /// <summary>
    /// The tables this store's own commits changed on the way from the known count to <paramref name="seq"/>; null
    /// when the way is not made of own commits only.
    /// </summary>
    private RewardsTables? Follow(long seq, long? writer)
    {
        if (_seq < 0)
        {
            return null;
        }

        var at = _seq;
        var tables = RewardsTables.None;
        while (true)
        {
            var next = _ownCommits.Find(commit => commit.Before == at);
            if (next is null)
            {
                return null;
            }

            tables |= next.Tables;
            if (next.After == seq)
            {
                // The last link: the file must name it as the writer (a failed commit's count may be reached by another's).
                return writer == next.Writer ? tables : null;
            }

            if (!next.IsCommitted || next.After > seq)
            {
                return null;
            }

            at = next.After;
        }
    }

    private void DropAnswersReading(RewardsTables tables)
    {
        if (tables == RewardsTables.None)
        {
            return;
        }

        List<ReadKey>? stale = null;
        foreach (var (key, entry) in _answers)
        {
            if ((entry.Tables & tables) != 0)
            {
                (stale ??= new()).Add(key);
            }
        }

        if (stale is not null)
        {
            foreach (var key in stale)
            {
                _answers.Remove(key);
            }
        }
    }

    private void CloseConnection()
    {
        _readChanges?.Dispose();
        _readChanges = null;
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>One commit of this store, as <see cref="Committing"/> recorded it.</summary>
    internal sealed class OwnCommit(long before, long after, long writer, RewardsTables tables)
    {
        public long Before { get; } = before;

        public long After { get; } = after;

        public long Writer { get; } = writer;

        public RewardsTables Tables { get; } = tables;

        /// <summary>Set under the cache's lock once the commit returned.</summary>
        public bool IsCommitted { get; set; }
    }
}

/// <summary>Which read, with which arguments (at most three).</summary>
internal readonly record struct ReadKey(string Read, string? A = null, string? B = null, string? C = null);
