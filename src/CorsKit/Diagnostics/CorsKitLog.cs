using Microsoft.Extensions.Logging;

namespace CorsKit.Diagnostics;

/// <summary>
/// Every log message CorsKit writes, source-generated, with stable event ids. Refusals log at Information: they are
/// expected in production (any site can send requests) but are the first thing to read when a browser reports a CORS
/// error. Allowed decisions log at Debug.
/// </summary>
internal static partial class CorsKitLog
{
    [LoggerMessage(EventId = CorsKitEvents.PreflightAllowed, EventName = nameof(CorsKitEvents.PreflightAllowed), Level = LogLevel.Debug,
        Message = "CORS preflight allowed by policy '{PolicyName}': origin {Origin}, method {Method}, headers {Headers}.")]
    public static partial void PreflightAllowed(ILogger logger, string policyName, string origin, string method, string headers);

    [LoggerMessage(EventId = CorsKitEvents.PreflightOriginRefused, EventName = nameof(CorsKitEvents.PreflightOriginRefused), Level = LogLevel.Information,
        Message = "CORS preflight refused by policy '{PolicyName}': origin {Origin} is not allowed. Allowed origins: {AllowedOrigins}.")]
    public static partial void PreflightOriginRefused(ILogger logger, string policyName, string origin, string allowedOrigins);

    [LoggerMessage(EventId = CorsKitEvents.PreflightMethodRefused, EventName = nameof(CorsKitEvents.PreflightMethodRefused), Level = LogLevel.Information,
        Message = "CORS preflight refused by policy '{PolicyName}': origin {Origin} asked for method {Method}, which is not allowed{CaseNote}. Allowed methods: {AllowedMethods}.")]
    public static partial void PreflightMethodRefused(ILogger logger, string policyName, string origin, string method, string caseNote, string allowedMethods);

    [LoggerMessage(EventId = CorsKitEvents.PreflightHeaderRefused, EventName = nameof(CorsKitEvents.PreflightHeaderRefused), Level = LogLevel.Information,
        Message = "CORS preflight refused by policy '{PolicyName}': origin {Origin} asked for request header {Header}, which is not allowed. Allowed headers: {AllowedHeaders}.")]
    public static partial void PreflightHeaderRefused(ILogger logger, string policyName, string origin, string header, string allowedHeaders);

    [LoggerMessage(EventId = CorsKitEvents.RequestAllowed, EventName = nameof(CorsKitEvents.RequestAllowed), Level = LogLevel.Debug,
        Message = "CORS request allowed by policy '{PolicyName}': origin {Origin}.")]
    public static partial void RequestAllowed(ILogger logger, string policyName, string origin);

    [LoggerMessage(EventId = CorsKitEvents.RequestOriginRefused, EventName = nameof(CorsKitEvents.RequestOriginRefused), Level = LogLevel.Information,
        Message = "CORS request refused by policy '{PolicyName}': origin {Origin} is not allowed, so the response carries no CORS headers and the browser hides it from script. Allowed origins: {AllowedOrigins}.")]
    public static partial void RequestOriginRefused(ILogger logger, string policyName, string origin, string allowedOrigins);

    [LoggerMessage(EventId = CorsKitEvents.AllowOriginAlreadySet, EventName = nameof(CorsKitEvents.AllowOriginAlreadySet), Level = LogLevel.Warning,
        Message = "The response already has Access-Control-Allow-Origin {Value} set by the application or another CORS middleware; CorsKit wrote none of its own CORS headers (two values fail in every browser) and added only Vary: Origin. Remove the other CORS code.")]
    public static partial void AllowOriginAlreadySet(ILogger logger, string value);

    [LoggerMessage(EventId = CorsKitEvents.PolicyNotFound, EventName = nameof(CorsKitEvents.PolicyNotFound), Level = LogLevel.Error,
        Message = "The endpoint {Endpoint} asks for {Policy}, which is not registered; every CORS request to it is refused. Register it with {Registration}.")]
    public static partial void PolicyNotFound(ILogger logger, string endpoint, string policy, string registration);

    [LoggerMessage(EventId = CorsKitEvents.PreflightToDisabledEndpoint, EventName = nameof(CorsKitEvents.PreflightToDisabledEndpoint), Level = LogLevel.Information,
        Message = "CORS preflight to {Endpoint} refused: CORS is disabled on that endpoint.")]
    public static partial void PreflightToDisabledEndpoint(ILogger logger, string endpoint);

