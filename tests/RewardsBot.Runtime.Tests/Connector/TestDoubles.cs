using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RewardsBot.Runtime.Auth;

namespace RewardsBot.Runtime.Tests.Connector;

/// <summary>Hands out <c>token</c>, or <c>refreshedToken</c> from the first forced refresh on; records each call.</summary>
internal sealed class FakeTokenProvider(string? token, string? refreshedToken = null) : IAccessTokenProvider
{
    private readonly ConcurrentQueue<bool> calls = new();
    private volatile bool refreshed;

    /// <summary>The <c>forceRefresh</c> argument of each call, in order.</summary>
    public IReadOnlyList<bool> Calls => [.. calls];

    public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        calls.Enqueue(forceRefresh);
        refreshed |= forceRefresh;
        return Task.FromResult(refreshed ? refreshedToken ?? token : token);
    }
}

internal sealed record LogEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception);

/// <summary>Keeps every log entry with its template values, to assert what is (and is not) logged.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
            : new Dictionary<string, object?>();
        entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), values, exception));
    }
}
