using System.Collections.Concurrent;

namespace CorsKit.Samples.BrowserDemo;

/// <summary>
/// What the API received and answered, per demo request (the page tags each fetch with <c>?demo=N</c>). The page reads
/// it back to show the headers the server sent, which script cannot see when the browser blocks the response.
/// </summary>
public sealed class ResponseLog
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ResponseLogEntry>> _entries = new(StringComparer.Ordinal);

    /// <summary>Records one exchange.</summary>
    /// <param name="demoId">The value of the <c>demo</c> query parameter.</param>
    /// <param name="entry">What was received and answered.</param>
    public void Add(string demoId, ResponseLogEntry entry) => _entries.GetOrAdd(demoId, _ => new()).Enqueue(entry);

    /// <summary>The exchanges recorded for one demo request, in arrival order.</summary>
    /// <param name="demoId">The value of the <c>demo</c> query parameter.</param>
    /// <returns>The entries (empty when nothing arrived).</returns>
    public IReadOnlyList<ResponseLogEntry> For(string demoId) =>
        _entries.TryGetValue(demoId, out var entries) ? [.. entries] : [];
}

/// <summary>One request the API received and the CORS-relevant parts of its answer.</summary>
/// <param name="Method">The request method.</param>
/// <param name="Path">The request path.</param>
/// <param name="IsPreflight">Whether it was a CORS preflight (OPTIONS with Access-Control-Request-Method).</param>
/// <param name="Origin">The request's Origin header, if any.</param>
/// <param name="CookieSent">Whether the request carried a Cookie header.</param>
/// <param name="Status">The response status.</param>
/// <param name="CorsHeaders">The response's Access-Control-* and Vary headers.</param>
public sealed record ResponseLogEntry(
    string Method,
    string Path,
    bool IsPreflight,
    string? Origin,
    bool CookieSent,
    int Status,
    IReadOnlyDictionary<string, string> CorsHeaders);
