using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CorsKit.Tests.Integration;

/// <summary>Captures log entries so tests can assert on the events CorsKit writes.</summary>
internal sealed class TestLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IEnumerable<LogEntry> From(string category) => _entries.Where(e => e.Category == category);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Fields);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception),
                state is IEnumerable<KeyValuePair<string, object?>> fields
                    ? fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value)
                    : new Dictionary<string, object?>()));
    }
}
