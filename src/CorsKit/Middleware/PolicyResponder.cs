using CorsKit.Compilation;
using CorsKit.Diagnostics;
using CorsKit.Evaluation;
using CorsKit.Protocol;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Middleware;

/// <summary>
/// Applies one policy to requests: answers preflights and decorates actual responses, and explains each decision in
/// the log, the metrics and (opt-in) a response header. One instance per policy, made once, so the response callbacks
/// are allocated once too (no closure per request).
/// </summary>
internal sealed class PolicyResponder
{
    private static readonly StringValues True = "true";

    // Set on a re-executed request (exception handler, status-code pages) when its quiet callback wrote the headers, so
    // the original request's callback, which runs after it, knows they are CorsKit's and not the application's. Only
    // error re-executions ever touch Items: the normal path stays allocation-free.
    private static readonly object WrittenByCorsKit = new();

    private readonly CorsKitDiagnostics _diagnostics;
    private readonly ILogger _logger;
    private readonly Func<object, Task> _decorateCrossOrigin;
    private readonly Func<object, Task> _decorateCrossOriginQuietly;
    private readonly Func<object, Task> _addVaryOrigin;
    private readonly Func<object, Task> _writeAnyOrigin;
    private string? _allowedOriginsForLog;
    private string? _allowedMethodsForLog;

    public PolicyResponder(string policyName, CorsKitPolicy policy, CorsKitDiagnostics diagnostics)
    {
        PolicyName = policyName;
        Policy = new CompiledPolicy(policy, policyName);
        _diagnostics = diagnostics;
        _logger = diagnostics.Logger;
        _decorateCrossOrigin = state => DecorateCrossOrigin(state, explain: true);
        _decorateCrossOriginQuietly = state => DecorateCrossOrigin(state, explain: false);
        _addVaryOrigin = AddVaryOrigin;
        _writeAnyOrigin = WriteAnyOrigin;
    }

    public string PolicyName { get; }

    public CompiledPolicy Policy { get; }

