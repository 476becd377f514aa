using CorsKit.BrowserTests.Infrastructure;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// Two allowed origins of the same site fetch one cacheable URL in turn. The browser's HTTP cache is shared between
/// them (same site, same partition), so the second fetch gets its own, correct answer only if the first response said
/// <c>Vary: Origin</c>; otherwise the cache replays an <c>Access-Control-Allow-Origin</c> made for the first origin.
/// </summary>
internal static class SharedCacheScenario
{
    public const string FirstHost = "app.example.test";
    public const string SecondHost = "a.b.example.test";

    /// <summary>Both fetches are readable, and each was answered by the server for its own origin.</summary>
    public static async Task AssertEachOriginGetsItsOwnAnswerAsync(BrowserSession session, KestrelSite page, KestrelSite api, string path)
    {
        var first = page.OriginFor(FirstHost);
        var second = page.OriginFor(SecondHost);

        await session.GoToAsync(first + "/");
        var firstOutcome = await session.FetchAsync(api.Url(path));
        await session.GoToAsync(second + "/");
        var secondOutcome = await session.FetchAsync(api.Url(path));

        firstOutcome.ShouldBeReadable();
        secondOutcome.ShouldBeReadable();
        var requests = api.Log.Actual(path);
        requests.Select(r => r.Origin).Should().Equal([first, second], "the cached answer for the first origin must not be reused for the second");
        requests.Select(r => r.ResponseHeader("Access-Control-Allow-Origin")).Should().Equal(first, second);
        requests.Should().AllSatisfy(r => r.ResponseHeader("Vary").Should().Contain("Origin"));
    }
}
