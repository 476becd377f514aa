using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CorsKit.HardeningTests.WriteGuard;

/// <summary>
/// A Kestrel app with a side effect to protect: <c>POST /transfer</c> increments a counter. Only
/// <c>http://app.example.test:*</c> is allowed. Also serves the attacker's and the legitimate site's pages for the
/// browser tests (Chromium maps <c>*.example.test</c> to 127.0.0.1, so all three sites are this one server).
/// </summary>
internal sealed class GuardedApp : IAsyncDisposable
{
    private readonly Counter _transfers;
    private readonly Counter _disabledWrites;

    private GuardedApp(TestHost server, Counter transfers, Counter disabledWrites)
    {
        Server = server;
        _transfers = transfers;
        _disabledWrites = disabledWrites;
    }

    public TestHost Server { get; }

    public int Transfers => _transfers.Value;

    public int DisabledWrites => _disabledWrites.Value;

    public int Port => Server.Port;

    public string Api => $"http://api.example.test:{Port}";

    public string AllowedSite => $"http://app.example.test:{Port}";

    public string EvilSite => $"http://evil.example.test:{Port}";

    public static async Task<GuardedApp> StartAsync(bool guard)
    {
        var transfers = new Counter();
        var disabledWrites = new Counter();
        var server = await TestHost.StartKestrelAsync(
            cors =>
            {
                cors.BlockRefusedCrossOriginWrites = guard;
                cors.AddDefaultPolicy(p => p.WithOrigins("http://app.example.test:*").WithMethods("PUT", "DELETE"));
            },
            app =>
            {
                app.UseCorsKit();
                app.MapPost("/transfer", () => $"transferred {transfers.Increment()}");
                app.MapPut("/transfer", () => $"transferred {transfers.Increment()}");
                app.MapDelete("/transfer", () => $"transferred {transfers.Increment()}");
                app.MapMethods("/transfer", ["PATCH"], () => $"transferred {transfers.Increment()}");
                app.MapGet("/transfer", () => $"transfers so far: {transfers.Value}");
                app.MapPost("/disabled", () => $"written {disabledWrites.Increment()}").DisableCorsKit();
                app.MapGet("/form", (HttpRequest request) => Results.Content(FormPage(request.Query["target"]!), "text/html"));
                app.MapGet("/blank", () => Results.Content("<!doctype html><title>blank</title><p>blank</p>", "text/html"));
            });
        return new GuardedApp(server, transfers, disabledWrites);
    }

    // A page with a plain HTML form: the classic CSRF vector that CORS does not stop.
    private static string FormPage(string target) =>
        $"""
        <!doctype html>
        <title>form</title>
        <form id="f" method="post" action="{System.Net.WebUtility.HtmlEncode(target)}">
          <input name="amount" value="1000">
          <button id="go" type="submit">send</button>
        </form>
        """;

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    internal sealed class Counter
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public int Increment() => Interlocked.Increment(ref _value);
    }
}
