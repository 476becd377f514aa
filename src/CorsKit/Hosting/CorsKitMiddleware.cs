using System.Runtime.CompilerServices;
using CorsKit.Classification;
using CorsKit.Diagnostics;
using CorsKit.DynamicOrigins;
using CorsKit.Evaluation;
using CorsKit.Resolution;
using CorsKit.Response;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CorsKit.Hosting;

/// <summary>
/// The CorsKit middleware. It only orchestrates the flow, each step in its own place: classify
/// (<see cref="RequestFacts"/>) → resolve (<see cref="PolicyResolution"/>, <see cref="PolicyTable"/>) → evaluate
/// (<see cref="CorsEvaluator"/>) → write (<see cref="CorsResponseWriter"/>) → explain (<see cref="CorsReporter"/>).
/// </summary>
internal sealed class CorsKitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PolicyStore _store;
    private readonly ICorsKitPolicyProvider? _provider;
    private readonly ILogger _logger;
    private readonly CorsKitMetrics _metrics;
    private readonly string? _appWidePolicyName;
    private readonly PreflightWatch? _watch;
    private readonly OriginSourceStep _originSource;
    private volatile PolicyTable _table;
    private volatile PolicySnapshot? _rejectedSnapshot;

    // The first requests that reach CorsKit without an endpoint are watched: if routing picks one after CorsKit ran,
    // UseCorsKit() sits before UseRouting() and never sees endpoint policies.
    private int _routingOrderChecksLeft = 8;

    public CorsKitMiddleware(RequestDelegate next, PolicyStore store, ICorsKitPolicyProvider? provider, CorsKitMetrics metrics, ILoggerFactory loggerFactory, string? appWidePolicyName, PreflightWatch? watch, OriginSourceStep originSource)
    {
        _originSource = originSource;
        _watch = watch;
        _next = next;
        _store = store;
        _provider = provider;
        _metrics = metrics;
        _appWidePolicyName = appWidePolicyName;
        _logger = loggerFactory.CreateLogger("CorsKit");
        _table = CreateTable(store.Current);
    }

    public Task Invoke(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        return endpoint is null && Volatile.Read(ref _routingOrderChecksLeft) > 0
            ? InvokeAndCheckRoutingOrder(context)
            : Invoke(context, endpoint);
    }

    private async Task InvokeAndCheckRoutingOrder(HttpContext context)
    {
        await Invoke(context, endpoint: null).ConfigureAwait(false);

        // Error pages re-executed inside this request run routing after CorsKit legitimately: judge normal responses only.
        var normalResponse = context.Response.StatusCode < StatusCodes.Status400BadRequest && context.Features.Get<IExceptionHandlerFeature>() is null;
        if (normalResponse && context.GetEndpoint() is { } matchedLater && Interlocked.Exchange(ref _routingOrderChecksLeft, 0) > 0)
        {
            CorsKitLog.RoutingAfterCorsKit(_logger, matchedLater.DisplayName ?? "(unnamed)");
        }
        else
        {
            Interlocked.Decrement(ref _routingOrderChecksLeft);
        }
    }

    private Task Invoke(HttpContext context, Endpoint? endpoint)
    {
        var table = CurrentTable();
        var declaration = endpoint?.Metadata.GetMetadata<ICorsKitMetadata>();
        if (declaration is null && _provider is null)
        {
            // Nothing declared by the endpoint: resolution's last rule (the app-wide selection), whose entry the table
            // keeps at hand, so the most common request builds no resolution request.
            return Apply(context, table, endpoint, corsDisabled: false, table.AppWideEntry);
        }

        var request = PolicyResolution.Resolve(declaration, table.AppWide);
        if (_provider is not null && !request.Disabled)
        {
            return InvokeWithProvider(context, table, request, endpoint);
        }

        return Apply(context, table, endpoint, request.Disabled, request.Disabled ? null : table.Find(request, endpoint));
    }

    private async Task InvokeWithProvider(HttpContext context, PolicyTable table, PolicyRequest request, Endpoint? endpoint)
    {
        var provided = await _provider!.GetPolicyAsync(context, request.Selection).ConfigureAwait(false);
        var entry = provided is null ? table.Find(request, endpoint) : table.ForProvidedPolicy(provided, request.Selection);
        await Apply(context, table, endpoint, corsDisabled: false, entry).ConfigureAwait(false);
    }

    private Task Apply(HttpContext context, PolicyTable table, Endpoint? endpoint, bool corsDisabled, PolicyEntry? entry)
    {
        var settings = table.Settings;
        var facts = new RequestFacts(context.Request, readFetchMetadata: settings.BlockRefusedCrossOriginWrites);

        // Under a policy, each kind takes the shortest way through the same steps.
        if (entry is not null)
        {
            if (facts.Kind is RequestKind.NotCors or RequestKind.SameOrigin && !settings.BlockRefusedCrossOriginWrites)
            {
                // Not cross-origin: the evaluator's decision depends on the policy alone and was made with the entry. (With
                // the write guard on, the evaluator sees every request: the guard reads more than the kind.)
                entry.ServeNotCrossOrigin(context, facts.Kind);
                return _next(context);
            }

            // ---- Dynamic origins (issue 17) ----
            // Look the origin up when the policy has a source and its listed origins/patterns miss. Policies without a
            // source pay this one flag test; a cached answer completes synchronously, without allocating.
            if (entry.Compiled.UsesOriginSource)
            {
                var answer = _originSource.AnswerAsync(context, entry.Compiled, facts);
                if (!answer.IsCompletedSuccessfully)
                {
                    return ServeAfterOriginLookup(context, table, endpoint, entry, facts, answer);
                }

                facts = facts.WithOriginAnswer(answer.Result);
            }
            // ---- end of dynamic origins ----

            if (facts.Kind is RequestKind.Actual or RequestKind.Preflight)
            {
                return ServeCrossOrigin(context, table, endpoint, entry, facts);
            }
        }

        return Decide(context, table, endpoint, corsDisabled, entry, facts);
    }

    // Dynamic origins (issue 17): the lookup did not complete synchronously (a cache miss); only cross-origin requests
    // get here.
    private async Task ServeAfterOriginLookup(HttpContext context, PolicyTable table, Endpoint? endpoint, PolicyEntry entry, RequestFacts facts, ValueTask<OriginAnswer> answer)
    {
        var looked = facts.WithOriginAnswer(await answer.ConfigureAwait(false));
        await ServeCrossOrigin(context, table, endpoint, entry, looked).ConfigureAwait(false);
    }

    // An actual request or a preflight under a policy. The two kinds call the evaluator from call sites of their own on
    // purpose: merged into one call, preflights measured about 10 ns slower (side-by-side runner, two runs).
    private Task ServeCrossOrigin(HttpContext context, PolicyTable table, Endpoint? endpoint, PolicyEntry entry, in RequestFacts facts)
    {
        var settings = table.Settings;
        if (facts.Kind == RequestKind.Actual)
        {
            var actual = CorsEvaluator.Evaluate(entry.Compiled, corsDisabled: false, endpointHandlesOptions: false, facts, settings);
            if (actual.EndpointRuns)
            {
                // Explained when the response starts: the application may have written its own CORS headers.
                entry.WriteWhenStarting(context, actual);
                return _next(context);
            }

            return Answer(context, table, actual);
        }

        var preflight = CorsEvaluator.Evaluate(entry.Compiled, corsDisabled: false, endpointHandlesOptions: false, facts, settings);
        if (_watch is { IsWatching: true })
        {
            Watched(context, entry, corsDisabled: false, endpoint);
        }

        return Answer(context, table, preflight);
    }

    // Disabled endpoints, requests no policy applies to, and (with the write guard on) requests that are not cross-origin.
    private Task Decide(HttpContext context, PolicyTable table, Endpoint? endpoint, bool corsDisabled, PolicyEntry? entry, in RequestFacts facts)
    {
        var handlesOptions = corsDisabled && facts.Kind == RequestKind.Preflight && HandlesOptions(endpoint);
        var decision = CorsEvaluator.Evaluate(entry?.Compiled, corsDisabled, handlesOptions, facts, table.Settings);
        if (facts.Kind == RequestKind.Preflight && _watch is { IsWatching: true })
        {
            Watched(context, entry, corsDisabled, endpoint);
        }

        if (!decision.EndpointRuns)
        {
            return Answer(context, table, decision);
        }

        // Under a policy these are requests that are not cross-origin with the write guard on: they still get Vary.
        table.Reporter.Explain(decision, context);
        entry?.WriteWhenStarting(context, decision);
        return _next(context);
    }

    private static Task Answer(HttpContext context, PolicyTable table, in CorsDecision decision)
    {
        CorsResponseWriter.Answer(context.Response, decision);
        table.Reporter.Explain(decision, context);
        return Task.CompletedTask;
    }

    // During the first preflights after startup: tell the sentinel CorsKit saw this one, and say once when a preflight
    // reaches CorsKit with no policy to answer it.
    private void Watched(HttpContext context, PolicyEntry? entry, bool corsDisabled, Endpoint? endpoint)
    {
        PreflightWatch.MarkSeen(context);
        if (entry is null && !corsDisabled && _watch!.FirstTime(CorsKitEvents.PreflightWithoutPolicy))
        {
            CorsKitLog.PreflightWithoutPolicy(_logger, LogValue.Quote(context.Request.Path.Value), LogValue.Quote(context.Request.Headers.Origin), endpoint?.DisplayName ?? "(no endpoint)");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PolicyTable CurrentTable()
    {
        var table = _table;
        var current = _store.Current;
        return ReferenceEquals(table.Snapshot, current) || ReferenceEquals(_rejectedSnapshot, current) ? table : Refresh(table, current);
    }

    // The configuration changed: build a table for the new snapshot once, and swap it in whole.
    private PolicyTable Refresh(PolicyTable previous, PolicySnapshot current)
    {
        try
        {
            var table = CreateTable(current);
            _table = table;
            return table;
        }
        catch (InvalidOperationException exception)
        {
            // Remember the rejected snapshot so the next requests neither rebuild nor log it again.
            _rejectedSnapshot = current;
            CorsKitLog.ConfigurationReloadFailed(_logger, exception.Message);
            return previous;
        }
    }

    private PolicyTable CreateTable(PolicySnapshot snapshot) =>
        new(snapshot, _appWidePolicyName, new CorsReporter(_logger, _metrics, snapshot.IncludeRefusalReasonHeader));

    private static bool HandlesOptions(Endpoint? endpoint)
    {
        var methods = endpoint?.Metadata.GetMetadata<IHttpMethodMetadata>();
        return methods is null || methods.HttpMethods.Count == 0 || methods.HttpMethods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase);
    }
}
