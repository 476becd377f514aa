namespace CorsKit.Testing.Messages;

/// <summary>The most likely cause of a refusal and its fix, from what the exchange shows.</summary>
internal static class Diagnosis
{
    public static (string Cause, string Fix) Explain(CorsFailure failure, string hint, bool atPreflight, CorsExchange? exchange, CorsRequest request)
    {
        var status = exchange?.StatusCode ?? 0;
        var what = atPreflight ? "the preflight answer" : "the response";
        return failure switch
        {
            CorsFailure.MissingAllowOriginHeader when atPreflight && status is 401 or 403 => (
                $"the preflight was answered {status} without CORS headers: authentication or authorization ran before CORS (a preflight never carries credentials).",
                "run the CORS middleware before UseAuthentication()/UseAuthorization() (app.UseCorsKit() or app.UseCors() first)."),
            CorsFailure.MissingAllowOriginHeader when atPreflight && status is 404 or 405 => (
                $"the preflight was answered {status}: no CORS policy handled OPTIONS for this URL, so routing answered it.",
                "apply a CORS policy to the endpoint (a default policy, RequireCorsKit/[EnableCorsKit], or RequireCors) so preflights for its methods reach the middleware."),
            CorsFailure.MissingAllowOriginHeader => (
                $"{what} has no Access-Control-Allow-Origin: the origin '{request.Origin}' is not allowed by the policy, or no CORS policy applies to {request.Url.AbsolutePath}.",
                $"add '{request.Origin}' to the policy's origins (exactly: scheme, host and port), and check that a policy applies to this endpoint."),
            CorsFailure.MultipleAllowOriginValues => (
                $"{what} carries Access-Control-Allow-Origin '{hint}': two components (two CORS middlewares, a proxy, hand-written headers) each added a value.",
                "let exactly one component write the CORS headers; remove the others."),
            CorsFailure.InvalidAllowOriginValue => (
                $"{what} carries Access-Control-Allow-Origin '{hint}', which is not an origin.",
                "send the request's origin exactly (scheme://host[:port]) or '*'."),
            CorsFailure.AllowOriginMismatch => (
                $"{what} allows '{hint}', not '{request.Origin}': a fixed value, a cached response without 'Vary: Origin', or a different origin spelling (trailing slash, port, scheme).",
                $"echo the request's origin when it is allowed (and send 'Vary: Origin'), or list '{request.Origin}'."),
            CorsFailure.WildcardOriginNotAllowed => (
                $"{what} allows any origin ('*') but the request is sent with credentials: '*' never allows credentials.",
                "list the trusted origins and allow credentials (the exact origin is then echoed with Access-Control-Allow-Credentials: true), or stop sending credentials."),
            CorsFailure.InvalidAllowCredentials => (
                $"the request is sent with credentials but {what} has Access-Control-Allow-Credentials '{hint}' instead of 'true': the policy does not allow credentials.",
                "allow credentials in the policy (AllowCredentials()), or call fetch() without credentials: 'include'."),
            CorsFailure.PreflightInvalidStatus when status is 401 or 403 => (
                $"the preflight was answered {status}: authentication or authorization ran before the CORS middleware answered it.",
                "run the CORS middleware before UseAuthentication()/UseAuthorization(); preflights carry no credentials."),
            CorsFailure.PreflightInvalidStatus when status is 404 or 405 => (
                $"the preflight was answered {status}: the CORS middleware added headers but the app, not CORS, answered OPTIONS.",
                "apply the CORS policy to the endpoint so the middleware answers its preflights (RequireCorsKit/[EnableCorsKit], or RequireCors)."),
            CorsFailure.PreflightInvalidStatus => (
                $"the preflight was answered {status}, not 200-299: the endpoint or a middleware handled OPTIONS itself, or threw.",
                "let the CORS middleware answer preflights (204) before anything else handles OPTIONS."),
            CorsFailure.PreflightDisallowedRedirect => (
                $"the preflight was redirected{(exchange?.ResponseHeader("Location") is { } location ? " to " + location : string.Empty)}: browsers never follow a preflight's redirect (HTTPS redirection, a missing trailing slash, a login page).",
                "call the API at its final URL (https, exact path); do not redirect OPTIONS."),
            CorsFailure.InvalidAllowMethodsPreflightResponse => (
                "Access-Control-Allow-Methods is not a comma-separated list of method names.",
                "send the methods separated by commas, e.g. 'PUT, DELETE'."),
            CorsFailure.InvalidAllowHeadersPreflightResponse => (
                "Access-Control-Allow-Headers is not a comma-separated list of header names.",
                "send the header names separated by commas, e.g. 'content-type, x-request-id'."),
            CorsFailure.MethodDisallowedByPreflightResponse => (
                $"the preflight answer does not allow the method {hint} (Access-Control-Allow-Methods: '{exchange?.ResponseHeader("Access-Control-Allow-Methods") ?? string.Empty}'). Methods are case-sensitive: 'patch' is not 'PATCH'.",
                $"add {hint} to the policy's methods, or send the method in the case the policy lists."),
            CorsFailure.HeaderDisallowedByPreflightResponse => (
                $"the preflight answer does not allow the request header {hint} (Access-Control-Allow-Headers: '{exchange?.ResponseHeader("Access-Control-Allow-Headers") ?? string.Empty}').",
                $"add {hint} to the policy's headers, or stop sending it."),
            CorsFailure.RedirectContainsCredentials => (
                $"the response redirects to '{hint}', which carries a user name or password.",
                "redirect to a URL without credentials."),
            CorsFailure.TooManyRedirects => (
                "the request was redirected more than 20 times.",
                "fix the redirect loop."),
            CorsFailure.NetworkError => (
                $"no HTTP response: {hint}",
                "check the URL, that the server runs and is reachable, and its TLS certificate."),
            _ => (string.Empty, string.Empty),
        };
    }
}
