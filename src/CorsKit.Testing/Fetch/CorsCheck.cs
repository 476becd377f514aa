namespace CorsKit.Testing.Fetch;

/// <summary>
/// Fetch's "CORS check" on one response, with Chromium's finer failure kinds (which value was wrong and how), in the
/// order Chromium's <c>network::cors::CheckAccess</c> tests them.
/// </summary>
internal static class CorsCheck
{
    /// <summary>Checks <c>Access-Control-Allow-Origin</c> and, with credentials, <c>Access-Control-Allow-Credentials</c>.</summary>
    /// <param name="allowOrigin">The combined ACAO value, or null.</param>
    /// <param name="allowCredentials">The combined ACAC value, or null.</param>
    /// <param name="withCredentials">True for <c>credentials: "include"</c>.</param>
    /// <param name="origin">The request's serialized origin (<c>null</c> when tainted or opaque).</param>
    /// <param name="hint">The offending value, quoted by the console text.</param>
    /// <returns>The failure, or <see cref="CorsFailure.None"/>.</returns>
    public static CorsFailure Check(string? allowOrigin, string? allowCredentials, bool withCredentials, string origin, out string hint)
    {
        hint = string.Empty;
        if (allowOrigin == "*")
        {
            return withCredentials ? CorsFailure.WildcardOriginNotAllowed : CorsFailure.None;
        }

        if (allowOrigin is null)
        {
            return CorsFailure.MissingAllowOriginHeader;
        }

        if (!string.Equals(allowOrigin, origin, StringComparison.Ordinal))
        {
            hint = allowOrigin;
            if (allowOrigin.AsSpan().IndexOfAny(' ', ',') >= 0)
            {
                return CorsFailure.MultipleAllowOriginValues;
            }

            if (allowOrigin == "null")
            {
                return CorsFailure.AllowOriginMismatch;
            }

            // Chromium asks whether the value parses as a URL at all (GURL); an absolute URI is the nearest test.
            return Uri.TryCreate(allowOrigin, UriKind.Absolute, out _) ? CorsFailure.AllowOriginMismatch : CorsFailure.InvalidAllowOriginValue;
        }

        if (withCredentials && !string.Equals(allowCredentials, "true", StringComparison.Ordinal))
        {
            // Case-sensitive: "True" fails, as the standard says.
            hint = allowCredentials ?? string.Empty;
            return CorsFailure.InvalidAllowCredentials;
        }

        return CorsFailure.None;
    }
}
