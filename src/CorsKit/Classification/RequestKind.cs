namespace CorsKit.Classification;

/// <summary>What a request is, as far as CORS is concerned.</summary>
internal enum RequestKind : byte
{
    /// <summary>No <c>Origin</c> header: not a CORS request (but its response may still be cached and served to one).</summary>
    NotCors = 0,

    /// <summary><c>Origin</c> names the request's own scheme, host and port.</summary>
    SameOrigin = 1,

    /// <summary><c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method</c>.</summary>
    Preflight = 2,

    /// <summary>A cross-origin request that is not a preflight: the browser's actual request.</summary>
    Actual = 3,
}
