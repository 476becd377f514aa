using CorsKit.Diagnostics;
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
    private readonly PolicyResolver _resolver;
    private readonly ILogger _logger;
    private readonly bool _blockRefusedWrites;

    public CorsKitMiddleware(RequestDelegate next, CorsKitOptions options, ILoggerFactory loggerFactory, string? appWidePolicyName)
    {
        _next = next;
        _logger = loggerFactory.CreateLogger("CorsKit");
        _resolver = new PolicyResolver(options, appWidePolicyName, _logger);
        _blockRefusedWrites = options.BlockRefusedCrossOriginWrites;
    }

    public Task Invoke(HttpContext context)
    {
        var shape = CorsRequestClassifier.ClassifyShape(context.Request);
        var endpoint = context.GetEndpoint();
        var responder = _resolver.Resolve(endpoint, out var disabled);
        if (responder is null)
        {
            if (disabled && shape == RequestShape.Preflight && !HandlesOptions(endpoint!))
            {
                return RefusePreflightToDisabledEndpoint(context, endpoint!);
            }

            return disabled && IsBlockedWrite(context, shape, policy: null) ? BlockWrite(context) : _next(context);
        }

        if (shape == RequestShape.Preflight)
        {
            return responder.AnswerPreflight(context);
        }

        if (IsBlockedWrite(context, shape, responder.Policy))
        {
            return BlockWrite(context);
        }

        responder.DecorateActualResponse(context, isCrossOrigin: shape == RequestShape.CrossOrigin);
        return _next(context);
    }

    // The endpoint was matched only because CorsKit let preflights reach it; running its PUT or DELETE handler for an
    // OPTIONS request would be wrong, so the preflight is answered here, without any CORS header: the browser refuses.
    private Task RefusePreflightToDisabledEndpoint(HttpContext context, Endpoint endpoint)
    {
        CorsKitLog.PreflightToDisabledEndpoint(_logger, endpoint.DisplayName ?? "(unnamed)");
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private bool IsBlockedWrite(HttpContext context, RequestShape shape, CorsKitPolicy? policy)
    {
        if (!_blockRefusedWrites || shape != RequestShape.CrossOrigin)
        {
            return false;
        }

        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return false;
        }

        var origin = context.Request.Headers.Origin;
        return policy is null || origin.Count != 1 || !policy.OriginMatcher.IsAllowed(origin[0]!);
    }

    private Task BlockWrite(HttpContext context)
    {
        CorsKitLog.CrossOriginWriteBlocked(_logger, context.Request.Method, LogValue.Quote(context.Request.Headers.Origin), LogValue.Quote(context.Request.Path.Value));
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool HandlesOptions(Endpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>();
        return methods is null || methods.HttpMethods.Count == 0 || methods.HttpMethods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase);
    }
}
