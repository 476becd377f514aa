using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>
/// A deliberately dumb "CORS" middleware that makes no decision at all and writes exactly the headers CorsKit writes
/// for the standard policy, the same way (preflights answered at once; actual responses decorated from a cached
/// OnStarting callback). Its cost over no CORS is the floor any CORS middleware pays for the header plumbing alone;
/// CorsKit's cost over it is what CorsKit's decisions cost.
/// </summary>
public static class FloorMiddleware
{
    private static readonly StringValues True = "true";
    private static readonly StringValues VaryOrigin = "Origin";
    private static readonly StringValues VaryPreflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    private static readonly StringValues Methods = "GET,PUT,DELETE,PATCH";
    private static readonly StringValues Headers = "content-type,x-request-id,authorization";
    private static readonly StringValues Exposed = "X-Total-Count";
    private static readonly StringValues MaxAge = "600";
    private static readonly Func<object, Task> DecorateAllowed = static state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        _ = headers.AccessControlAllowOrigin;
        headers.Vary = VaryOrigin;
        headers.AccessControlAllowOrigin = context.Request.Headers.Origin;
        headers.AccessControlAllowCredentials = True;
        headers.AccessControlExposeHeaders = Exposed;
        return Task.CompletedTask;
    };

    private static readonly Func<object, Task> AddVary = static state =>
    {
        var headers = ((HttpContext)state).Response.Headers;
        _ = headers.Vary;
        headers.Vary = VaryOrigin;
        return Task.CompletedTask;
    };

    public static BuiltPipeline Build()
    {
        var provider = new ServiceCollection().BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        app.Use(next => context =>
        {
            var requestHeaders = context.Request.Headers;
            var origin = requestHeaders.Origin;
            if (origin.Count == 0)
            {
                context.Response.OnStarting(AddVary, context);
                return next(context);
            }

            if (HttpMethods.IsOptions(context.Request.Method) && requestHeaders.AccessControlRequestMethod.Count > 0)
            {
                var response = context.Response;
                var headers = response.Headers;
                response.StatusCode = StatusCodes.Status204NoContent;
                headers.Vary = VaryPreflight;
                headers.AccessControlAllowOrigin = origin;
                headers.AccessControlAllowCredentials = True;
                headers.AccessControlAllowMethods = Methods;
                headers.AccessControlAllowHeaders = Headers;
                headers.AccessControlMaxAge = MaxAge;
                return Task.CompletedTask;
            }

            context.Response.OnStarting(DecorateAllowed, context);
            return next(context);
        });
        app.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        return new BuiltPipeline(app.Build(), provider);
    }
}