    [LoggerMessage(EventId = CorsKitEvents.PredicateWithCredentials, EventName = nameof(CorsKitEvents.PredicateWithCredentials), Level = LogLevel.Warning,
        Message = "The CORS policy '{PolicyName}' allows credentials for origins accepted by a predicate (SetIsOriginAllowed). Make sure the predicate accepts only origins you trust with your users' sessions.")]
    public static partial void PredicateWithCredentials(ILogger logger, string policyName);

    [LoggerMessage(EventId = CorsKitEvents.CrossOriginWriteBlocked, EventName = nameof(CorsKitEvents.CrossOriginWriteBlocked), Level = LogLevel.Warning,
        Message = "Blocked a cross-origin {Method} to {Path} from origin {Origin}, which the CORS policy does not allow (BlockRefusedCrossOriginWrites is on); decided by {Signal}; the endpoint did not run.")]
    public static partial void CrossOriginWriteBlocked(ILogger logger, string method, string origin, string path, string signal);

    [LoggerMessage(EventId = CorsKitEvents.MiddlewareAfterAuthentication, EventName = nameof(CorsKitEvents.MiddlewareAfterAuthentication), Level = LogLevel.Warning,
        Message = "UseCorsKit() is placed after {Middleware}. Preflights carry no credentials, so authorization answers them 401/403 before CorsKit can, and the browser reports a CORS error. Fix: call app.UseCorsKit() before app.UseAuthentication() and app.UseAuthorization().")]
    public static partial void MiddlewareAfterAuthentication(ILogger logger, string middleware);

    [LoggerMessage(EventId = CorsKitEvents.ConfigurationReloaded, EventName = nameof(CorsKitEvents.ConfigurationReloaded), Level = LogLevel.Information,
        Message = "CorsKit configuration reloaded: {PolicyCount} policies in force.")]
    public static partial void ConfigurationReloaded(ILogger logger, int policyCount);

    [LoggerMessage(EventId = CorsKitEvents.PolicyChanged, EventName = nameof(CorsKitEvents.PolicyChanged), Level = LogLevel.Information,
        Message = "CorsKit policy '{PolicyName}' {Change} at run time.")]
    public static partial void PolicyChanged(ILogger logger, string policyName, string change);

    [LoggerMessage(EventId = CorsKitEvents.ConfigurationReloadFailed, EventName = nameof(CorsKitEvents.ConfigurationReloadFailed), Level = LogLevel.Error,
        Message = "The changed CorsKit configuration is invalid and was not applied; the last good policies stay in force. {Problems}")]
    public static partial void ConfigurationReloadFailed(ILogger logger, string problems);

    [LoggerMessage(EventId = CorsKitEvents.RoutingAfterCorsKit, EventName = nameof(CorsKitEvents.RoutingAfterCorsKit), Level = LogLevel.Error,
        Message = "UseCorsKit() runs before UseRouting(): routing matched {Endpoint} only after CorsKit had applied the app-wide policy, so endpoint policies ([EnableCorsKit], RequireCorsKit, DisableCorsKit) are ignored. Fix: call app.UseCorsKit() after app.UseRouting().")]
    public static partial void RoutingAfterCorsKit(ILogger logger, string endpoint);

    [LoggerMessage(EventId = CorsKitEvents.EndpointCheckSkipped, EventName = nameof(CorsKitEvents.EndpointCheckSkipped), Level = LogLevel.Warning,
        Message = "CorsKit could not list the endpoints of {DataSource} to check their CORS preflight routing: {Problem}")]
    public static partial void EndpointCheckSkipped(ILogger logger, string dataSource, string problem);

    [LoggerMessage(EventId = CorsKitEvents.ImplicitAuthorizationBeforeCorsKit, EventName = nameof(CorsKitEvents.ImplicitAuthorizationBeforeCorsKit), Level = LogLevel.Warning,
        Message = "Authorization will run before CorsKit: {Services} registered, the app never calls {Calls}, so WebApplication inserts them at the start of the pipeline, and {Requirement}. CORS preflights carry no credentials, so they will be answered 401/403 without CORS headers and the browser reports \"No 'Access-Control-Allow-Origin' header is present\". Fix: call app.UseCorsKit() and then app.UseAuthentication() and app.UseAuthorization() yourself, in that order.")]
    public static partial void ImplicitAuthorizationBeforeCorsKit(ILogger logger, string services, string calls, string requirement);

