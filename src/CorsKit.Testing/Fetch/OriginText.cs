using System.Net;

namespace CorsKit.Testing.Fetch;

/// <summary>Origin serialization and comparison, as a browser does it for the <c>Origin</c> header.</summary>
internal static class OriginText
{
    /// <summary>The ASCII serialization of a URL's origin: scheme://host[:port], default port omitted.</summary>
    public static string Of(Uri url) => url.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    /// <summary>True when <paramref name="origin"/> is exactly what a browser could send in <c>Origin</c>.</summary>
    public static bool IsSerializedOrigin(string origin)
    {
        if (origin == "null")
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var parsed) || parsed.UserInfo.Length > 0)
        {
            return false;
        }

        return string.Equals(Of(parsed), origin, StringComparison.Ordinal);
    }

    /// <summary>
    /// The <c>Sec-Fetch-Site</c> value a browser would send. Same-site is approximated by the last two host labels
    /// (no Public Suffix List): exact for <c>.com</c>-style hosts, loopback and IP addresses.
    /// </summary>
    public static string FetchSite(string origin, Uri url)
    {
        if (string.Equals(origin, Of(url), StringComparison.Ordinal))
        {
            return "same-origin";
        }

        if (origin == "null" || !Uri.TryCreate(origin, UriKind.Absolute, out var page) || page.Scheme != url.Scheme)
        {
            return "cross-site";
        }

        return string.Equals(Site(page.IdnHost), Site(url.IdnHost), StringComparison.OrdinalIgnoreCase) ? "same-site" : "cross-site";
    }

    private static string Site(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return host;
        }

        var labels = host.TrimEnd('.').Split('.');
        return labels.Length <= 2 ? string.Join('.', labels) : string.Join('.', labels[^2..]);
    }
}
