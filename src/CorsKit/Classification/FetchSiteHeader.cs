using Microsoft.Extensions.Primitives;

namespace CorsKit.Classification;

/// <summary>Reads <c>Sec-Fetch-Site</c> header lines into a <see cref="FetchSite"/>, without allocating.</summary>
internal static class FetchSiteHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "Sec-Fetch-Site";

    /// <summary>Parses the header lines.</summary>
    /// <param name="values">The <c>Sec-Fetch-Site</c> lines as received.</param>
    /// <returns>The site relation; <see cref="FetchSite.Unknown"/> for anything a browser does not send.</returns>
    /// <remarks>
    /// The value is a structured-field token and browsers send it in lower case, exactly once; the comparison is
    /// therefore ordinal. Two lines or an unexpected spelling cannot come from a browser, so they are not given the
    /// benefit of the doubt.
    /// </remarks>
    public static FetchSite Parse(StringValues values)
    {
        if (values.Count == 0)
        {
            return FetchSite.Absent;
        }

        if (values.Count > 1)
        {
            return FetchSite.Unknown;
        }

        return values[0] switch
        {
            "same-origin" => FetchSite.SameOrigin,
            "same-site" => FetchSite.SameSite,
            "cross-site" => FetchSite.CrossSite,
            "none" => FetchSite.None,
            _ => FetchSite.Unknown,
        };
    }
}
