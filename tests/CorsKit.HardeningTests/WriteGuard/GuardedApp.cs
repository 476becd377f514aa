using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;

namespace CorsKit.HardeningTests.WriteGuard;

/// <summary>
/// A Kestrel app with a side effect to protect: <c>POST /transfer</c> increments a counter. Only
/// <c>http(s)://app.example.test:*</c> is allowed. Also serves the attacker's and the legitimate site's pages for the
/// browser tests (Chromium maps <c>*.example.test</c> and <c>*.attacker.test</c> to 127.0.0.1, so every site is this one server), over plain
/// HTTP or over HTTPS with a throw-away certificate (browsers send <c>Sec-Fetch-Site</c> only to HTTPS and localhost).
/// Every request to <c>/transfer</c> is recorded as it arrived, before CorsKit sees it.
/// </summary>
internal sealed class GuardedApp : IAsyncDisposable
{
    private readonly Counter _transfers;
    private readonly Counter _disabledWrites;
    private readonly ConcurrentQueue<SeenRequest> _seen;

    private GuardedApp(TestHost server, Counter transfers, Counter disabledWrites, ConcurrentQueue<SeenRequest> seen, string scheme)
    {
        Server = server;
        _transfers = transfers;
        _disabledWrites = disabledWrites;
        _seen = seen;
        Scheme = scheme;
    }

    public TestHost Server { get; }

    public int Transfers => _transfers.Value;

    public int DisabledWrites => _disabledWrites.Value;

    /// <summary>The requests to <c>/transfer</c> as they arrived (method, <c>Origin</c>, <c>Sec-Fetch-Site</c>).</summary>
    public IReadOnlyList<SeenRequest> Seen => [.. _seen];

    public int Port => Server.Port;

    public string Scheme { get; }

    public string Api => $"{Scheme}://api.example.test:{Port}";

    public string AllowedSite => $"{Scheme}://app.example.test:{Port}";

    /// <summary>A refused origin of the same site as <see cref="Api"/> (<c>example.test</c>).</summary>
    public string EvilSite => $"{Scheme}://evil.example.test:{Port}";

    /// <summary>A refused origin of another site (<c>attacker.test</c>): Chromium calls requests from it cross-site.</summary>
    public string CrossSite => $"{Scheme}://evil.attacker.test:{Port}";

    public static async Task<GuardedApp> StartAsync(bool guard, bool https = false)
    {
        var transfers = new Counter();
        var disabledWrites = new Counter();
        var seen = new ConcurrentQueue<SeenRequest>();
        var server = await TestHost.StartKestrelAsync(
            cors =>
            {
                cors.BlockRefusedCrossOriginWrites = guard;
                cors.AddDefaultPolicy(p => p.WithOrigins("http://app.example.test:*", "https://app.example.test:*").WithMethods("PUT", "DELETE"));
            },
            app =>
            {
                app.Use((context, next) =>
                {
                    if (context.Request.Path == "/transfer")
                    {
                        var headers = context.Request.Headers;
                        seen.Enqueue(new SeenRequest(context.Request.Method, headers.Origin.ToString(), headers["Sec-Fetch-Site"].ToString()));
                    }

                    return next(context);
                });
                app.UseCorsKit();
                app.MapPost("/transfer", () => $"transferred {transfers.Increment()}");
                app.MapPut("/transfer", () => $"transferred {transfers.Increment()}");
                app.MapDelete("/transfer", () => $"transferred {transfers.Increment()}");
                app.MapMethods("/transfer", ["PATCH"], () => $"transferred {transfers.Increment()}");
                app.MapGet("/transfer", () => $"transfers so far: {transfers.Value}");
                app.MapMethods("/search", ["QUERY"], () => "results");
                app.MapPost("/disabled", () => $"written {disabledWrites.Increment()}").DisableCorsKit();
                app.MapGet("/form", (HttpRequest request) => Results.Content(FormPage(request.Query["target"]!), "text/html"));
                app.MapGet("/no-referrer-form", (HttpContext context) =>
                {
                    // The page's referrer policy makes the browser send "Origin: null" on its own same-origin form post.
                    context.Response.Headers["Referrer-Policy"] = "no-referrer";
                    return Results.Content(FormPage("/transfer"), "text/html");
                });
                app.MapGet("/blank", () => Results.Content("<!doctype html><title>blank</title><p>blank</p>", "text/html"));
            },
            configureKestrel: https
                ? options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificate.ExampleTest))
                : null);
        return new GuardedApp(server, transfers, disabledWrites, seen, https ? "https" : "http");
    }

    // A page with a plain HTML form: the classic CSRF vector that CORS does not stop.
    private static string FormPage(string target) =>
        $"""
        <!doctype html>
        <title>form</title>
        <form id="f" method="post" action="{WebUtility.HtmlEncode(target)}">
          <input name="amount" value="1000">
          <button id="go" type="submit">send</button>
        </form>
        """;

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>A request to <c>/transfer</c> as the server received it.</summary>
    internal sealed record SeenRequest(string Method, string Origin, string FetchSite);

    internal sealed class Counter
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public int Increment() => Interlocked.Increment(ref _value);
    }
}
