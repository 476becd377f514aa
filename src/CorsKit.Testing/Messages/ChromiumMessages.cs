namespace CorsKit.Testing.Messages;

/// <summary>
/// Chromium's console text for a CORS refusal of a <c>fetch()</c>. The wording follows Chromium's
/// <c>cors_error_string.cc</c> and was checked against the console of Chromium 156 for every kind the engine
/// reports (see docs/testing.md, "Where the texts come from"). Network errors have no CORS text.
/// </summary>
internal static class ChromiumMessages
{
    // Chromium 156 appends this to the three "bad value" kinds of a fetch(); it no longer suggests no-cors.
    private const string ValidValueAdvice = " Have the server send the header with a valid value.";

    public static string Format(CorsFailure failure, string hint, bool atPreflight, Uri lastUrl, Uri initialUrl, string pageOrigin)
    {
        var reason = Reason(failure, hint);
        if (reason is null)
        {
            return string.Empty;
        }

        var redirected = lastUrl == initialUrl ? string.Empty : $"(redirected from '{initialUrl.AbsoluteUri}') ";
        var preflight = atPreflight && IsPreflightVariant(failure) ? "Response to preflight request doesn't pass access control check: " : string.Empty;
        return $"Access to fetch at '{lastUrl.AbsoluteUri}' {redirected}from origin '{pageOrigin}' has been blocked by CORS policy: {preflight}{reason}";
    }

    // Only the origin/credentials checks, the status and the redirect have a "preflight" variant in Chromium; the
    // method and header refusals already say "in preflight response".
    private static bool IsPreflightVariant(CorsFailure failure) => failure is CorsFailure.MissingAllowOriginHeader
        or CorsFailure.MultipleAllowOriginValues or CorsFailure.InvalidAllowOriginValue or CorsFailure.AllowOriginMismatch
        or CorsFailure.WildcardOriginNotAllowed or CorsFailure.InvalidAllowCredentials or CorsFailure.PreflightInvalidStatus
        or CorsFailure.PreflightDisallowedRedirect;

    private static string? Reason(CorsFailure failure, string hint) => failure switch
    {
        CorsFailure.MissingAllowOriginHeader => "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
        CorsFailure.MultipleAllowOriginValues => $"The 'Access-Control-Allow-Origin' header contains multiple values '{hint}', but only one is allowed.{ValidValueAdvice}",
        CorsFailure.InvalidAllowOriginValue => $"The 'Access-Control-Allow-Origin' header contains the invalid value '{hint}'.{ValidValueAdvice}",
        CorsFailure.AllowOriginMismatch => $"The 'Access-Control-Allow-Origin' header has a value '{hint}' that is not equal to the supplied origin.{ValidValueAdvice}",
        CorsFailure.WildcardOriginNotAllowed => "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
        CorsFailure.InvalidAllowCredentials => $"The value of the 'Access-Control-Allow-Credentials' header in the response is '{hint}' which must be 'true' when the request's credentials mode is 'include'.",
        CorsFailure.PreflightInvalidStatus => "It does not have HTTP ok status.",
        CorsFailure.PreflightDisallowedRedirect => "Redirect is not allowed for a preflight request.",
        CorsFailure.InvalidAllowMethodsPreflightResponse => "Cannot parse Access-Control-Allow-Methods response header field in preflight response.",
        CorsFailure.InvalidAllowHeadersPreflightResponse => "Cannot parse Access-Control-Allow-Headers response header field in preflight response.",
        CorsFailure.MethodDisallowedByPreflightResponse => $"Method {hint} is not allowed by Access-Control-Allow-Methods in preflight response.",
        CorsFailure.HeaderDisallowedByPreflightResponse => $"Request header field {hint} is not allowed by Access-Control-Allow-Headers in preflight response.",
        CorsFailure.RedirectContainsCredentials => $"Redirect location '{hint}' contains a username and password, which is disallowed for cross-origin requests.",
        _ => null,
    };
}
