namespace CorsKit.Origins;

/// <summary>
/// The analyzer's stand-in for the library's <c>OriginPattern</c>: the shared parser creates one for wildcard entries,
/// but only the run-time matcher reads it (over <c>ReadOnlySpan&lt;char&gt;</c> APIs netstandard2.0 lacks), so here it
/// only records what was parsed.
/// </summary>
internal sealed class OriginPattern
{
    public OriginPattern(string scheme, string host, bool anySubdomain, string? port)
    {
        Scheme = scheme;
        Host = host;
        AnySubdomain = anySubdomain;
        Port = port;
    }

    public string Scheme { get; }

    public string Host { get; }

    public bool AnySubdomain { get; }

    public string? Port { get; }
}
