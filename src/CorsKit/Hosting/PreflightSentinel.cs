using CorsKit.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CorsKit.Hosting;

/// <summary>
/// A minimal middleware at the very front of the pipeline (installed by <see cref="PreflightSentinelStartupFilter"/>,
/// before anything WebApplication inserts) that notices a preflight CorsKit never saw and logs what answered it: 401/403
/// (authentication or authorization first), a redirect, 429 (a rate limiter), another CORS middleware, or any other
/// middleware answering OPTIONS. Each cause is reported once, during the first <see cref="PreflightWatch.Budget"/>
/// preflights; afterwards it only reads one flag per request.
/// </summary>
internal sealed class PreflightSentinel
{
    private const string PrivateNetworkRequestHeader = "Access-Control-Request-Private-Network";

    private readonly RequestDelegate _next;
    private readonly PreflightWatch _watch;
    private readonly ILogger _logger;

    public PreflightSentinel(RequestDelegate next, PreflightWatch watch, ILoggerFactory loggerFactory)
    {
        _next = next;
        _watch = watch;
        _logger = loggerFactory.CreateLogger("CorsKit");
        watch.Start();
    }

    public Task Invoke(HttpContext context)
    {
        if (!_watch.IsWatching)
        {
            return _next(context);
        }

        var request = context.Request;
        var headers = request.Headers;
        return HttpMethods.IsOptions(request.Method) && headers.Origin.Count > 0 && headers.AccessControlRequestMethod.Count > 0
            ? WatchAsync(context)
            : _next(context);
    }

    private async Task WatchAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin;
        if (context.Request.Headers.ContainsKey(PrivateNetworkRequestHeader) && _watch.FirstTime(CorsKitEvents.PrivateNetworkAccessPreflight))
        {
            CorsKitLog.PrivateNetworkAccessPreflight(_logger, LogValue.Quote(origin));
        }

        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            _watch.Spend();
        }

        if (!PreflightWatch.WasSeen(context))
        {
            Report(context);
        }
    }

    // One event per cause, each reported once: the status says who answered (and a 2xx with Access-Control-Allow-Origin
    // can only be another CORS layer, since CorsKit never saw the request).
    private void Report(HttpContext context)
    {
        var response = context.Response;
        var status = response.StatusCode;
        var allowOrigin = response.Headers.AccessControlAllowOrigin;
        var eventId = status switch
        {
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => CorsKitEvents.PreflightRejectedBeforeCorsKit,
            >= 300 and < 400 => CorsKitEvents.PreflightRedirectedBeforeCorsKit,
            StatusCodes.Status429TooManyRequests => CorsKitEvents.PreflightThrottledBeforeCorsKit,
            _ when allowOrigin.Count > 0 => CorsKitEvents.PreflightAnsweredByAnotherCorsMiddleware,
            _ => CorsKitEvents.PreflightAnsweredBeforeCorsKit,
        };
        if (!_watch.FirstTime(eventId))
        {
            return;
        }

        var method = LogValue.Quote(context.Request.Headers.AccessControlRequestMethod);
        var path = LogValue.Quote(context.Request.Path.Value);
        var origin = LogValue.Quote(context.Request.Headers.Origin);
        switch (eventId)
        {
            case CorsKitEvents.PreflightRejectedBeforeCorsKit:
                CorsKitLog.PreflightRejectedBeforeCorsKit(_logger, method, path, origin, status);
                break;
            case CorsKitEvents.PreflightRedirectedBeforeCorsKit:
                CorsKitLog.PreflightRedirectedBeforeCorsKit(_logger, method, path, origin, status, LogValue.Quote(response.Headers.Location));
                break;
            case CorsKitEvents.PreflightThrottledBeforeCorsKit:
                CorsKitLog.PreflightThrottledBeforeCorsKit(_logger, method, path, origin);
                break;
            case CorsKitEvents.PreflightAnsweredByAnotherCorsMiddleware:
                CorsKitLog.PreflightAnsweredByAnotherCorsMiddleware(_logger, method, path, origin, status, LogValue.Quote(allowOrigin));
                break;
            default:
                CorsKitLog.PreflightAnsweredBeforeCorsKit(_logger, method, path, origin, status);
                break;
        }
    }
}
