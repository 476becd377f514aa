namespace CorsKit.Testing.Messages;

/// <summary>
/// Firefox's <c>(Reason: …)</c> fragments, for the refusal kinds whose wording has been recorded (issue 14 of this
/// project); every other kind returns an empty string rather than a guess. Firefox does not name the refused method.
/// </summary>
internal static class FirefoxMessages
{
    public static string Format(CorsFailure failure, string hint, int status) => failure switch
    {
        CorsFailure.MissingAllowOriginHeader => $"(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}.",
        CorsFailure.MethodDisallowedByPreflightResponse => "(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).",
        CorsFailure.HeaderDisallowedByPreflightResponse => $"(Reason: header ‘{hint}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).",
        CorsFailure.InvalidAllowCredentials => "(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).",
        CorsFailure.WildcardOriginNotAllowed => "(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).",
        _ => string.Empty,
    };
}
