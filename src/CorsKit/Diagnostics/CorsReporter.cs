using System.Runtime.CompilerServices;
using CorsKit.Classification;
using CorsKit.Compilation;
using CorsKit.Evaluation;
using CorsKit.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CorsKit.Diagnostics;

/// <summary>
/// Explains a <see cref="CorsDecision"/>: one metric per request, a log event for refusals (Information) and grants
/// (Debug), and, when enabled, the <c>CorsKit-Refusal</c> response header. Messages are only built when someone
/// listens, so with Information logging off and the header off, explaining allocates nothing.
/// </summary>
internal sealed class CorsReporter(ILogger logger, CorsKitMetrics metrics, bool includeRefusalReasonHeader)
{
    /// <summary>The development response header that says why a request was refused.</summary>
    public const string RefusalHeaderName = "CorsKit-Refusal";

    public ILogger Logger { get; } = logger;

    public CorsKitMetrics Metrics { get; } = metrics;

    /// <summary>Explains a decision.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="context">The request (for the values the messages quote).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Explain(in CorsDecision decision, HttpContext context)
    {
        // Grants and requests CORS does not apply to are nearly all traffic: a count, and a Debug event nobody usually
        // listens to. Refusals and blocked writes take the longer way.
        if (decision.Outcome == CorsOutcome.Allowed)
        {
            Metrics.Allowed(decision.Kind);
            if (Logger.IsEnabled(LogLevel.Debug))
            {
                ExplainGrant(decision, context);
            }
        }
        else if (decision.Outcome == CorsOutcome.NotApplicable)
        {
            Metrics.NotApplicable(decision.Kind);
        }
        else
        {
            ExplainRefusalOrBlock(decision, context);
        }
    }

    private void ExplainRefusalOrBlock(in CorsDecision decision, HttpContext context)
    {
        Metrics.Refused(decision.Kind, ReasonTag(decision.Refusal));
        if (decision.Outcome == CorsOutcome.Blocked)
        {
            ExplainBlockedWrite(decision, context);
        }
        else
        {
            ExplainRefusal(decision, context);
        }
    }

    /// <summary>Reports an <c>Access-Control-Allow-Origin</c> that CorsKit did not write.</summary>
    /// <param name="context">The request.</param>
    public void ForeignAllowOrigin(HttpContext context)
    {
        if (Logger.IsEnabled(LogLevel.Warning))
        {
            CorsKitLog.AllowOriginAlreadySet(Logger, LogValue.Quote(context.Response.Headers.AccessControlAllowOrigin));
        }
    }

    private void ExplainGrant(in CorsDecision decision, HttpContext context)
    {
        var headers = context.Request.Headers;
        var policy = decision.Policy!.DisplayName;
        if (decision.Kind == RequestKind.Preflight)
        {
            CorsKitLog.PreflightAllowed(Logger, policy, LogValue.Quote(headers.Origin), LogValue.Quote(headers.AccessControlRequestMethod), LogValue.Quote(headers.AccessControlRequestHeaders));
        }
        else
        {
            CorsKitLog.RequestAllowed(Logger, policy, LogValue.Quote(headers.Origin));
        }
    }

    private void ExplainBlockedWrite(in CorsDecision decision, HttpContext context)
    {
        if (Logger.IsEnabled(LogLevel.Warning))
        {
            var request = context.Request;
            CorsKitLog.CrossOriginWriteBlocked(Logger, request.Method, LogValue.Quote(request.Headers.Origin), LogValue.Quote(request.Path.Value), DescribeSignal(decision, request));
        }
    }

    // Which signal decided: the browser's Sec-Fetch-Site, or (without it) the Origin-versus-request comparison. Operators
    // need this to tell a real cross-site write from a proxy that hides the public host from the fallback.
    private static string DescribeSignal(in CorsDecision decision, HttpRequest request) => decision.GuardSignal switch
    {
        WriteGuardSignal.SecFetchSite => $"Sec-Fetch-Site {LogValue.Quote(request.Headers[FetchSiteHeader.Name])}",
        _ => $"the Origin fallback (no Sec-Fetch-Site; Origin differs from the request's {request.Scheme}://{request.Host.Value})",
    };

