namespace CorsKit.Testing;

/// <summary>What an HTTP exchange was for.</summary>
public enum ExchangeKind
{
    /// <summary>The CORS preflight: <c>OPTIONS</c> with <c>Access-Control-Request-Method</c>.</summary>
    Preflight = 0,

    /// <summary>The request script asked for (or one of its redirects).</summary>
    Actual = 1,
}
