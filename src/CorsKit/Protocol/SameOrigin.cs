using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace CorsKit.Protocol;

/// <summary>
/// Compares a request's <c>Origin</c> with the request's own scheme and host. This is an optimisation only: behind a
/// proxy that rewrites the host, a same-origin request looks cross-origin and is simply evaluated against the policy,
/// which is still correct because a same-origin browser request needs no CORS headers.
/// </summary>
internal static class SameOrigin
{
    private static readonly SearchValues<char> NotInSerialisedOrigin = SearchValues.Create("@/\\?#");

    /// <param name="origin">The <c>Origin</c> header value.</param>
    /// <param name="scheme">The request's scheme (lower-case).</param>
    /// <param name="hostValue">The raw <c>Host</c> header (Kestrel fills it from <c>:authority</c> for HTTP/2 and 3); read
    /// raw rather than through <see cref="HostString"/>, which decodes punycode and costs more.</param>
    public static bool Matches(ReadOnlySpan<char> origin, string scheme, ReadOnlySpan<char> hostValue)
    {
        if (hostValue.IsEmpty || !origin.StartsWith(scheme, StringComparison.Ordinal))
        {
            return false;
        }

        origin = origin[scheme.Length..];
        if (!origin.StartsWith("://", StringComparison.Ordinal))
        {
            return false;
        }

        origin = origin[3..];

        // A serialised origin has no user info and no path, query or fragment. "https://a@host" or "https://host/x" is
        // malformed, never this host, even if a lax Host header happened to carry the same characters.
        if (origin.IndexOfAny(NotInSerialisedOrigin) >= 0)
        {
            return false;
        }

        // The Origin serialization omits the scheme's default port; a Host header may carry it.
        var colon = hostValue.LastIndexOf(':');
        if (colon >= 0 && colon > hostValue.LastIndexOf(']'))
        {
            var port = hostValue[(colon + 1)..];
            if ((scheme == "https" && port.SequenceEqual("443")) || (scheme == "http" && port.SequenceEqual("80")))
            {
                hostValue = hostValue[..colon];
            }
        }

        return origin.Equals(hostValue, StringComparison.OrdinalIgnoreCase);
    }
}