    private void ExplainRefusal(in CorsDecision decision, HttpContext context)
    {
        var log = Logger.IsEnabled(LogLevel.Information);
        var header = includeRefusalReasonHeader && decision.Refusal != CorsRefusal.Disabled;
        if (!log && !header)
        {
            return;
        }

        if (decision.Refusal == CorsRefusal.Disabled)
        {
            CorsKitLog.PreflightToDisabledEndpoint(Logger, context.GetEndpoint()?.DisplayName ?? "(unnamed)");
            return;
        }

        var policy = decision.Policy!;
        var requestHeaders = context.Request.Headers;
        var origin = LogValue.Quote(requestHeaders.Origin);
        string reason;
        switch (decision.Refusal)
        {
            case CorsRefusal.Origin:
                var allowedOrigins = DescribeOrigins(policy);
                if (log && decision.Kind == RequestKind.Preflight)
                {
                    CorsKitLog.PreflightOriginRefused(Logger, policy.DisplayName, origin, allowedOrigins);
                }
                else if (log)
                {
                    CorsKitLog.RequestOriginRefused(Logger, policy.DisplayName, origin, allowedOrigins);
                }

                reason = $"origin {origin} is not allowed by policy '{policy.DisplayName}'";
                break;
            case CorsRefusal.Method:
                var method = LogValue.Quote(requestHeaders.AccessControlRequestMethod);
                var methods = DescribeMethods(policy);
                var caseNote = CaseNote(policy, decision.RefusedItem.Value);
                if (log)
                {
                    CorsKitLog.PreflightMethodRefused(Logger, policy.DisplayName, origin, method, caseNote, methods);
                }

                reason = $"method {method} is not allowed by policy '{policy.DisplayName}'{caseNote} (allowed: {methods})";
                break;
            default:
                var refusedHeader = LogValue.Quote(decision.RefusedItem.HasValue
                    ? decision.RefusedItem.Value
                    : CorsEvaluator.DescribeRefusedHeader(policy, requestHeaders.AccessControlRequestHeaders));
                var allowedHeaders = DescribeHeaders(policy);
                if (log)
                {
                    CorsKitLog.PreflightHeaderRefused(Logger, policy.DisplayName, origin, refusedHeader, allowedHeaders);
                }

                reason = $"request header {refusedHeader} is not allowed by policy '{policy.DisplayName}' (allowed: {allowedHeaders})";
                break;
        }

        if (header)
        {
            context.Response.Headers[RefusalHeaderName] = LogValue.HeaderSafe(reason);
        }
    }

    // Methods are case-sensitive: fetch(url, { method: "patch" }) sends "patch", which "PATCH" does not allow. Say so only
    // when case is the reason, so the message does not send everyone else hunting for a case problem.
    private static string CaseNote(CompiledPolicy policy, string? method)
    {
        if (method is null || policy.AllowsAnyMethod)
        {
            return string.Empty;
        }

        var listed = FetchMethods.Safelisted.Concat(policy.Policy.Methods)
            .FirstOrDefault(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase));
        return listed is null ? string.Empty : $" (methods are case-sensitive: the policy allows \"{listed}\")";
    }

    private static string DescribeOrigins(CompiledPolicy policy) =>
        policy.Policy.AllowsAnyOrigin ? "*"
            : string.Join(", ", policy.Policy.Origins) + (policy.Policy.HasOriginPredicate ? " (and origins accepted by the predicate)" : string.Empty);

    private static string DescribeMethods(CompiledPolicy policy) =>
        policy.AllowsAnyMethod ? "any" : string.Join(", ", FetchMethods.Safelisted.Union(policy.Policy.Methods, StringComparer.Ordinal));

    private static string DescribeHeaders(CompiledPolicy policy) =>
        policy.AllowsAnyHeader ? "any"
            : policy.Policy.Headers.Count == 0 ? "(none beyond the CORS-safelisted ones)" : string.Join(", ", policy.Policy.Headers);

    private static string ReasonTag(CorsRefusal refusal) => refusal switch
    {
        CorsRefusal.Method => MetricTags.Method,
        CorsRefusal.Headers => MetricTags.Header,
        CorsRefusal.Disabled => MetricTags.Disabled,
        _ => MetricTags.Origin,
    };
}
