namespace CorsKit;

/// <summary>
/// The event ids of every log entry CorsKit writes (category <c>CorsKit</c>), for log filters, alerts and tests. Ids are
/// stable: a new event gets a new id, and an id is never reused.
/// </summary>
public static class CorsKitEvents
{
    /// <summary>Debug: Preflight allowed</summary>
    public const int PreflightAllowed = 1;

    /// <summary>Information: Preflight origin not allowed (lists the allowed origins)</summary>
    public const int PreflightOriginRefused = 2;

    /// <summary>Information: Requested method not allowed (lists the allowed methods)</summary>
    public const int PreflightMethodRefused = 3;

    /// <summary>Information: A requested header not allowed (names it, lists the allowed headers)</summary>
    public const int PreflightHeaderRefused = 4;

    /// <summary>Debug: Actual request allowed</summary>
    public const int RequestAllowed = 5;

    /// <summary>Information: Actual request's origin not allowed</summary>
    public const int RequestOriginRefused = 6;

    /// <summary>Warning: The application (or another CORS middleware) set <c>Access-Control-Allow-Origin</c> itself; CorsKit writes none of its own CORS headers there, adds only <c>Vary: Origin</c>, and names the value</summary>
    public const int AllowOriginAlreadySet = 7;

    /// <summary>Error: An endpoint names an unregistered policy</summary>
    public const int PolicyNotFound = 8;

    /// <summary>Information: Preflight to an endpoint with CORS disabled</summary>
    public const int PreflightToDisabledEndpoint = 9;

    /// <summary>Warning: A policy combines <c>SetIsOriginAllowed</c> with credentials</summary>
    public const int PredicateWithCredentials = 10;

    /// <summary>Warning: <c>BlockRefusedCrossOriginWrites</c> answered 403 (the message names the deciding signal:
    /// <c>Sec-Fetch-Site</c>, or the <c>Origin</c> fallback when the browser sent none)</summary>
    public const int CrossOriginWriteBlocked = 11;

    /// <summary>Warning: <c>UseCorsKit()</c> is placed after <c>UseAuthentication()</c>/<c>UseAuthorization()</c></summary>
    public const int MiddlewareAfterAuthentication = 12;

    /// <summary>Information: The configuration section changed and the new policies are in force</summary>
    public const int ConfigurationReloaded = 13;

    /// <summary>Information: A policy was replaced or removed through <c>ICorsKitPolicyRegistry</c></summary>
    public const int PolicyChanged = 14;

    /// <summary>Error: A changed configuration is invalid; the last good policies stay in force</summary>
    public const int ConfigurationReloadFailed = 15;

    /// <summary>Error: <c>UseCorsKit()</c> runs before <c>UseRouting()</c>, so endpoint policies are never seen.</summary>
    public const int RoutingAfterCorsKit = 16;

    /// <summary>Warning: the startup check of endpoint metadata could not read an endpoint data source.</summary>
    public const int EndpointCheckSkipped = 17;

    /// <summary>Warning, at startup: authorization is registered, the app never calls <c>UseAuthorization()</c>, and
    /// something requires an authenticated user, so WebApplication inserts authorization before CorsKit.</summary>
    public const int ImplicitAuthorizationBeforeCorsKit = 18;

    /// <summary>Warning, at startup: <c>UseCorsKit()</c> is in the pipeline but no policy applies to any endpoint.</summary>
    public const int NoPolicyApplies = 19;

    /// <summary>Warning, at startup: the configuration section given to <c>AddCorsKit</c> does not exist or is empty.</summary>
    public const int ConfigurationSectionMissing = 20;

    /// <summary>Warning, once: a preflight was answered 401/403 before it reached CorsKit.</summary>
    public const int PreflightRejectedBeforeCorsKit = 21;

    /// <summary>Warning, once: a preflight was redirected before it reached CorsKit.</summary>
    public const int PreflightRedirectedBeforeCorsKit = 22;

    /// <summary>Warning, once: a preflight was answered 429 (rate limited) before it reached CorsKit.</summary>
    public const int PreflightThrottledBeforeCorsKit = 23;

    /// <summary>Warning, once: another CORS middleware (or hand-written code) answered a preflight before CorsKit.</summary>
    public const int PreflightAnsweredByAnotherCorsMiddleware = 24;

    /// <summary>Warning, once: a middleware before CorsKit answered a preflight itself, without CORS headers.</summary>
    public const int PreflightAnsweredBeforeCorsKit = 25;

    /// <summary>Information, once: a preflight asked for Private Network Access, which no response header can grant.</summary>
    public const int PrivateNetworkAccessPreflight = 26;

    /// <summary>Warning, once: a preflight reached CorsKit but no policy applies to its endpoint.</summary>
    public const int PreflightWithoutPolicy = 27;

    /// <summary>Warning, at most once per <see cref="CorsKitOriginSourceOptions.FailureLogInterval"/>: lookups of the
    /// <see cref="ICorsKitOriginSource"/> failed or timed out, and the requests were refused (fail closed).</summary>
    public const int OriginLookupFailed = 28;

    /// <summary>Warning, at most once per <see cref="CorsKitOriginSourceOptions.FailureLogInterval"/>: the lookup budget
    /// was exhausted, and uncached origins were refused without a lookup.</summary>
    public const int OriginLookupBudgetExhausted = 29;

    /// <summary>Error, once: a policy uses <c>AllowOriginsFromSource()</c> but no <see cref="ICorsKitOriginSource"/> is
    /// registered; origins that need the source are refused.</summary>
    public const int OriginSourceNotRegistered = 30;

    /// <summary>Information, once at startup in Development: every endpoint, the CorsKit policy that applies to it, and
    /// whether its preflights reach CorsKit (inferred, see <see cref="CorsKitEndpointReport"/>). Ids 28 to 39 are left to
    /// events added alongside it.</summary>
    public const int EndpointReport = 40;
}
