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
        Message = "Blocked a cross-origin {Method} to {Path} from origin {Origin}, which the CORS policy does not allow (BlockRefusedCrossOriginWrites is on); the endpoint did not run.")]
    public static partial void CrossOriginWriteBlocked(ILogger logger, string method, string origin, string path);

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
}
