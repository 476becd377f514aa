namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>The options of one <c>fetch()</c> call.</summary>
public sealed record FetchInit
{
    /// <summary>The method exactly as script passes it (<c>"patch"</c> stays lower-case), or null for GET.</summary>
    public string? Method { get; init; }

    /// <summary>Request headers script sets.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The request body.</summary>
    public string? Body { get; init; }

    /// <summary><c>omit</c>, <c>same-origin</c> (the default) or <c>include</c>.</summary>
    public string? Credentials { get; init; }
}
