using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The answers of <see cref="SqliteRewardsStore"/>'s reads, kept while the tables they read have not changed. A commit
/// of this store empties, as it returns, the answers that read a table it changed; any other change to the file —
/// another process, an operator's SQL — empties them all, seen within <see cref="DefaultOtherWritersSeenWithin"/>.
/// </summary>
/// <remarks>
/// <para>
/// Why: the Rewards data is read on most turns (the sign-in, the company's rewards, its contact) and written on few, yet
/// each read ran its statements and built its records again. Emptying everything on every commit was not enough: a
/// busy bot commits (a contact assigned, a benefit activated) many times a second, and each commit then made every
/// conversation's next reads go to the file — where the connection, having seen the file change, reads its pages again.
/// Looking at the file's change count before every read was not free either: about two reads a turn, each a read
/// transaction of its own (a statement, SQLite's locks), some 5% of the host's CPU under load.
/// </para>
/// <para>
/// How it stays right: triggers on every data table count the file's changes in <c>rewards_changes.seq</c> and clear
/// its <c>writer</c> (schema version 4), whoever makes them. This store's own commits are known without looking: each
/// reads <c>seq</c> when its transaction starts, adds, as its last statement, one more change that puts a random number
/// of its own in <c>writer</c> (so the file says whose the last change was), and tells the cache the tables it changed
/// (from SQLite's update hook). When it has committed, the answers that read those tables go at once, so whatever this
/// process writes, its next read sees. Other writers are found by looking at the file: the cache holds one connection of
/// its own that never writes, and reads <c>seq</c> and <c>writer</c> at the first read after <see cref="OtherWritersSeenWithin"/>
/// has passed since it last looked (at every read when that is zero), at the first read after an own commit that did
/// not start where the cache expected (someone wrote in between), and after an own commit whose outcome is unknown.
/// When <c>seq</c> moved, it follows this store's own commits from the <c>seq</c> it last saw to the one it sees: only
/// through commits known to have committed, and to a last link the file names as the writer. Anything else — a gap,
/// another writer — empties the cache. So a change made by another process is seen at the latest by the reads that
/// start <see cref="OtherWritersSeenWithin"/> after it (as if they had started that much earlier): the file is meant for
/// one host process, and no decision is made on a cached answer — every write reads what it checks inside its own
/// transaction.
/// </para>
/// <para>
/// An answer is kept only if nothing was emptied since its read began (a generation number), so a read that raced a
/// commit is never kept past it. The answers are immutable records, shared by the callers that get them. Bounded: at
/// most <see cref="MaxEntries"/> answers; when full, the cache is emptied and fills again. Reads whose answers only grow
/// (audit log, histories, every request of a company, every company) are not cached. If the count cannot be read (the
/// file busy past the timeout, gone, or not yet at schema version 4), the read goes to the file and nothing is cached.
/// </para>
/// </remarks>
internal sealed class SqliteRewardsReadCache : IDisposable
{
    /// <summary>How many answers are kept at most (a few KB each: a company's rewards data, a sign-in, a user).</summary>
    internal const int MaxEntries = 1024;

    /// <summary>Own commits remembered at most while no read looks at the file; past that they are forgotten and the next read starts over.</summary>
    internal const int MaxOwnCommits = 64;

    /// <summary>
    /// How long a change made by another process may go unseen: the cache looks at the file's change count at most
    /// once in this time (10 ms; a busy bot reads thousands of times a second).
    /// </summary>
    internal static readonly TimeSpan DefaultOtherWritersSeenWithin = TimeSpan.FromMilliseconds(10);

    private const string ReadChangesSql = "SELECT seq, writer FROM rewards_changes WHERE id = 1;";

    private readonly Lock _lock = new();
    private readonly Dictionary<ReadKey, (object? Answer, RewardsTables Tables)> _answers = new();
    private readonly List<OwnCommit> _ownCommits = new();
    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly long _lookEveryTicks;
    private SqliteConnection? _connection;
    private SqliteCommand? _readChanges;

    /// <summary>The file's change count when the cache last looked; -1 when unknown (the next read looks).</summary>
    private long _seq = -1;

    /// <summary>The count the file is at if only this store wrote since the cache looked (its own commits applied).</summary>
    private long _expected = -1;

    /// <summary>Moves whenever answers are dropped: a read's answer is kept only under the generation its read began in.</summary>
    private long _generation;

    /// <summary>The clock's timestamp from which the next read looks at the file.</summary>
    private long _lookAt;

    private bool _disposed;
    private long _hits;
    private long _misses;
    private long _followed;
    private long _emptied;
    private long _looks;

