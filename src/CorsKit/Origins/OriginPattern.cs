namespace CorsKit.Origins;

/// <summary>
/// A wildcard origin: <c>https://*.example.com</c> (one or more whole labels before <c>example.com</c>, never
/// <c>example.com</c> itself) and/or <c>http://localhost:*</c> (any port). Matching works on the parts of an origin
/// already checked by <see cref="RequestOrigin"/>, so it cannot be fooled by look-alikes such as
/// <c>https://evil-example.com</c> or <c>https://example.com.evil.net</c>.
/// </summary>
internal sealed class OriginPattern
{
    /// <param name="scheme">Lower-case scheme.</param>
    /// <param name="host">Lower-case host; with <paramref name="anySubdomain"/> the registrable part after <c>*.</c>.</param>
    /// <param name="anySubdomain">Whether the pattern starts with <c>*.</c>.</param>
    /// <param name="port">The exact port text; empty for the scheme's default port; <see langword="null"/> for any port.</param>
    public OriginPattern(string scheme, string host, bool anySubdomain, string? port)
    {
        Scheme = scheme;
        _host = anySubdomain ? "." + host : host;
        _anySubdomain = anySubdomain;
        _port = port;
    }

    private readonly string _host;
    private readonly bool _anySubdomain;
    private readonly string? _port;

    public string Scheme { get; }

    /// <summary>
    /// Whether an origin cut into scheme and host (<see cref="RequestOrigin.TryCut"/>, before any validation) could
    /// match. A necessary condition of <see cref="Matches"/>, so only an origin that passes it for some pattern is
    /// parsed in full: most refused origins are nowhere near the patterns.
    /// </summary>
    /// <param name="scheme">The origin's scheme.</param>
    /// <param name="host">The origin's host, as the parser cuts it.</param>
    /// <returns><see langword="false"/> when <see cref="Matches"/> cannot hold for this origin.</returns>
    public bool MayMatch(ReadOnlySpan<char> scheme, ReadOnlySpan<char> host) =>
        scheme.SequenceEqual(Scheme)
        && (_anySubdomain ? host.Length > _host.Length && host.EndsWith(_host, StringComparison.Ordinal) : host.SequenceEqual(_host));

    public bool Matches(in RequestOrigin origin)
    {
        if (!origin.Scheme.SequenceEqual(Scheme))
        {
            return false;
        }

        if (_port is not null && !origin.Port.SequenceEqual(_port))
        {
            return false;
        }

        if (!_anySubdomain)
        {
            return origin.Host.SequenceEqual(_host);
        }

        // "a.b" + ".example.com": the host must end with the dotted suffix and keep at least one whole label before it.
        // RequestOrigin guarantees labels are non-empty, so a non-empty prefix is made of whole labels.
        var host = origin.Host;
        return host.Length > _host.Length && host.EndsWith(_host, StringComparison.Ordinal) && !origin.IsIPv6;
    }
}
