namespace CorsKit.Classification;

/// <summary>
/// The value of a request's <c>Sec-Fetch-Site</c> header (W3C Fetch Metadata Request Headers): the browser's own
/// statement of where the request came from, which page script can neither set nor forge.
/// </summary>
internal enum FetchSite
{
    /// <summary>No <c>Sec-Fetch-Site</c> header: an older browser, a non-secure context, or not a browser at all.</summary>
    Absent = 0,

    /// <summary><c>same-origin</c>: started by a page of the request's own origin (no cross-origin redirect on the way).</summary>
    SameOrigin,

    /// <summary><c>same-site</c>: started by another origin of the same site (e.g. <c>https://a.example.com</c> to
    /// <c>https://b.example.com</c>, or <c>http</c> to <c>https</c> of the same host).</summary>
    SameSite,

    /// <summary><c>cross-site</c>: started by another site.</summary>
    CrossSite,

    /// <summary><c>none</c>: started by the user (address bar, bookmark), not by any page.</summary>
    None,

    /// <summary>Any other value, or more than one header line: no browser sends it.</summary>
    Unknown,
}
