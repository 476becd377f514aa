using CorsKit.Origins;

namespace CorsKit;

/// <summary>
/// An immutable, validated CORS policy: what the user configured, nothing more. Build one with
/// <see cref="CorsKitPolicyBuilder"/>. CorsKit compiles it once into an internal runtime form (lookup tables and the
/// exact header values it writes), so answering a request allocates nothing.
/// </summary>
public sealed class CorsKitPolicy
{
    internal CorsKitPolicy(
        OriginMatcher origins,
        IReadOnlyList<string> originList,
        bool hasOriginPredicate,
        IReadOnlyList<string> methods,
        bool allowsAnyMethod,
        IReadOnlyList<string> headers,
        bool allowsAnyHeader,
        IReadOnlyList<string> exposedHeaders,
        bool exposesAllHeaders,
        bool supportsCredentials,
        TimeSpan? preflightMaxAge,
        int preflightSuccessStatusCode)
    {
        OriginMatcher = origins;
        Origins = originList.ToList().AsReadOnly();
        HasOriginPredicate = hasOriginPredicate;
        Methods = methods.ToList().AsReadOnly();
        AllowsAnyMethod = allowsAnyMethod;
        Headers = headers.ToList().AsReadOnly();
        AllowsAnyHeader = allowsAnyHeader;
        ExposedHeaders = exposedHeaders.ToList().AsReadOnly();
        ExposesAllHeaders = exposesAllHeaders;
        SupportsCredentials = supportsCredentials;
        PreflightMaxAge = preflightMaxAge;
        PreflightSuccessStatusCode = preflightSuccessStatusCode;
    }

    /// <summary>The allowed origins and origin patterns, normalised (e.g. <c>https://*.example.com</c>).</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>Whether every origin is allowed: every well-formed origin and <c>null</c>, answered with a constant
    /// <c>*</c> (credentials cannot be combined with it). A value no browser would send as an origin is still refused.</summary>
    public bool AllowsAnyOrigin => OriginMatcher.AllowsAnyOrigin;

    /// <summary>Whether origins that match no entry of <see cref="Origins"/> are offered to a predicate.</summary>
    public bool HasOriginPredicate { get; }

    /// <summary>The allowed methods (case-sensitive). GET, HEAD and POST are always allowed by the CORS protocol.</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>Whether any method is allowed.</summary>
    public bool AllowsAnyMethod { get; }

    /// <summary>The allowed request headers, lower-cased (compared case-insensitively).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Whether any request header is allowed.</summary>
    public bool AllowsAnyHeader { get; }

    /// <summary>The response headers script may read beyond the CORS-safelisted ones.</summary>
    public IReadOnlyList<string> ExposedHeaders { get; }

    /// <summary>Whether every response header is exposed (<c>*</c>, only without credentials).</summary>
    public bool ExposesAllHeaders { get; }

    /// <summary>Whether credentialed requests (cookies, HTTP authentication) are allowed.</summary>
    public bool SupportsCredentials { get; }

    /// <summary>How long browsers may cache a preflight answer; <see langword="null"/> sends no
    /// <c>Access-Control-Max-Age</c>, which browsers read as 5 seconds. <see cref="TimeSpan.Zero"/> disables caching.</summary>
    public TimeSpan? PreflightMaxAge { get; }

    /// <summary>The status of an answered preflight (204 unless configured; always 2xx).</summary>
    public int PreflightSuccessStatusCode { get; }

    /// <summary>Whether <paramref name="origin"/>, exactly as a browser sends it in <c>Origin</c>, is allowed.</summary>
    /// <param name="origin">The <c>Origin</c> header value.</param>
    /// <returns><see langword="true"/> when the policy allows the origin.</returns>
    public bool IsOriginAllowed(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return OriginMatcher.IsAllowed(origin);
    }

    /// <summary>Whether origins that match no entry of <see cref="Origins"/> (nor the predicate) are looked up in the
    /// app's <see cref="ICorsKitOriginSource"/> (see <see cref="CorsKitPolicyBuilder.AllowOriginsFromSource"/>).</summary>
    public bool UsesOriginSource { get; internal init; }

    /// <summary>How a request maps to the tenant whose origins the source is asked about; <see langword="null"/> when
    /// the source is asked per policy only.</summary>
    public CorsKitTenantSelector? OriginSourceTenant { get; internal init; }

    /// <summary>Whether credentials were opted in for plain-http and <c>null</c> origins
    /// (<see cref="CorsKitPolicyBuilder.DangerouslyAllowInsecureOriginsWithCredentials"/>).</summary>
    public bool AllowsInsecureOriginsWithCredentials { get; internal init; }

    /// <summary>The compiled origin rules (immutable); the rest of the runtime form is built by the compiler.</summary>
    internal OriginMatcher OriginMatcher { get; }
}
