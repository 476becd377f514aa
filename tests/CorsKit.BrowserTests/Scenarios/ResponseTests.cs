using CorsKit.BrowserTests.Infrastructure;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>Scenarios 9 and 10: server errors stay readable cross-origin, and same-origin requests need no CORS.</summary>
public abstract class ResponseTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_500_from_the_API_is_readable_cross_origin_with_its_status_and_body()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin)),
            app =>
            {
                app.MapGet("/throws", IResult () => throw new InvalidOperationException("boom"));
                app.MapGet("/problem", () => Results.Problem("the database is down", statusCode: 500));
            });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var thrown = await session.FetchAsync(api.Url("/throws"));
        var problem = await session.FetchAsync(api.Url("/problem"));

        thrown.ShouldBeReadable(500);
        thrown.Body.Should().Contain("\"status\":500", "the exception handler's problem details reach script");
        thrown.Headers.Should().ContainKey("content-type").WhoseValue.Should().Contain("application/problem+json");
        problem.ShouldBeReadable(500);
        problem.Body.Should().Contain("the database is down");
        foreach (var path in new[] { "/throws", "/problem" })
        {
            var request = api.Log.Actual(path).Should().ContainSingle().Subject;
            request.Status.Should().Be(500);
            request.ResponseHeader("Access-Control-Allow-Origin").Should().Be(page.Origin, "error responses need CORS headers too");
        }
    }

    [BrowserFact]
    public async Task Same_origin_requests_work_without_any_CORS_header()
    {
        // The page's own server runs CorsKit with a policy that does not list the page's origin.
        await using var site = await KestrelSite.StartApiAsync(AppHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://elsewhere.example.test")),
            app =>
            {
                KestrelSite.MapPages(app);
                app.MapGet("/same/read", () => "read ok");
                app.MapPut("/same/write", () => "write ok");
            });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(site.Url("/"));

        var read = await session.FetchAsync(site.Url("/same/read"));
        var write = await session.FetchAsync(site.Url("/same/write"), new FetchInit
        {
            Method = "PUT",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-Custom"] = "1" },
            Body = "{}",
        });

        read.ShouldBeReadable();
        read.Body.Should().Be("read ok");
        write.ShouldBeReadable();
        write.Body.Should().Be("write ok");
        site.Log.All.Should().NotContain(r => r.IsPreflight, "same-origin requests are never preflighted");
        var getRequest = site.Log.Actual("/same/read").Should().ContainSingle().Subject;
        getRequest.Origin.Should().BeNull("browsers send no Origin on a same-origin GET");
        var putRequest = site.Log.Actual("/same/write").Should().ContainSingle().Subject;
        putRequest.Origin.Should().Be(site.Origin, "browsers send Origin on a same-origin PUT");
        putRequest.Header("X-Custom").Should().Be("1");
        putRequest.CorsResponseHeaders.Should().BeEmpty();
        getRequest.CorsResponseHeaders.Should().BeEmpty();
    }

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : ResponseTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : ResponseTests(browser);
}
