using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// Scenarios 7 and 11: wildcard-subdomain and wildcard-port origins are accepted, look-alike hosts are not, and the
/// opaque origin of a sandboxed iframe (<c>Origin: null</c>) is refused unless <c>null</c> is listed.
/// </summary>
public abstract class OriginMatchingTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Wildcard_subdomain_and_wildcard_port_origins_are_accepted_and_look_alikes_refused()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var otherPortPage = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins($"http://*.b.example.test:{page.Port}", "http://app.example.test:*")),
            app => app.MapGet("/data/{n:int}", (int n) => $"data {n}"));
        await using var session = await NewSessionAsync();

        var cases = new (string PageOrigin, bool Allowed, string Why)[]
        {
            (page.OriginFor("a.b.example.test"), true, "a subdomain of b.example.test"),
            (page.OriginFor("x.a.b.example.test"), true, "a subdomain at any depth"),
            (page.OriginFor(AppHost), true, "app.example.test on any port"),
            (otherPortPage.OriginFor(AppHost), true, "app.example.test on another port"),
            (page.OriginFor("b.example.test"), false, "the wildcard needs a label: *.b.example.test is not b.example.test"),
            (page.OriginFor("ab.example.test"), false, "a suffix look-alike: labels must match whole"),
            (page.OriginFor("app.example.test.b.example.test"), true, "a real subdomain of b.example.test, however it reads"),
            (page.OriginFor("xapp.example.test"), false, "a prefix look-alike of app.example.test"),
            (page.OriginFor(EvilHost), false, "not listed"),
        };

        for (var i = 0; i < cases.Length; i++)
        {
            var (pageOrigin, allowed, why) = cases[i];
            await session.GoToAsync(pageOrigin + "/");
            var path = $"/data/{i}";

            var outcome = await session.FetchAsync(api.Url(path));

            var request = api.Log.Actual(path).Should().ContainSingle($"{pageOrigin} sends a simple GET ({why})").Subject;
            request.Origin.Should().Be(pageOrigin);
            if (allowed)
            {
                outcome.ShouldBeReadable();
                outcome.Body.Should().Be($"data {i}");
                request.ResponseHeader("Access-Control-Allow-Origin").Should().Be(pageOrigin, why);
            }
            else
            {
                outcome.ShouldBeBlocked();
                request.ResponseHeader("Access-Control-Allow-Origin").Should().BeNull(why);
            }
        }
    }

    [BrowserFact]
    public async Task A_sandboxed_iframe_is_refused_unless_null_is_configured()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartApiAsync(ApiHost,
            cors =>
            {
                cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin));
                cors.AddPolicy("sandbox", p => p.WithOrigins(page.Origin, "null"));
            },
            app =>
            {
                app.MapGet("/default", () => "default policy");
                app.MapGet("/sandbox", () => "null allowed").RequireCorsKit("sandbox");
            });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/sandboxed"));
        var frame = await session.ChildFrameAsync("sandboxed");

        var refused = await session.FetchInFrameAsync(frame, api.Url("/default"));
        var allowed = await session.FetchInFrameAsync(frame, api.Url("/sandbox"));

        refused.ShouldBeBlocked();
        var refusedRequest = api.Log.Actual("/default").Should().ContainSingle().Subject;
        refusedRequest.Origin.Should().Be("null", "a sandboxed frame has an opaque origin");
        refusedRequest.ResponseHeader("Access-Control-Allow-Origin").Should().BeNull();
        await session.ShouldHaveLoggedAsync(RefusalCatalog.OriginNotAllowed, api.Url("/default"), Expect(
            chromium: "from origin 'null'",
            firefox: "Status code: 200."));

        allowed.ShouldBeReadable();
        allowed.Body.Should().Be("null allowed");
        var allowedRequest = api.Log.Actual("/sandbox").Should().ContainSingle().Subject;
        allowedRequest.Origin.Should().Be("null");
        allowedRequest.ResponseHeader("Access-Control-Allow-Origin").Should().Be("null");
    }

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : OriginMatchingTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : OriginMatchingTests(browser);
}
