using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CorsKit.HardeningTests.Infrastructure;

/// <summary>Records log entries (bounded, so a long test cannot grow it without limit) and counts exceptions.</summary>
internal sealed class CapturingLoggerProvider(int capacity = 10_000) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private int _exceptions;

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public int ExceptionCount => Volatile.Read(ref _exceptions);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry, bool hasException)
    {
        if (hasException)
        {
            Interlocked.Increment(ref _exceptions);
        }

        if (_entries.Count < capacity)
        {
            _entries.Enqueue(entry);
        }
    }

    internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, string? Exception);

    private sealed class Logger(string category, CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception?.ToString()), exception is not null);
    }
}
