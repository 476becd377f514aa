namespace CorsKit.Testing;

/// <summary>Why the browser refused a response (the kinds follow Chromium's <c>network::mojom::CorsError</c>).</summary>
public enum CorsFailure
{
    /// <summary>Nothing failed: script reads the response.</summary>
    None = 0,

    /// <summary>The response has no <c>Access-Control-Allow-Origin</c>.</summary>
    MissingAllowOriginHeader,

    /// <summary><c>Access-Control-Allow-Origin</c> holds several values (several headers, or a list).</summary>
    MultipleAllowOriginValues,

    /// <summary><c>Access-Control-Allow-Origin</c> is not an origin at all.</summary>
    InvalidAllowOriginValue,

    /// <summary><c>Access-Control-Allow-Origin</c> names another origin.</summary>
    AllowOriginMismatch,

    /// <summary><c>Access-Control-Allow-Origin: *</c> answered a request with <c>credentials: "include"</c>.</summary>
    WildcardOriginNotAllowed,

    /// <summary>A request with <c>credentials: "include"</c> got no <c>Access-Control-Allow-Credentials: true</c>.</summary>
    InvalidAllowCredentials,

    /// <summary>The preflight's status is not 200-299.</summary>
    PreflightInvalidStatus,

    /// <summary>The preflight was answered with a redirect, which browsers never follow.</summary>
    PreflightDisallowedRedirect,

    /// <summary><c>Access-Control-Allow-Methods</c> is not a comma-separated list of tokens.</summary>
    InvalidAllowMethodsPreflightResponse,

    /// <summary><c>Access-Control-Allow-Headers</c> is not a comma-separated list of tokens.</summary>
    InvalidAllowHeadersPreflightResponse,

    /// <summary>The preflight answer does not allow the request's method.</summary>
    MethodDisallowedByPreflightResponse,

    /// <summary>The preflight answer does not allow one of the request's headers.</summary>
    HeaderDisallowedByPreflightResponse,

    /// <summary>A redirect's <c>Location</c> carries a user name or password.</summary>
    RedirectContainsCredentials,

    /// <summary>More than 20 redirects.</summary>
    TooManyRedirects,

    /// <summary>The server could not be reached, or the connection failed (no HTTP response at all).</summary>
    NetworkError,
}
