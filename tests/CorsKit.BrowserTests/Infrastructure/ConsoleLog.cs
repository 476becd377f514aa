using System.Collections.Concurrent;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// The console messages of one session's page and its frames, in arrival order. Written by the engine driver's event
/// thread while the test reads it.
/// </summary>
internal sealed class ConsoleLog
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public void Add(string text) => _messages.Enqueue(text);
}
