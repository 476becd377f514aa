using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// The refused-origin scenario as a reusable check, so the broken-server tests can show that the same assertions fail
/// against a server that gets CORS wrong.
/// </summary>
internal static class RefusedOriginScenario
{
    /// <summary>
    /// From <c>evil.example.test</c>, a simple GET to <paramref name="path"/> reaches the server (simple requests are not
    /// preflighted) but the browser hides the response: a TypeError, and nothing readable.
    /// </summary>
    public static async Task AssertBlockedAsync(BrowserSession session, KestrelSite page, KestrelSite api, string path)
    {
        var evilOrigin = page.OriginFor("evil.example.test");
        await session.GoToAsync(evilOrigin + "/");

        var outcome = await session.FetchAsync(api.Url(path));

        outcome.ShouldBeBlocked();
        api.Log.Preflights(path).Should().BeEmpty();
        var request = api.Log.Actual(path).Should().ContainSingle("the browser sends a simple request without asking first").Subject;
        request.Origin.Should().Be(evilOrigin);
        request.Status.Should().Be(200, "the server ran the request; only the browser protects the response");
        request.CorsResponseHeaders.Should().BeEmpty("a refused origin gets no Access-Control-* header");
        request.ResponseHeader("Vary").Should().Contain("Origin");
        await session.ShouldHaveLoggedAsync(RefusalCatalog.OriginNotAllowed, api.Url(path));
    }
}
