namespace CorsKit.Testing.Messages;

/// <summary>
/// Firefox's console text for a CORS refusal, from its message catalog (<c>security.properties</c>) as observed in
/// Firefox 153 ESR by the project's browser suite (tests/CorsKit.Tests/Diagnostics/Guide/RefusalCatalog.cs). Kinds
/// Firefox has not been seen printing return an empty string rather than a guess. Firefox does not name the refused
/// method.
/// </summary>
internal static class FirefoxMessages
{
    public static string Format(CorsFailure failure, string hint, int status, Uri url)
    {
        var prefix = $"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url.AbsoluteUri}. (Reason: ";
        return failure switch
        {
            CorsFailure.MissingAllowOriginHeader => prefix + $"CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}.",
            CorsFailure.AllowOriginMismatch or CorsFailure.InvalidAllowOriginValue => prefix + $"CORS header ‘Access-Control-Allow-Origin’ does not match ‘{hint}’).",
            CorsFailure.MultipleAllowOriginValues => prefix + "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).",
            CorsFailure.WildcardOriginNotAllowed => $"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{url.AbsoluteUri}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).",
            CorsFailure.InvalidAllowCredentials => prefix + "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).",
            CorsFailure.MethodDisallowedByPreflightResponse => prefix + "Did not find method in CORS header ‘Access-Control-Allow-Methods’).",
            CorsFailure.HeaderDisallowedByPreflightResponse => prefix + $"header ‘{hint}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).",
            CorsFailure.PreflightInvalidStatus => prefix + $"CORS preflight response did not succeed). Status code: {status}.",
            CorsFailure.PreflightDisallowedRedirect => prefix + "CORS request external redirect not allowed).",
            _ => string.Empty,
        };
    }
}
