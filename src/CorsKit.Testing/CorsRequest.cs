namespace CorsKit.Testing;

/// <summary>
/// One <c>fetch(url, init)</c> call as page script would make it: from a page on <see cref="Origin"/>, in
/// <c>cors</c> mode.
/// </summary>
public sealed class CorsRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="url">The absolute http(s) URL script fetches.</param>
    /// <param name="origin">
    /// The page's origin exactly as a browser serializes it (<c>https://app.example.com</c>, no path or trailing slash),
    /// or <c>null</c> (the string) for sandboxed frames and <c>file:</c> pages.
    /// </param>
    public CorsRequest(Uri url, string origin)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(origin);
        Url = url;
        Origin = origin;
    }

    /// <summary>The URL script fetches.</summary>
    public Uri Url { get; }

    /// <summary>The page's origin, sent in the <c>Origin</c> header.</summary>
    public string Origin { get; }

    /// <summary>The method as script passes it; <c>DELETE</c>, <c>GET</c>, <c>HEAD</c>, <c>OPTIONS</c>, <c>POST</c>,
    /// <c>PUT</c> are upper-cased like browsers do, any other method is sent as written. Default <c>GET</c>.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The headers script sets, in order. Forbidden names (<c>Cookie</c>, <c>Origin</c>, <c>Sec-*</c>...)
    /// are refused with an <see cref="ArgumentException"/>: script cannot set them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The <c>credentials</c> option. Default <see cref="CredentialsMode.SameOrigin"/>, as in browsers.</summary>
    public CredentialsMode Credentials { get; init; } = CredentialsMode.SameOrigin;

    /// <summary>The request body (UTF-8), or <see langword="null"/>.</summary>
    public string? Body { get; init; }
}
