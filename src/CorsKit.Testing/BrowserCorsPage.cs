namespace CorsKit.Testing;

/// <summary>A page on one origin inside a <see cref="BrowserCors"/> browser: it runs <c>fetch()</c> calls.</summary>
public sealed class BrowserCorsPage
{
    private readonly BrowserCors _browser;

    internal BrowserCorsPage(BrowserCors browser, string origin)
    {
        _browser = browser;
        Origin = origin;
    }

    /// <summary>The page's origin.</summary>
    public string Origin { get; }

    /// <summary>Runs <c>fetch(path, { method, headers, credentials, body })</c> from this page.</summary>
    /// <param name="method">The method as script passes it: <c>HttpMethod.Put</c>, or <c>new HttpMethod("patch")</c>
    /// to send a lower-case method (browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT).</param>
    /// <param name="path">A path relative to the client's base address, or an absolute http(s) URL.</param>
    /// <param name="headers">The headers script sets, or null.</param>
    /// <param name="credentials">True for <c>credentials: "include"</c>.</param>
    /// <param name="body">The request body, or null.</param>
    /// <param name="cancellationToken">Cancels the exchanges.</param>
    /// <returns>The browser's verdict.</returns>
    public Task<CorsVerdict> FetchAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? headers = null,
        bool credentials = false, string? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var request = new CorsRequest(_browser.Resolve(path), Origin)
        {
            Method = method.Method,
            Headers = headers is null ? [] : [.. headers],
            Credentials = credentials ? CredentialsMode.Include : CredentialsMode.SameOrigin,
            Body = body,
        };
        return _browser.Engine.FetchAsync(request, cancellationToken);
    }

    /// <summary>Runs a simple <c>fetch(path)</c> (GET) from this page.</summary>
    /// <param name="path">A path relative to the client's base address, or an absolute http(s) URL.</param>
    /// <param name="credentials">True for <c>credentials: "include"</c>.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The browser's verdict.</returns>
    public Task<CorsVerdict> GetAsync(string path, bool credentials = false, CancellationToken cancellationToken = default) =>
        FetchAsync(HttpMethod.Get, path, null, credentials, null, cancellationToken);
}
