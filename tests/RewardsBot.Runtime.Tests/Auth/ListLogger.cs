using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RewardsBot.Runtime.Tests.Auth;

/// <summary>Keeps every log entry (level, formatted message, exception) for assertions.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }

    public string AllText => string.Join('\n', Entries.Select(e => $"{e.Level}: {e.Message} {e.Exception}"));
}