    /// <summary>Answers a preflight itself; the endpoint never runs.</summary>
    public Task AnswerPreflight(HttpContext context)
    {
        var requestHeaders = context.Request.Headers;
        var response = context.Response;
        var headers = response.Headers;
        var origin = requestHeaders.Origin;

        response.StatusCode = Policy.PreflightSuccessStatusCode;
        if (response.StatusCode != StatusCodes.Status204NoContent)
        {
            response.ContentLength = 0;
        }

        var decision = PreflightEvaluator.Evaluate(Policy, origin, requestHeaders.AccessControlRequestMethod, requestHeaders.AccessControlRequestHeaders);

        // Any-origin answers are the same for every well-formed origin; only a refused malformed one makes them vary.
        VaryHeader.AddPreflight(headers, includeOrigin: !Policy.RespondsWithAnyOrigin || decision.Refusal == CorsRefusal.Origin);
        if (decision.Refusal == CorsRefusal.Origin)
        {
            RefusedOrigin(MetricTags.Preflight, origin, headers);
            return Task.CompletedTask;
        }

        // The origin is allowed: even when the method or a header is refused, send ACAO and the allowed lists so the
        // browser's console names the offending method or header instead of a generic origin error.
        headers.AccessControlAllowOrigin = Policy.RespondsWithAnyOrigin ? Policy.AllowOriginValue : origin;
        if (Policy.SupportsCredentials)
        {
            headers.AccessControlAllowCredentials = True;
        }

        if (decision.AllowMethods.Count > 0)
        {
            headers.AccessControlAllowMethods = decision.AllowMethods;
        }

        if (decision.AllowHeaders.Count > 0)
        {
            headers.AccessControlAllowHeaders = decision.AllowHeaders;
        }

        if (decision.IsAllowed && Policy.MaxAgeValue.Count > 0)
        {
            headers.AccessControlMaxAge = Policy.MaxAgeValue;
        }

        ExplainPreflight(decision.Refusal, origin, requestHeaders, headers);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Arranges for the CORS headers of an actual response to be written when it starts. Writing them then (rather than
    /// now) keeps them on responses that exception handlers and status-code pages rewrite, and lets CorsKit see an
    /// <c>Access-Control-Allow-Origin</c> the application set itself.
    /// </summary>
    public void DecorateActualResponse(HttpContext context, bool isCrossOrigin)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        // Not CORS (or same-origin) responses can still be cached and later served to a CORS request, so they carry
        // what a CORS response would: Vary: Origin, or, for a constant "*" policy, the "*" itself (Fetch, "CORS protocol
        // and HTTP caches").
        var callback = !isCrossOrigin ? (Policy.RespondsWithAnyOrigin ? _writeAnyOrigin : _addVaryOrigin)
            : IsReExecution(context) ? _decorateCrossOriginQuietly
            : _decorateCrossOrigin;
        response.OnStarting(callback, context);
    }

    // An exception handler or status-code page re-running the pipeline. The original request's callback, if it reached
    // CorsKit, is still registered (Response.Clear() keeps OnStarting callbacks) and explains the decision; this one only
    // makes sure the headers are there when the original request failed before reaching CorsKit. Both re-executors set
    // the error status first, so the feature lookups are only paid on error responses.
    private static bool IsReExecution(HttpContext context) =>
        context.Response.StatusCode >= StatusCodes.Status400BadRequest
        && (context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null);

    private Task AddVaryOrigin(object state)
    {
        VaryHeader.AddOrigin(((HttpContext)state).Response.Headers);
        return Task.CompletedTask;
    }

    private Task WriteAnyOrigin(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        if (headers.AccessControlAllowOrigin.Count == 0)
        {
            headers.AccessControlAllowOrigin = Policy.AllowOriginValue;
            if (Policy.ExposeHeadersValue.Count > 0)
            {
                headers.AccessControlExposeHeaders = Policy.ExposeHeadersValue;
            }
        }

        return Task.CompletedTask;
    }

    private Task DecorateCrossOrigin(object state, bool explain)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        var origin = context.Request.Headers.Origin;
        if (headers.AccessControlAllowOrigin.Count > 0)
        {
            AllowOriginSetByOthers(context, explain);
            return Task.CompletedTask;
        }

        if (!Policy.Origins.IsAllowed(origin))
        {
            VaryHeader.AddOrigin(headers);
            if (explain)
            {
                RefusedOrigin(MetricTags.Actual, origin, headers);
            }

            return Task.CompletedTask;
        }

        if (!Policy.RespondsWithAnyOrigin)
        {
            VaryHeader.AddOrigin(headers);
        }

        headers.AccessControlAllowOrigin = Policy.RespondsWithAnyOrigin ? Policy.AllowOriginValue : origin;
        if (Policy.SupportsCredentials)
        {
            headers.AccessControlAllowCredentials = True;
        }

        if (Policy.ExposeHeadersValue.Count > 0)
        {
            headers.AccessControlExposeHeaders = Policy.ExposeHeadersValue;
        }

        if (!explain)
        {
            context.Items[WrittenByCorsKit] = WrittenByCorsKit;
            return Task.CompletedTask;
        }

        _diagnostics.Metrics.Allowed(MetricTags.Actual);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            CorsKitLog.RequestAllowed(_logger, PolicyName, LogValue.Quote(origin));
        }

