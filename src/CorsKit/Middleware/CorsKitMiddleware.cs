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

    public CorsKitMiddleware(RequestDelegate next, CorsKitOptions options, ILoggerFactory loggerFactory, string? appWidePolicyName)
    {
        _next = next;
        _logger = loggerFactory.CreateLogger("CorsKit");
        _resolver = new PolicyResolver(options, appWidePolicyName, _logger);
    }

    public Task Invoke(HttpContext context)
    {
        var shape = CorsRequestClassifier.ClassifyShape(context.Request);
        var endpoint = context.GetEndpoint();
        var responder = _resolver.Resolve(endpoint, out var disabled);
        if (responder is null)
        {
            return disabled && shape == RequestShape.Preflight && !HandlesOptions(endpoint!)
                ? RefusePreflightToDisabledEndpoint(context, endpoint!)
                : _next(context);
        }

        if (shape == RequestShape.Preflight)
        {
            return responder.AnswerPreflight(context);
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

    private static bool HandlesOptions(Endpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>();
        return methods is null || methods.HttpMethods.Count == 0 || methods.HttpMethods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase);
    }
}
