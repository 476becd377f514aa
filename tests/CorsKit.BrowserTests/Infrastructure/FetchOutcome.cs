namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>What script could observe of one <c>fetch()</c>.</summary>
public sealed record FetchOutcome
{
    /// <summary>True when the promise resolved; false when it rejected (a CORS failure is a TypeError).</summary>
    public bool Resolved { get; init; }

    /// <summary>The status script read (0 when rejected).</summary>
    public int Status { get; init; }

    /// <summary>The body script read (null when rejected).</summary>
    public string? Body { get; init; }

    /// <summary>The response headers script could read, by lower-case name.</summary>
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>
    /// The rejection: <c>TypeError: Failed to fetch</c> in Chromium, <c>TypeError: NetworkError when attempting to
    /// fetch resource.</c> in Firefox.
    /// </summary>
    public string? Error { get; init; }
}
