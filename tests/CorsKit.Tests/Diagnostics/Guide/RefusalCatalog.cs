namespace CorsKit.Tests.Diagnostics.Guide;

/// <summary>
/// The facts behind docs/troubleshooting.md, one <see cref="RefusalKind"/> per entry: the console texts of Chromium and
/// Firefox, verbatim, the CorsKit event and the fix. <c>TroubleshootingGuideTests</c> checks that the guide states
/// each of them; the browser suite (which compiles this file too) checks that every console message it observes in
/// either engine matches a template listed here and quoted in the guide. Firefox's texts are its own message catalog
/// (<c>security.properties</c>), with <c>%1$S</c>-style arguments written as named placeholders.
/// </summary>
public static class RefusalCatalog
{
    private const string Chromium = "Access to fetch at '{url}' from origin '{origin}' has been blocked by CORS policy: ";
    private const string Firefox = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: ";

    public static readonly RefusalKind OriginNotAllowed = new()
    {
        Heading = "No 'Access-Control-Allow-Origin' header is present on the requested resource",
        Chromium =
        [
            new(Chromium + "No 'Access-Control-Allow-Origin' header is present on the requested resource."),
            new(Chromium + "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."),
        ],
        Firefox = [new(Firefox + "CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}.")],
        Event = "`RequestOriginRefused` (6) or `PreflightOriginRefused` (2); when CorsKit never answered: `PreflightRejectedBeforeCorsKit` (21), `ImplicitAuthorizationBeforeCorsKit` (18), `PreflightWithoutPolicy` (27) or `NoPolicyApplies` (19)",
        EventNames = ["RequestOriginRefused", "PreflightOriginRefused"],
        Fix = "add the origin to the policy (`WithOrigins`, or `Origins` in configuration)",
    };

    public static readonly RefusalKind AllowOriginMismatch = new()
    {
        Heading = "The 'Access-Control-Allow-Origin' header has a value that is not equal to the supplied origin",
        Chromium =
        [
            new(Chromium + "The 'Access-Control-Allow-Origin' header has a value '{value}' that is not equal to the supplied origin. Have the server send the header with a valid value."),
            new(Chromium + "The 'Access-Control-Allow-Origin' header contains multiple values '{value}', but only one is allowed. Have the server send the header with a valid value."),
        ],
        Firefox =
        [
            new(Firefox + "CORS header ‘Access-Control-Allow-Origin’ does not match ‘{value}’)."),
            new(Firefox + "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed)."),
        ],
        Event = "`AllowOriginAlreadySet` (7)",
        EventNames = ["AllowOriginAlreadySet"],
        Fix = "remove the other CORS code and let CorsKit own the CORS headers",
    };

    public static readonly RefusalKind WildcardWithCredentials = new()
    {
        Heading = "The value of the 'Access-Control-Allow-Origin' header must not be the wildcard '*' when the request's credentials mode is 'include'",
        Chromium = [new(Chromium + "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.")],
        Firefox = [new("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{url}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).")],
        Event = "startup failure: `CorsKitConfigurationException`",
        EventNames = [],
        Fix = "list the trusted origins with `WithOrigins(...)` and call `AllowCredentials()`",
    };

    public static readonly RefusalKind CredentialsNotAllowed = new()
    {
        Heading = "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true'",
        Chromium = [new(Chromium + "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.")],
        Firefox = [new(Firefox + "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).")],
        Event = "`RequestAllowed` (5), with no `Access-Control-Allow-Credentials`",
        EventNames = ["RequestAllowed"],
        Fix = "call `AllowCredentials()` on the policy, or stop sending credentials from the front end",
    };

    public static readonly RefusalKind MethodNotAllowed = new()
    {
        Heading = "Method PUT is not allowed by Access-Control-Allow-Methods in preflight response",
        Chromium = [new(Chromium + "Method {method} is not allowed by Access-Control-Allow-Methods in preflight response.")],
        Firefox = [new(Firefox + "Did not find method in CORS header ‘Access-Control-Allow-Methods’).")],
        Event = "`PreflightMethodRefused` (3)",
        EventNames = ["PreflightMethodRefused"],
        Fix = "add the method, or send it upper-case from the front end",
    };

    public static readonly RefusalKind HeaderNotAllowed = new()
    {
        Heading = "Request header field x-custom is not allowed by Access-Control-Allow-Headers in preflight response",
        Chromium = [new(Chromium + "Request header field {header} is not allowed by Access-Control-Allow-Headers in preflight response.")],
        Firefox = [new(Firefox + "header ‘{header}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).")],
        Event = "`PreflightHeaderRefused` (4)",
        EventNames = ["PreflightHeaderRefused"],
        Fix = "add the header with `WithHeaders`, or stop sending it",
    };

    public static readonly RefusalKind PreflightNotOk = new()
    {
        Heading = "Response to preflight request doesn't pass access control check: It does not have HTTP ok status",
        Chromium = [new(Chromium + "Response to preflight request doesn't pass access control check: It does not have HTTP ok status.")],
        Firefox = [new(Firefox + "CORS preflight response did not succeed). Status code: {status}.")],
        Event = "`PreflightAnsweredBeforeCorsKit` (25), `PreflightThrottledBeforeCorsKit` (23) or `PreflightAnsweredByAnotherCorsMiddleware` (24); `MiddlewareAfterAuthentication` (12) at startup",
        EventNames = ["MiddlewareAfterAuthentication"],
        Fix = "call `app.UseCorsKit()` before `app.UseAuthentication()` and `app.UseAuthorization()`",
    };

    public static readonly RefusalKind PreflightRedirected = new()
    {
        Heading = "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request",
        Chromium = [new(Chromium + "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.")],
        // Firefox checks the redirect response for Access-Control-Allow-Origin first, so a redirected preflight reads
        // as a missing header with the redirect's status.
        Firefox =
        [
            new(Firefox + "CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 307."),
            new(Firefox + "CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 308."),
            new(Firefox + "CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 301."),
            new(Firefox + "CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 302."),
            new(Firefox + "CORS request external redirect not allowed)."),
        ],
        Event = "`PreflightRedirectedBeforeCorsKit` (22), with the status and `Location`",
        EventNames = ["PreflightRedirectedBeforeCorsKit"],
        Fix = "call the API by its final URL (`https://…`, the exact path)",
    };

    /// <summary>Messages that come with one of the above (or mean that no HTTP response arrived at all).</summary>
    public static readonly RefusalKind Accompanying = new()
    {
        Heading = "Messages that come with the ones above",
        Chromium =
        [
            new("Failed to load resource: net::ERR_FAILED"),
            new("Failed to load resource: the server responded with a status of {status} ({reason})"),
        ],
        Firefox = [new(Firefox + "CORS request did not succeed). Status code: (null).")],
        Event = "none: these messages never name the cause",
        EventNames = [],
        Fix = "read the message printed just before it; alone, it means no HTTP response arrived (server down, wrong port, TLS or DNS failure)",
    };

    /// <summary>Every entry, in the guide's order.</summary>
    public static readonly IReadOnlyList<RefusalKind> All =
    [
        OriginNotAllowed,
        AllowOriginMismatch,
        WildcardWithCredentials,
        CredentialsNotAllowed,
        MethodNotAllowed,
        HeaderNotAllowed,
        PreflightNotOk,
        PreflightRedirected,
        Accompanying,
    ];
}