        return Task.CompletedTask;
    }

    // Access-Control-Allow-Origin is already there. Either CorsKit's own callback of a re-executed error request wrote it
    // (marked in Items), or the application (or another CORS middleware) did: CorsKit never writes a second value, which
    // every browser rejects, but the response still depends on the request's origin, so it gets Vary: Origin, and the
    // duplicate CORS code is reported.
    private void AllowOriginSetByOthers(HttpContext context, bool explain)
    {
        if (context.Items.ContainsKey(WrittenByCorsKit))
        {
            return;
        }

        var headers = context.Response.Headers;
        VaryHeader.AddOrigin(headers);
        if (explain && _logger.IsEnabled(LogLevel.Warning))
        {
            CorsKitLog.AllowOriginAlreadySet(_logger, LogValue.Quote(headers.AccessControlAllowOrigin));
        }
    }

    private void RefusedOrigin(string kind, StringValues origin, IHeaderDictionary responseHeaders)
    {
        _diagnostics.Metrics.Refused(kind, MetricTags.Origin);
        var log = _logger.IsEnabled(LogLevel.Information);
        if (!log && !_diagnostics.IncludeRefusalReasonHeader)
        {
            return;
        }

        var quotedOrigin = LogValue.Quote(origin);
        if (log && kind == MetricTags.Preflight)
        {
            CorsKitLog.PreflightOriginRefused(_logger, PolicyName, quotedOrigin, AllowedOriginsForLog());
        }
        else if (log)
        {
            CorsKitLog.RequestOriginRefused(_logger, PolicyName, quotedOrigin, AllowedOriginsForLog());
        }

        if (_diagnostics.IncludeRefusalReasonHeader)
        {
            responseHeaders[CorsKitDiagnostics.RefusalHeaderName] = LogValue.HeaderSafe($"origin {quotedOrigin} is not allowed by policy '{PolicyName}'");
        }
    }

    private void ExplainPreflight(CorsRefusal refusal, StringValues origin, IHeaderDictionary requestHeaders, IHeaderDictionary responseHeaders)
    {
        switch (refusal)
        {
            case CorsRefusal.None:
                _diagnostics.Metrics.Allowed(MetricTags.Preflight);
                break;
            case CorsRefusal.Method:
                _diagnostics.Metrics.Refused(MetricTags.Preflight, MetricTags.Method);
                break;
            default:
                _diagnostics.Metrics.Refused(MetricTags.Preflight, MetricTags.Header);
                break;
        }

        var level = refusal == CorsRefusal.None ? LogLevel.Debug : LogLevel.Information;
        var header = refusal != CorsRefusal.None && _diagnostics.IncludeRefusalReasonHeader;
        if (!_logger.IsEnabled(level) && !header)
        {
            return;
        }

        var quotedOrigin = LogValue.Quote(origin);
        var method = LogValue.Quote(requestHeaders.AccessControlRequestMethod);
        var requested = requestHeaders.AccessControlRequestHeaders;
        string? reason = null;
        switch (refusal)
        {
            case CorsRefusal.None:
                CorsKitLog.PreflightAllowed(_logger, PolicyName, quotedOrigin, method, LogValue.Quote(requested));
                break;
            case CorsRefusal.Method:
                CorsKitLog.PreflightMethodRefused(_logger, PolicyName, quotedOrigin, method, DescribeMethods());
                reason = $"method {method} is not allowed by policy '{PolicyName}' (allowed: {DescribeMethods()})";
                break;
            default:
                var refusedHeader = LogValue.Quote(PreflightEvaluator.FindRefusedHeader(Policy, requested));
                CorsKitLog.PreflightHeaderRefused(_logger, PolicyName, quotedOrigin, refusedHeader, DescribeHeaders());
                reason = $"request header {refusedHeader} is not allowed by policy '{PolicyName}' (allowed: {DescribeHeaders()})";
                break;
        }

        if (header && reason is not null)
        {
            responseHeaders[CorsKitDiagnostics.RefusalHeaderName] = LogValue.HeaderSafe(reason);
        }
    }

    private string AllowedOriginsForLog() =>
        _allowedOriginsForLog ??= Policy.Policy.AllowsAnyOrigin ? "*"
            : string.Join(", ", Policy.Policy.Origins) + (Policy.Policy.HasOriginPredicate ? " (and origins accepted by the predicate)" : string.Empty);

    private string DescribeMethods() =>
        _allowedMethodsForLog ??= Policy.AllowsAnyMethod ? "any" : string.Join(", ", FetchMethods.Safelisted.Union(Policy.Policy.Methods, StringComparer.Ordinal));

    private string DescribeHeaders() =>
        Policy.AllowsAnyHeader ? "any" : Policy.Policy.Headers.Count == 0 ? "(none beyond the CORS-safelisted ones)" : string.Join(", ", Policy.Policy.Headers);
}
