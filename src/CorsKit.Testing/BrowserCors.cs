namespace CorsKit.Testing;

/// <summary>
/// The browser's CORS verdict in a test: <c>await new BrowserCors(client).FromOrigin("https://app.example.com")
/// .FetchAsync(HttpMethod.Put, "/api/todos/1")</c> does what Chromium's <c>fetch()</c> would do from a page on that
/// origin, against the server behind the client (a <c>WebApplicationFactory</c> or <c>TestServer</c>
/// client, or any <see cref="HttpClient"/>), and returns the <see cref="CorsVerdict"/>. Test-framework neutral:
/// <see cref="CorsVerdict.EnsureAllowed"/> and <see cref="CorsVerdict.EnsureBlocked"/> throw a
/// <see cref="CorsExpectationException"/> whose message is the console text, the cause and the fix.
/// </summary>
/// <remarks>One instance is one browser profile: its <see cref="Cache"/> remembers preflight answers across calls.</remarks>
public sealed class BrowserCors
{
    private readonly HttpClient _client;

    /// <summary>Creates a browser that sends its requests through <paramref name="client"/>.</summary>
    /// <param name="client">The client; relative paths resolve against its <see cref="HttpClient.BaseAddress"/>.
    /// Prefer one that does not follow redirects (TestServer clients do not).</param>
    /// <param name="options">The browser to model and the clock of the preflight cache.</param>
    public BrowserCors(HttpClient client, CorsVerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Engine = new CorsVerdictEngine(client, options);
    }

    /// <summary>The engine behind this browser.</summary>
    public CorsVerdictEngine Engine { get; }

    /// <summary>The preflight cache of this browser profile.</summary>
    public PreflightCache Cache => Engine.Cache;

    /// <summary>A page on <paramref name="origin"/>: the requests it makes carry that <c>Origin</c>.</summary>
    /// <param name="origin">The page's origin, exactly as browsers serialize it (<c>https://app.example.com</c>), or
    /// <c>"null"</c>.</param>
    /// <returns>The page.</returns>
    public BrowserCorsPage FromOrigin(string origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        return new BrowserCorsPage(this, origin);
    }

    internal Uri Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }

        if (_client.BaseAddress is null)
        {
            throw new ArgumentException($"'{path}' is relative but the HttpClient has no BaseAddress; pass an absolute URL.", nameof(path));
        }

        return new Uri(_client.BaseAddress, path);
    }
}