    /// <param name="connectionString">The store's connection string (the cache opens a connection of its own, not pooled).</param>
    /// <param name="clock">Its timestamps time <paramref name="otherWritersSeenWithin"/>.</param>
    /// <param name="otherWritersSeenWithin">See <see cref="OtherWritersSeenWithin"/>; zero looks at the file before every read.</param>
    public SqliteRewardsReadCache(string connectionString, TimeProvider clock, TimeSpan otherWritersSeenWithin)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(otherWritersSeenWithin, TimeSpan.Zero);
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _clock = clock;
        OtherWritersSeenWithin = otherWritersSeenWithin;
        _lookEveryTicks = (long)(otherWritersSeenWithin.TotalSeconds * clock.TimestampFrequency);
    }

    /// <summary>How long a change made by another process may go unseen (see the remarks on the class).</summary>
    public TimeSpan OtherWritersSeenWithin { get; }

    /// <summary>How many times the cache read the file's change count (for tests and diagnostics).</summary>
    public long Looks => Interlocked.Read(ref _looks);

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
    /// <paramref name="version"/> to pass to <see cref="Keep"/> once the read is done (null: do not keep it).
    /// </summary>
    public bool TryGet<T>(in ReadKey key, out T answer, out long? version)
    {
        lock (_lock)
        {
            version = Current();
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
    /// Keeps <paramref name="answer"/> for <paramref name="key"/>, read from <paramref name="tables"/>, if no answer was
    /// dropped since <see cref="TryGet"/> gave <paramref name="version"/>.
    /// </summary>
    public void Keep<T>(in ReadKey key, T answer, RewardsTables tables, long? version)
    {
        if (version is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed || version != _generation || _seq < 0)
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
                // Nobody looked for a long while: forget the chain; the next read looks at the file and starts over.
                _ownCommits.Clear();
                Empty();
            }

            _ownCommits.Add(commit);
        }

        return commit;
    }

    /// <summary>
    /// The commit succeeded: the answers that read a table it changed go now, and it may be a link in the middle of a
    /// chain. Call it in commit order (at the write gate).
    /// </summary>
    public void Committed(OwnCommit commit)
    {
        lock (_lock)
        {
            commit.IsCommitted = true;
            if (!_ownCommits.Contains(commit))
            {
                // Forgotten meanwhile (too many commits without a look): the cache was emptied and looks next time.
                return;
            }

            Drop(commit.Tables);
            if (commit.Before != _expected)
            {
                // Someone else changed the file since the cache last knew it (or it never knew): look before the next read.
                _lookAt = long.MinValue;
            }

            _expected = commit.After;
        }
    }

    /// <summary>The commit failed or its outcome is unknown: it is no link of any chain (a change seen in its place is someone else's), and the next read looks.</summary>
    public void Abandoned(OwnCommit commit)
    {
        lock (_lock)
        {
            _ownCommits.Remove(commit);
            _lookAt = long.MinValue;
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
    /// The generation a read begins in, after looking at the file if it is time to; null when the count cannot be read
    /// (nothing is answered from or kept in the cache then).
    /// </summary>
    private long? Current()
    {
        if (_disposed)
        {
            return null;
        }

        var now = _clock.GetTimestamp();
        if (_seq >= 0 && now < _lookAt)
        {
            return _generation;
        }

        if (!CatchUp())
        {
            return null;
        }

        _lookAt = now + _lookEveryTicks;
        return _generation;
    }

    /// <summary>
    /// Reads the file's change count and brings the answers up to it: those an own commit not yet applied touched are
    /// dropped, or all of them when the change cannot be followed; false when the count cannot be read.
    /// </summary>
    private bool CatchUp()
    {
        _looks++;
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
            Empty();
            CloseConnection();
            return false;
        }

        if (seq != _seq)
        {
            var touched = Follow(seq, writer);
            if (touched is { } tables)
            {
                _followed++;
                Drop(tables);
            }
            else
            {
                _emptied++;
                _answers.Clear();
                _generation++;
            }

            _seq = seq;
            _ownCommits.RemoveAll(commit => commit.IsCommitted && commit.After <= seq);
        }

        _expected = seq;
        return true;
    }

    /// <summary>Forgets every answer and the count: the next read looks at the file.</summary>
    private void Empty()
    {
        _answers.Clear();
        _generation++;
        _seq = -1;
        _expected = -1;
    }

    /// <summary>
    /// The tables this store's own commits not yet applied (see <see cref="Committed"/>) changed on the way from the
    /// known count to <paramref name="seq"/>; null when the way is not made of own commits only.
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

            if (!next.IsCommitted)
            {
                tables |= next.Tables;
            }

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

    /// <summary>Drops the answers that read one of <paramref name="tables"/>; the reads under way are not kept then.</summary>
    private void Drop(RewardsTables tables)
    {
        if (tables == RewardsTables.None)
        {
            return;
        }

        _generation++;

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
