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

    private void Report(HttpContext context)
    {
        var response = context.Response;
        var status = response.StatusCode;
        var method = LogValue.Quote(context.Request.Headers.AccessControlRequestMethod);
        var path = LogValue.Quote(context.Request.Path.Value);
        var origin = LogValue.Quote(context.Request.Headers.Origin);
        var allowOrigin = response.Headers.AccessControlAllowOrigin;
        switch (status)
        {
            case StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
                when _watch.FirstTime(CorsKitEvents.PreflightRejectedBeforeCorsKit):
                CorsKitLog.PreflightRejectedBeforeCorsKit(_logger, method, path, origin, status);
                break;
            case >= 300 and < 400 when _watch.FirstTime(CorsKitEvents.PreflightRedirectedBeforeCorsKit):
                CorsKitLog.PreflightRedirectedBeforeCorsKit(_logger, method, path, origin, status, LogValue.Quote(response.Headers.Location));
                break;
            case StatusCodes.Status429TooManyRequests when _watch.FirstTime(CorsKitEvents.PreflightThrottledBeforeCorsKit):
                CorsKitLog.PreflightThrottledBeforeCorsKit(_logger, method, path, origin);
                break;
            case not (401 or 403 or 429) and not (>= 300 and < 400) when allowOrigin.Count > 0:
                if (_watch.FirstTime(CorsKitEvents.PreflightAnsweredByAnotherCorsMiddleware))
                {
                    CorsKitLog.PreflightAnsweredByAnotherCorsMiddleware(_logger, method, path, origin, status, LogValue.Quote(allowOrigin));
                }

                break;
            case not (401 or 403 or 429) and not (>= 300 and < 400) when _watch.FirstTime(CorsKitEvents.PreflightAnsweredBeforeCorsKit):
                CorsKitLog.PreflightAnsweredBeforeCorsKit(_logger, method, path, origin, status);
                break;
        }
    }
}
