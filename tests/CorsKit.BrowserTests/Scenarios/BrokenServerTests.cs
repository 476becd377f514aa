using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Tests.Diagnostics.Guide;
using Xunit.Sdk;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// The suite's assertions are not vacuous: run against a deliberately broken CORS implementation, the very same
/// scenario checks that pass against CorsKit fail, and both browsers show why the server is dangerous or wrong.
/// </summary>
public abstract class BrokenServerTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_server_that_echoes_every_origin_fails_the_refused_origin_scenario()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var broken = await StartBrokenServerAsync(echoEveryOrigin: true, addVary: true);
        await using var session = await OpenWithCookieAsync(broken);

        var scenario = () => RefusedOriginScenario.AssertBlockedAsync(session, page, broken, "/data");

        (await scenario.Should().ThrowAsync<XunitException>()).Which.Message.Should().Contain("should block the response");

        // Worse: any page can read the user's authenticated data, because the echoed origin comes with credentials.
        var stolen = await session.FetchAsync(broken.Url("/data"), new FetchInit { Credentials = "include" });
        stolen.ShouldBeReadable();
        stolen.Body.Should().Be("data for session=s3cr3t");
        broken.Log.Actual("/data")[^1].Origin.Should().Be(page.OriginFor(EvilHost));
    }

    [BrowserFact]
    public async Task CorsKit_passes_the_refused_origin_scenario_where_the_echoing_server_fails()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).AllowCredentials().DangerouslyAllowInsecureOriginsWithCredentials()),
            MapData);
        await using var session = await OpenWithCookieAsync(api);

        await RefusedOriginScenario.AssertBlockedAsync(session, page, api, "/data");

        (await session.FetchAsync(api.Url("/data"), new FetchInit { Credentials = "include" })).ShouldBeBlocked();
    }

    [BrowserFact]
    public async Task A_server_that_omits_Vary_fails_the_shared_cache_scenario()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var broken = await StartBrokenServerAsync(echoEveryOrigin: false, addVary: false,
            allowedHosts: [SharedCacheScenario.FirstHost, SharedCacheScenario.SecondHost]);
        await using var session = await NewSessionAsync();

        var scenario = () => SharedCacheScenario.AssertEachOriginGetsItsOwnAnswerAsync(session, page, broken, "/cached");

        (await scenario.Should().ThrowAsync<XunitException>()).Which.Message.Should().Contain("fetch rejected",
            "the browser's cache served the first origin's answer to the second origin, whose CORS check then failed");
        broken.Log.Actual("/cached").Should().ContainSingle("the second fetch never reached the server: the cache answered it");
        var firstOrigin = page.OriginFor(SharedCacheScenario.FirstHost);
        await session.ShouldHaveLoggedAsync(RefusalCatalog.AllowOriginMismatch, broken.Url("/cached"), Expect(
            chromium: $"has a value '{firstOrigin}' that is not equal to the supplied origin",
            firefox: $"does not match ‘{firstOrigin}’"));
    }

    [BrowserFact]
    public async Task CorsKit_passes_the_shared_cache_scenario_because_it_sends_Vary_Origin()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.OriginFor(SharedCacheScenario.FirstHost), page.OriginFor(SharedCacheScenario.SecondHost))),
            MapCached);
        await using var session = await NewSessionAsync();

        await SharedCacheScenario.AssertEachOriginGetsItsOwnAnswerAsync(session, page, api, "/cached");
    }

    [BrowserFact]
    public async Task A_server_that_answers_a_preflight_with_an_error_status_fails_it_although_the_CORS_headers_are_right()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var broken = await KestrelSite.StartAsync(ApiHost, _ => { }, app =>
        {
            // Right CORS headers, wrong status: a preflight must be answered with a 2xx.
            app.Use((context, next) =>
            {
                if (!HttpMethods.IsOptions(context.Request.Method))
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin;
                context.Response.Headers.AccessControlAllowMethods = "PUT";
                return Task.CompletedTask;
            });
            app.MapPut("/items/1", () => "saved");
        });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(broken.Url("/items/1"), new FetchInit { Method = "PUT" });

        outcome.ShouldBeBlocked();
        broken.Log.Preflights("/items/1").Should().ContainSingle().Which.Status.Should().Be(500);
        broken.Log.Actual("/items/1").Should().BeEmpty();
        await session.ShouldHaveLoggedAsync(RefusalCatalog.PreflightNotOk, broken.Url("/items/1"), Expect(
            chromium: "It does not have HTTP ok status.",
            firefox: "Status code: 500."));
    }

    /// <summary>
    /// A hand-written CORS layer with the two classic mistakes, switchable: echoing every origin with credentials, and
    /// forgetting <c>Vary: Origin</c>.
    /// </summary>
    private static Task<KestrelSite> StartBrokenServerAsync(bool echoEveryOrigin, bool addVary, string[]? allowedHosts = null) =>
        KestrelSite.StartAsync(ApiHost, _ => { }, app =>
        {
            app.Use((context, next) =>
            {
                var origin = context.Request.Headers.Origin.ToString();
                var allowed = origin.Length > 0
                    && (echoEveryOrigin || (allowedHosts ?? []).Any(h => new Uri(origin).Host == h));
                if (addVary)
                {
                    context.Response.Headers.Append("Vary", "Origin");
                }

                if (allowed)
                {
                    context.Response.Headers.AccessControlAllowOrigin = origin;
                    if (echoEveryOrigin)
                    {
                        context.Response.Headers.AccessControlAllowCredentials = "true";
                    }
                }

                return next(context);
            });
            MapData(app);
            MapCached(app);
        });

    private static void MapData(WebApplication app) =>
        app.MapGet("/data", (HttpRequest request) => $"data for session={request.Cookies["session"] ?? "(none)"}");

    private static void MapCached(WebApplication app) =>
        app.MapGet("/cached", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=60";
            return "cacheable";
        });

    private async Task<BrowserSession> OpenWithCookieAsync(KestrelSite api)
    {
        var session = await NewSessionAsync();
        await session.AddCookieAsync(api.Origin, "session", "s3cr3t");
        return session;
    }

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : BrokenServerTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : BrokenServerTests(browser);
}
