using System.Collections.Concurrent;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// Every request a test server received, in arrival order, with the response it sent. Kept by a middleware that runs
/// before CorsKit, so preflights CorsKit answers itself are recorded too. Thread-safe: Kestrel serves requests on
/// many threads while the test reads the log.
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> All => [.. _requests];

    /// <summary>CORS preflights (OPTIONS with Access-Control-Request-Method) to a path.</summary>
    /// <param name="path">The request path.</param>
    /// <returns>The preflights, in arrival order.</returns>
    public IReadOnlyList<RecordedRequest> Preflights(string path) => [.. _requests.Where(r => r.Path == path && r.IsPreflight)];

    /// <summary>Requests to a path that are not preflights: the ones the application's endpoints see.</summary>
    /// <param name="path">The request path.</param>
    /// <returns>The requests, in arrival order.</returns>
    public IReadOnlyList<RecordedRequest> Actual(string path) => [.. _requests.Where(r => r.Path == path && !r.IsPreflight)];

    internal void Add(RecordedRequest request) => _requests.Enqueue(request);
}

/// <summary>One request as the server received it, and the status and headers of its response.</summary>
public sealed class RecordedRequest
{
    private readonly Dictionary<string, string> _headers;
    private volatile ResponseSnapshot? _response;

    internal RecordedRequest(string method, string path, Dictionary<string, string> headers)
    {
        Method = method;
        Path = path;
        _headers = headers;
    }

    public string Method { get; }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary>The <c>Origin</c> header, or null.</summary>
    public string? Origin => Header("Origin");

    /// <summary>OPTIONS with Access-Control-Request-Method: a CORS preflight.</summary>
    public bool IsPreflight => Method == "OPTIONS" && _headers.ContainsKey("Access-Control-Request-Method");

    /// <summary>The response's status code (recorded when the response started).</summary>
    public int Status => Response.Status;

    /// <summary>The response's headers (recorded when the response started, after CorsKit wrote its own).</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders => Response.Headers;

    private ResponseSnapshot Response => _response ?? throw new InvalidOperationException($"The response to {Method} {Path} has not started.");

    /// <summary>A request header's value, or null.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A response header's value, or null.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The value.</returns>
    public string? ResponseHeader(string name) => Response.Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The response's <c>Access-Control-*</c> headers.</summary>
    public IReadOnlyDictionary<string, string> CorsResponseHeaders =>
        Response.Headers.Where(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);

    internal void SetResponse(int status, Dictionary<string, string> headers) => _response = new ResponseSnapshot(status, headers);

    public override string ToString() => $"{Method} {Path} (Origin: {Origin ?? "none"})";

    private sealed record ResponseSnapshot(int Status, Dictionary<string, string> Headers);
}
