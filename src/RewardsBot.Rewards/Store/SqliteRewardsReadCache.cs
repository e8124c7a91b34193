using Microsoft.Data.Sqlite;
using RewardsBot.Sqlite;

namespace RewardsBot.Rewards.Store;

/// <summary>
/// The answers of <see cref="SqliteRewardsStore"/>'s reads, kept while the file has not changed: any commit to the file,
/// by this process or another, empties it before the next read is answered.
/// </summary>
/// <remarks>
/// <para>
/// Why: the Rewards data is read on most turns (the sign-in, the company's rewards, its contact) and written on few, yet
/// each read ran its statements and built its records again — with the statements' own cost (bind, step, one string
/// per column) most of what the store cost a turn.
/// </para>
/// <para>
/// How it stays right: the cache holds one connection of its own that never writes, and asks it for
/// <c>PRAGMA data_version</c> before each read. SQLite changes that number whenever another connection — a writer of
/// this store, or any process sharing the file — has committed since the connection last asked, so a read after a
/// commit always finds the cache emptied and goes to the file. An answer is kept only under the version seen before its
/// statements ran: one read while a write committed is never kept past the next version check. The answers are
/// immutable records, shared by the callers that get them.
/// </para>
/// <para>
/// Bounded: at most <see cref="MaxEntries"/> answers; when full, the cache is emptied and fills again. Reads whose answers
/// only grow (audit log, histories, every request of a company, every company) are not cached. If the version
/// cannot be read (the file busy past the timeout, or gone), the read goes to the file and nothing is cached.
/// </para>
/// </remarks>
internal sealed class SqliteRewardsReadCache : IDisposable
{
    /// <summary>How many answers are kept at most (a few KB each: a company's rewards data, a sign-in, a user).</summary>
    internal const int MaxEntries = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<ReadKey, object?> _answers = new();
    private readonly string _connectionString;
    private SqliteConnection? _connection;
    private SqliteCommand? _dataVersion;
    private long _version = -1;
    private bool _disposed;
    private long _hits;
    private long _misses;

    public SqliteRewardsReadCache(string connectionString)
        => _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    /// <summary>How many reads were answered from the cache (for tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

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

    /// <summary>How many reads went to the file (for tests and diagnostics).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// The cached answer to <paramref name="key"/> if the file has not changed since it was read; otherwise false, with
    /// <paramref name="version"/> the file's version to pass to <see cref="Keep"/> once the read is done (null: do not keep it).
    /// </summary>
    public bool TryGet<T>(in ReadKey key, out T answer, out long? version)
    {
        lock (_lock)
        {
            version = ReadVersion();
            if (version is not null && _answers.TryGetValue(key, out var found))
            {
                _hits++;
                answer = (T)found!;
                return true;
            }

            _misses++;
            answer = default!;
            return false;
        }
    }

    /// <summary>Keeps <paramref name="answer"/> for <paramref name="key"/> if the file is still at <paramref name="version"/> as far as the cache knows.</summary>
    public void Keep<T>(in ReadKey key, T answer, long? version)
    {
        if (version is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed || version != _version)
            {
                return;
            }

            if (_answers.Count >= MaxEntries)
            {
                _answers.Clear();
            }

            _answers[key] = answer;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _answers.Clear();
            CloseConnection();
        }
    }

    /// <summary>The file's data version now, emptying the cache when it moved; null when it cannot be read.</summary>
    private long? ReadVersion()
    {
        if (_disposed)
        {
            return null;
        }

        try
        {
            if (_dataVersion is null)
            {
                _connection = SqliteFile.OpenAsync(_connectionString, CancellationToken.None).GetAwaiter().GetResult();
                _dataVersion = _connection.CreateCommand();
                _dataVersion.CommandText = "PRAGMA data_version;";
            }

            var version = (long)_dataVersion.ExecuteScalar()!;
            if (version != _version)
            {
                _answers.Clear();
                _version = version;
            }

            return version;
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
        {
            // Nothing cached can be trusted without the version: forget it all, and try a fresh connection next time.
            _answers.Clear();
            _version = -1;
            CloseConnection();
            return null;
        }
    }

    private void CloseConnection()
    {
        _dataVersion?.Dispose();
        _dataVersion = null;
        _connection?.Dispose();
        _connection = null;
    }
}

/// <summary>Which read, with which arguments (at most three).</summary>
internal readonly record struct ReadKey(string Read, string? A = null, string? B = null, string? C = null);