    [LoggerMessage(EventId = CorsKitEvents.NoPolicyApplies, EventName = nameof(CorsKitEvents.NoPolicyApplies), Level = LogLevel.Warning,
        Message = "UseCorsKit() is in the pipeline but no CORS policy applies to any endpoint: there is no default policy{Registered}, UseCorsKit() names none, no endpoint carries [EnableCorsKit] or RequireCorsKit(...), and no ICorsKitPolicyProvider is registered. Every CORS request will get no CORS headers and preflights will get routing's 405. Fix: register a default policy (AddCorsKit(cors => cors.AddDefaultPolicy(...)) or a \"DefaultPolicy\" section), call UseCorsKit(\"name\"), or put a policy on the endpoints.")]
    public static partial void NoPolicyApplies(ILogger logger, string registered);

    [LoggerMessage(EventId = CorsKitEvents.ConfigurationSectionMissing, EventName = nameof(CorsKitEvents.ConfigurationSectionMissing), Level = LogLevel.Warning,
        Message = "AddCorsKit(configuration) was given the section '{Path}', which does not exist or is empty, so it registers no policy. Check the section name (case-insensitive, ':' between levels) against your appsettings.json: the usual one is builder.Configuration.GetSection(\"CorsKit\").")]
    public static partial void ConfigurationSectionMissing(ILogger logger, string path);

    [LoggerMessage(EventId = CorsKitEvents.PreflightRejectedBeforeCorsKit, EventName = nameof(CorsKitEvents.PreflightRejectedBeforeCorsKit), Level = LogLevel.Warning,
        Message = "A CORS preflight ({Method} {Path} from origin {Origin}) was answered {Status} before it reached CorsKit: authentication or authorization (or another middleware that checks credentials) runs before UseCorsKit(). Preflights never carry credentials, so the browser reports \"No 'Access-Control-Allow-Origin' header is present\". Fix: call app.UseCorsKit() before app.UseAuthentication() and app.UseAuthorization(), and call both yourself so WebApplication does not insert them first.")]
    public static partial void PreflightRejectedBeforeCorsKit(ILogger logger, string method, string path, string origin, int status);

    [LoggerMessage(EventId = CorsKitEvents.PreflightRedirectedBeforeCorsKit, EventName = nameof(CorsKitEvents.PreflightRedirectedBeforeCorsKit), Level = LogLevel.Warning,
        Message = "A CORS preflight ({Method} {Path} from origin {Origin}) was redirected ({Status} to {Location}) before it reached CorsKit, typically by UseHttpsRedirection(). Browsers never follow a redirect for a preflight (\"Redirect is not allowed for a preflight request\"). Fix: have the front end call the final URL (https, the right host and path) directly.")]
    public static partial void PreflightRedirectedBeforeCorsKit(ILogger logger, string method, string path, string origin, int status, string location);

    [LoggerMessage(EventId = CorsKitEvents.PreflightThrottledBeforeCorsKit, EventName = nameof(CorsKitEvents.PreflightThrottledBeforeCorsKit), Level = LogLevel.Warning,
        Message = "A CORS preflight ({Method} {Path} from origin {Origin}) was answered 429 before it reached CorsKit: a rate limiter runs before UseCorsKit() and counts preflights. The browser reports a CORS error, not the limit. Fix: exempt OPTIONS preflights from the limiter, or give the browser CORS headers on 429 by placing UseCorsKit() before the limiter.")]
    public static partial void PreflightThrottledBeforeCorsKit(ILogger logger, string method, string path, string origin);

    [LoggerMessage(EventId = CorsKitEvents.PreflightAnsweredByAnotherCorsMiddleware, EventName = nameof(CorsKitEvents.PreflightAnsweredByAnotherCorsMiddleware), Level = LogLevel.Warning,
        Message = "A CORS preflight ({Method} {Path} from origin {Origin}) was answered {Status} with Access-Control-Allow-Origin {AllowOrigin} by something other than CorsKit, before it reached UseCorsKit(): most likely Microsoft's CORS middleware (app.UseCors()) or hand-written CORS code. CorsKit's policies (and DisableCorsKit) are bypassed for every preflight. Fix: remove app.UseCors() and builder.Services.AddCors(...) (CorsKit replaces them), or the hand-written code.")]
    public static partial void PreflightAnsweredByAnotherCorsMiddleware(ILogger logger, string method, string path, string origin, int status, string allowOrigin);

