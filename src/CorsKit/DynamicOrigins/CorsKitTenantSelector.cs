using CorsKit.Protocol;
using Microsoft.AspNetCore.Http;

namespace CorsKit;

/// <summary>
/// How a request maps to the tenant whose origins an <see cref="ICorsKitOriginSource"/> is asked about. Because the
/// answer then depends on what the selector reads, CorsKit adds every request header the selector declares to
/// <c>Vary</c> on CORS responses, so a shared cache never serves one tenant's answer to another.
/// </summary>
public sealed class CorsKitTenantSelector
{
    /// <summary>The longest tenant value CorsKit passes on; a longer one is refused without a lookup.</summary>
    public const int MaxTenantLength = 256;

    private readonly Func<HttpContext, string?> _read;
    private readonly string[] _varyHeaders;

    private CorsKitTenantSelector(Func<HttpContext, string?> read, string[] varyHeaders)
    {
        _read = read;
        _varyHeaders = varyHeaders;
        VaryValue = string.Join(", ", varyHeaders);
    }

    /// <summary>The request headers the selector reads, which CorsKit adds to <c>Vary</c>.</summary>
    public IReadOnlyList<string> VaryHeaders => _varyHeaders;

    internal ReadOnlySpan<string> VaryHeaderNames => _varyHeaders;

    internal string VaryValue { get; }

    /// <summary>The tenant is the request's host name, without the port (<c>acme.api.example.com</c>). No
    /// <c>Vary</c> is needed: caches already key responses by host. Allocation-free when the request names no port.</summary>
    /// <returns>The selector.</returns>
    public static CorsKitTenantSelector FromHost() => new(new HostWithoutPort().Read, []);

    /// <summary>The tenant is the value of a request header (for example <c>X-Tenant</c>); added to <c>Vary</c>.</summary>
    /// <param name="headerName">The header name.</param>
    /// <returns>The selector.</returns>
    public static CorsKitTenantSelector FromHeader(string headerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName);
        if (!HttpToken.IsToken(headerName))
        {
            throw new ArgumentException($"'{headerName}' is not a valid header name.", nameof(headerName));
        }

        return new(context => context.Request.Headers[headerName] is { Count: 1 } value ? value[0] : null, [headerName]);
    }

    /// <summary>The tenant is whatever <paramref name="read"/> returns (a route value, a path segment, a claim). It runs
    /// on every CORS request to the policy: keep it fast, and return <see langword="null"/> when there is no tenant.</summary>
    /// <param name="read">Reads the tenant from the request.</param>
    /// <param name="varyHeaders">Every request header <paramref name="read"/> looks at (added to <c>Vary</c>). The
    /// host and path need none.</param>
    /// <returns>The selector.</returns>
    public static CorsKitTenantSelector Custom(Func<HttpContext, string?> read, params string[] varyHeaders)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(varyHeaders);
        foreach (var header in varyHeaders)
        {
            if (string.IsNullOrWhiteSpace(header) || !HttpToken.IsToken(header))
            {
                throw new ArgumentException($"'{header}' is not a valid header name.", nameof(varyHeaders));
            }
        }

        return new(read, [.. varyHeaders]);
    }

    internal string? Read(HttpContext context) => _read(context);

    // The host without its port. An instance serves a handful of host names, so the last one is remembered and the
    // common request allocates nothing (a port would otherwise cost a substring per request).
    private sealed class HostWithoutPort
    {
        private volatile HostAndTenant? _last;

        public string? Read(HttpContext context)
        {
            var host = context.Request.Headers.Host;
            if (host.Count != 1 || host[0] is not { Length: > 0 } value)
            {
                return null;
            }

            // "[::1]:8080" and "example.com:8080" carry a port after the last colon outside brackets.
            var colon = value.LastIndexOf(':');
            if (colon < 0 || colon < value.LastIndexOf(']'))
            {
                return value;
            }

            var last = _last;
            if (last is not null && string.Equals(last.Host, value, StringComparison.Ordinal))
            {
                return last.Tenant;
            }

            var tenant = value[..colon];
            _last = new HostAndTenant(value, tenant);
            return tenant;
        }

        private sealed record HostAndTenant(string Host, string Tenant);
    }
}
