using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// Scenario 12: an endpoint-level policy overrides the app-wide one (including the preflight of an endpoint mapped only
/// for PUT, which CorsKit answers without running the endpoint), and a CORS-disabled endpoint gets no CORS headers.
/// </summary>
public abstract class EndpointPolicyTests(IBrowserEngine browser) : BrowserTest(browser)
{
    private const string PartnerHost = "partner.example.test";

    [BrowserFact]
    public async Task Endpoint_policy_and_disabled_endpoints_behave_as_configured()
    {
        await using var page = await KestrelSite.StartPageAsync();
        var partnerOrigin = page.OriginFor(PartnerHost);
        var handlerRuns = new EndpointCounter();
        await using var api = await KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).WithMethods("PUT")),
            app =>
            {
                app.MapPut("/default", () => handlerRuns.Ran("default"));
                app.MapPut("/partner", () => handlerRuns.Ran("partner")).RequireCorsKit(p => p.WithOrigins(partnerOrigin).WithMethods("PUT"));
                app.MapPost("/internal", () => handlerRuns.Ran("internal")).DisableCorsKit();
                app.MapPut("/internal-put", () => handlerRuns.Ran("internal-put")).DisableCorsKit();
            });
        await using var session = await NewSessionAsync();
        var put = new FetchInit { Method = "PUT" };

        // From the partner page: the endpoint's own policy allows it, the app-wide one would not.
        await session.GoToAsync(partnerOrigin + "/");
        var partnerCall = await session.FetchAsync(api.Url("/partner"), put);
        partnerCall.ShouldBeReadable();
        partnerCall.Body.Should().Be("partner ran");
        var partnerPreflight = api.Log.Preflights("/partner").Should().ContainSingle().Subject;
        partnerPreflight.Status.Should().Be(204);
        partnerPreflight.ResponseHeader("Access-Control-Allow-Origin").Should().Be(partnerOrigin);
        api.Log.Actual("/partner").Should().ContainSingle().Which.Origin.Should().Be(partnerOrigin);

        // From the app page: the app-wide policy applies to /default, but /partner's own policy refuses it.
        await session.GoToAsync(page.Url("/"));
        (await session.FetchAsync(api.Url("/default"), put)).ShouldBeReadable();
        (await session.FetchAsync(api.Url("/partner"), put)).ShouldBeBlocked();
        api.Log.Preflights("/partner").Should().HaveCount(2);
        api.Log.Preflights("/partner")[1].ResponseHeader("Access-Control-Allow-Origin").Should().BeNull();
        api.Log.Actual("/partner").Should().ContainSingle("the refused PUT is never sent");
        await session.ShouldHaveLoggedAsync(RefusalCatalog.OriginNotAllowed, api.Url("/partner"), Expect(
            chromium: "Response to preflight request doesn't pass access control check",
            firefox: "Status code: 204."));

        // CORS disabled: the simple POST runs on the server but script cannot read it...
        var internalPost = await session.FetchAsync(api.Url("/internal"), new FetchInit { Method = "POST", Body = "x" });
        internalPost.ShouldBeBlocked();
        var internalRequest = api.Log.Actual("/internal").Should().ContainSingle().Subject;
        internalRequest.Status.Should().Be(200);
        internalRequest.CorsResponseHeaders.Should().BeEmpty();

        // ...and the preflight of a PUT-only disabled endpoint is refused without running its handler.
        (await session.FetchAsync(api.Url("/internal-put"), put)).ShouldBeBlocked();
        var disabledPreflight = api.Log.Preflights("/internal-put").Should().ContainSingle().Subject;
        disabledPreflight.CorsResponseHeaders.Should().BeEmpty();
        api.Log.Actual("/internal-put").Should().BeEmpty();

        handlerRuns.Runs.Should().Equal("partner", "default", "internal");
    }

    private sealed class EndpointCounter
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _runs = new();

        public IReadOnlyList<string> Runs => [.. _runs];

        public string Ran(string name)
        {
            _runs.Enqueue(name);
            return name + " ran";
        }
    }

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : EndpointPolicyTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : EndpointPolicyTests(browser);
}