    [LoggerMessage(EventId = CorsKitEvents.PreflightAnsweredBeforeCorsKit, EventName = nameof(CorsKitEvents.PreflightAnsweredBeforeCorsKit), Level = LogLevel.Warning,
        Message = "A CORS preflight ({Method} {Path} from origin {Origin}) was answered {Status} before it reached CorsKit, without CORS headers: a middleware placed before UseCorsKit() (an API-key check, a custom OPTIONS handler, app.UseCors() refusing it, a short-circuiting endpoint) answered OPTIONS itself. Fix: place app.UseCorsKit() before it, or let it pass OPTIONS requests that carry Origin and Access-Control-Request-Method.")]
    public static partial void PreflightAnsweredBeforeCorsKit(ILogger logger, string method, string path, string origin, int status);

    [LoggerMessage(EventId = CorsKitEvents.PrivateNetworkAccessPreflight, EventName = nameof(CorsKitEvents.PrivateNetworkAccessPreflight), Level = LogLevel.Information,
        Message = "A CORS preflight from origin {Origin} carries Access-Control-Request-Private-Network. Chrome's Private Network Access preflights are retired; Local Network Access is now a permission the user grants in the browser, and no response header can grant it. CorsKit answers the preflight as a normal one and sends no Access-Control-Allow-Private-Network.")]
    public static partial void PrivateNetworkAccessPreflight(ILogger logger, string origin);

    [LoggerMessage(EventId = CorsKitEvents.PreflightWithoutPolicy, EventName = nameof(CorsKitEvents.PreflightWithoutPolicy), Level = LogLevel.Warning,
        Message = "A CORS preflight ({Path} from origin {Origin}) reached CorsKit but no policy applies to its endpoint {Endpoint}: it was passed on, and routing answers it (usually 405). Fix: register a default policy, call UseCorsKit(\"name\"), or put RequireCorsKit(...) / [EnableCorsKit] on the endpoint. Logged once.")]
    public static partial void PreflightWithoutPolicy(ILogger logger, string path, string origin, string endpoint);

    [LoggerMessage(EventId = CorsKitEvents.OriginLookupFailed, EventName = nameof(CorsKitEvents.OriginLookupFailed), Level = LogLevel.Warning,
        Message = "The CORS origin source failed {Count} time(s) since the last report ({Reason} for origin {Origin}, tenant {Tenant}, policy '{PolicyName}'); those requests were refused (fail closed) and nothing was cached. Logged at most once per FailureLogInterval.")]
    public static partial void OriginLookupFailed(ILogger logger, long count, string reason, string origin, string tenant, string policyName, Exception? exception);

    [LoggerMessage(EventId = CorsKitEvents.OriginLookupBudgetExhausted, EventName = nameof(CorsKitEvents.OriginLookupBudgetExhausted), Level = LogLevel.Warning,
        Message = "The CORS origin lookup budget ({Rate}/s, burst {Burst}) is exhausted: {Count} uncached origin(s) were refused without a lookup since the last report (latest {Origin}). A flood of distinct origins causes this; legitimate new origins are refused until the budget refills. Logged at most once per FailureLogInterval.")]
    public static partial void OriginLookupBudgetExhausted(ILogger logger, double rate, int burst, long count, string origin);

    [LoggerMessage(EventId = CorsKitEvents.OriginSourceNotRegistered, EventName = nameof(CorsKitEvents.OriginSourceNotRegistered), Level = LogLevel.Error,
        Message = "The CORS policy '{PolicyName}' uses AllowOriginsFromSource(), but no origin source is registered: origins it does not list are refused. Register one with builder.Services.AddCorsKitOriginSource<TSource>(). Logged once.")]
    public static partial void OriginSourceNotRegistered(ILogger logger, string policyName);

    [LoggerMessage(EventId = CorsKitEvents.EndpointReport, EventName = nameof(CorsKitEvents.EndpointReport), Level = LogLevel.Information,
        Message = "CORS set-up of {EndpointCount} endpoints (logged once, in Development only; app.MapCorsKitReport() serves it as a page): {Report}")]
    public static partial void EndpointReport(ILogger logger, int endpointCount, string report);
}
