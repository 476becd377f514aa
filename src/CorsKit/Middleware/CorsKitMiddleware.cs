using System.Runtime.CompilerServices;
using CorsKit.Compilation;
using CorsKit.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CorsKit.Middleware;

/// <summary>
/// The CorsKit middleware: classify the request, resolve its policy, then answer the preflight or decorate the actual
/// response. The decisions themselves live in <see cref="PolicyResponder"/> and <see cref="Evaluation.PreflightEvaluator"/>.
/// </summary>
internal sealed class CorsKitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PolicyStore _store;
    private readonly ICorsKitPolicyProvider? _provider;
    private readonly ILogger _logger;
    private readonly CorsKitMetrics _metrics;
    private readonly string? _appWidePolicyName;
    private volatile PolicyResolver _resolver;
    private volatile PolicySnapshot? _rejectedSnapshot;

    // The first requests that reach CorsKit without an endpoint are watched: if routing picks one after CorsKit ran,
    // UseCorsKit() sits before UseRouting() and never sees endpoint policies.
    private int _routingOrderChecksLeft = 8;

    public CorsKitMiddleware(RequestDelegate next, PolicyStore store, ICorsKitPolicyProvider? provider, CorsKitMetrics metrics, ILoggerFactory loggerFactory, string? appWidePolicyName)
    {
        _next = next;
        _store = store;
        _provider = provider;
        _metrics = metrics;
        _appWidePolicyName = appWidePolicyName;
        _logger = loggerFactory.CreateLogger("CorsKit");
        _resolver = CreateResolver(store.Current);
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
        var resolver = CurrentResolver();
        var shape = CorsRequestClassifier.ClassifyShape(context.Request);
        var responder = resolver.Resolve(endpoint, out var disabled, out var selection);
        if (_provider is not null && !disabled)
        {
            return InvokeWithProvider(context, resolver, shape, endpoint, responder, selection);
        }

        return Apply(context, resolver.Snapshot, shape, endpoint, responder, disabled);
    }

    private async Task InvokeWithProvider(HttpContext context, PolicyResolver resolver, RequestShape shape, Endpoint? endpoint, PolicyResponder? registered, CorsKitPolicySelection selection)
    {
        var policy = await _provider!.GetPolicyAsync(context, selection).ConfigureAwait(false);
        var responder = policy is null ? registered : resolver.ForProvidedPolicy(policy, selection);
        await Apply(context, resolver.Snapshot, shape, endpoint, responder, disabled: false).ConfigureAwait(false);
    }

    private Task Apply(HttpContext context, PolicySnapshot snapshot, RequestShape shape, Endpoint? endpoint, PolicyResponder? responder, bool disabled)
    {
        if (responder is null)
        {
            if (disabled && shape == RequestShape.Preflight && !HandlesOptions(endpoint!))
            {
                return RefusePreflightToDisabledEndpoint(context, endpoint!);
            }

            if (disabled && IsBlockedWrite(context, snapshot, shape, policy: null))
            {
                return BlockWrite(context);
            }

            _metrics.NotApplicable(KindTag(shape));
            return _next(context);
        }

        switch (shape)
        {
            case RequestShape.Preflight:
                return responder.AnswerPreflight(context);
            case RequestShape.CrossOrigin when IsBlockedWrite(context, snapshot, shape, responder.Policy):
                return BlockWrite(context);
            case RequestShape.CrossOrigin:
                responder.DecorateActualResponse(context, isCrossOrigin: true);
                return _next(context);
            default:
                _metrics.NotApplicable(KindTag(shape));
                responder.DecorateActualResponse(context, isCrossOrigin: false);
                return _next(context);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PolicyResolver CurrentResolver()
    {
        var resolver = _resolver;
        var current = _store.Current;
        return ReferenceEquals(resolver.Snapshot, current) || ReferenceEquals(_rejectedSnapshot, current) ? resolver : Refresh(resolver, current);
    }

    // The configuration changed: build a resolver for the new snapshot once, and swap it in whole.
    private PolicyResolver Refresh(PolicyResolver previous, PolicySnapshot current)
    {
        try
        {
            var resolver = CreateResolver(current);
            _resolver = resolver;
            return resolver;
        }
        catch (InvalidOperationException exception)
        {
            // Remember the rejected snapshot so the next requests neither rebuild nor log it again.
            _rejectedSnapshot = current;
            CorsKitLog.ConfigurationReloadFailed(_logger, exception.Message);
            return previous;
        }
    }

    private PolicyResolver CreateResolver(PolicySnapshot snapshot) =>
        new(snapshot, _appWidePolicyName, new CorsKitDiagnostics(_logger, _metrics, snapshot.IncludeRefusalReasonHeader));

    // The endpoint was matched only because CorsKit let preflights reach it; running its PUT or DELETE handler for an
    // OPTIONS request would be wrong, so the preflight is answered here, without any CORS header: the browser refuses.
    private Task RefusePreflightToDisabledEndpoint(HttpContext context, Endpoint endpoint)
    {
        _metrics.Refused(MetricTags.Preflight, MetricTags.Disabled);
        CorsKitLog.PreflightToDisabledEndpoint(_logger, endpoint.DisplayName ?? "(unnamed)");
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static bool IsBlockedWrite(HttpContext context, PolicySnapshot snapshot, RequestShape shape, CompiledPolicy? policy)
    {
        if (!snapshot.BlockRefusedWrites || shape != RequestShape.CrossOrigin)
        {
            return false;
        }

        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return false;
        }

        return policy is null || !policy.Origins.IsAllowed(context.Request.Headers.Origin);
    }

    private Task BlockWrite(HttpContext context)
    {
        _metrics.Refused(MetricTags.Actual, MetricTags.Origin);
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            CorsKitLog.CrossOriginWriteBlocked(_logger, context.Request.Method, LogValue.Quote(context.Request.Headers.Origin), LogValue.Quote(context.Request.Path.Value));
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static string KindTag(RequestShape shape) => shape switch
    {
        RequestShape.NotCors => MetricTags.NotCors,
        RequestShape.SameOrigin => MetricTags.SameOrigin,
        RequestShape.Preflight => MetricTags.Preflight,
        _ => MetricTags.Actual,
    };

    private static bool HandlesOptions(Endpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>();
        return methods is null || methods.HttpMethods.Count == 0 || methods.HttpMethods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase);
    }
}
