using CorsKit.Classification;
using CorsKit.Compilation;
using CorsKit.Diagnostics;
using CorsKit.Evaluation;
using CorsKit.Response;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CorsKit.Hosting;

/// <summary>
/// One policy ready to serve: its compiled form and the response callbacks that write and explain its decisions when a
/// response starts. Made once per policy, so the callbacks are allocated once too (no closure per request); the
/// verdict on the origin is carried by which callback is registered.
/// </summary>
internal sealed class PolicyEntry
{
    private readonly CorsReporter _reporter;
    private readonly Func<object, Task> _allowed;
    private readonly Func<object, Task> _refused;
    private readonly Func<object, Task> _allowedAfterError;
    private readonly Func<object, Task> _refusedAfterError;
    private readonly Func<object, Task> _notCors;

    // The decisions that do not depend on the request, made once: a request without Origin or a same-origin one under
    // this policy, and a refused actual response (the writer never reads the refused origin; the reporter quotes it
    // from the request).
    private readonly CorsDecision _notCorsDecision;
    private readonly CorsDecision _sameOriginDecision;
    private readonly CorsDecision _refusedDecision;

    public PolicyEntry(CorsKitPolicy policy, string displayName, CorsReporter reporter)
    {
        Compiled = new CompiledPolicy(policy, displayName);
        _reporter = reporter;
        _allowed = state => WriteActual((HttpContext)state, allowed: true, reExecuted: false);
        _refused = state => WriteActual((HttpContext)state, allowed: false, reExecuted: false);
        _allowedAfterError = state => WriteActual((HttpContext)state, allowed: true, reExecuted: true);
        _refusedAfterError = state => WriteActual((HttpContext)state, allowed: false, reExecuted: true);
        _notCors = WriteNotCors;
        _notCorsDecision = CorsEvaluator.NotCrossOrigin(Compiled, RequestKind.NotCors);
        _sameOriginDecision = CorsEvaluator.NotCrossOrigin(Compiled, RequestKind.SameOrigin);
        _refusedDecision = CorsEvaluator.ActualResponse(Compiled, default, allowed: false);
    }

    public CompiledPolicy Compiled { get; }

    /// <summary>
    /// Serves a request that is not cross-origin (no <c>Origin</c>, or same-origin) with the decision made for it when
    /// this entry was built: the most common request of all costs a count and a callback, nothing more.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="kind"><see cref="RequestKind.NotCors"/> or <see cref="RequestKind.SameOrigin"/>.</param>
    public void ServeNotCrossOrigin(HttpContext context, RequestKind kind)
    {
        ref readonly var decision = ref kind == RequestKind.NotCors ? ref _notCorsDecision : ref _sameOriginDecision;
        _reporter.Explain(decision, context);
        WriteWhenStarting(context, decision);
    }

    /// <summary>
    /// Arranges for the decision's headers to be written when the response starts. Writing them then (rather than now)
    /// keeps them on responses that exception handlers and status-code pages rewrite, and lets CorsKit see an
    /// <c>Access-Control-Allow-Origin</c> something else set.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="decision">The decision for a request the endpoint will see.</param>
    public void WriteWhenStarting(HttpContext context, in CorsDecision decision)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        var callback = decision.Kind != RequestKind.Actual ? _notCors
            : IsReExecution(context) ? (decision.IsAllowed ? _allowedAfterError : _refusedAfterError)
            : decision.IsAllowed ? _allowed : _refused;
        response.OnStarting(callback, context);
    }

    // An exception handler or status-code page re-running the pipeline. The original request's callback, if it reached
    // CorsKit, is still registered (Response.Clear() keeps OnStarting callbacks), runs after this one and explains the
    // decision; this one only makes sure the headers are there when the original request failed before reaching
    // CorsKit. Both re-executors set the error status first, so the feature lookups are only paid on error responses.
    private static bool IsReExecution(HttpContext context) =>
        context.Response.StatusCode >= StatusCodes.Status400BadRequest
        && (context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null);

    // The allowed decision is built straight into the local and the refused one passed by reference: choosing between
    // them in one expression would copy the 64-byte decision twice on every actual response.
    private Task WriteActual(HttpContext context, bool allowed, bool reExecuted)
    {
        if (!allowed)
        {
            return Write(context, _refusedDecision, reExecuted);
        }

        var decision = CorsEvaluator.ActualResponse(Compiled, context.Request.Headers.Origin, allowed: true);
        return Write(context, decision, reExecuted);
    }

    private Task Write(HttpContext context, in CorsDecision decision, bool reExecuted)
    {
        var result = CorsResponseWriter.WriteOnStarting(context, decision, markAsOurs: reExecuted);
        if (!reExecuted)
        {
            if (result == WriteResult.Written)
            {
                _reporter.Explain(decision, context);
            }
            else if (result == WriteResult.ForeignAllowOrigin)
            {
                _reporter.ForeignAllowOrigin(context);
            }
        }

        return Task.CompletedTask;
    }

    private Task WriteNotCors(object state)
    {
        CorsResponseWriter.WriteOnStarting((HttpContext)state, _notCorsDecision, markAsOurs: false);
        return Task.CompletedTask;
    }
}
