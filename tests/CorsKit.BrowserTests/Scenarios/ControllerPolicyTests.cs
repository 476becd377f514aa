using CorsKit.BrowserTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// Scenario 12 for MVC: <c>[EnableCorsKit("name")]</c> and <c>[DisableCorsKit]</c> on controller actions, including
/// the preflight of an action that accepts only PUT.
/// </summary>
public abstract class ControllerPolicyTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Controller_attributes_select_the_policy_and_preflights_reach_PUT_only_actions()
    {
        await using var page = await KestrelSite.StartPageAsync();
        var partnerOrigin = page.OriginFor("partner.example.test");
        await using var api = await KestrelSite.StartAsync(ApiHost, builder =>
        {
            builder.Services.AddControllers().AddApplicationPart(typeof(ControllerPolicyTests).Assembly);
            builder.Services.AddCorsKit(cors =>
            {
                cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).WithMethods("PUT"));
                cors.AddPolicy("partners", p => p.WithOrigins(partnerOrigin).WithMethods("PUT"));
            });
        }, app =>
        {
            app.UseCorsKit();
            app.MapControllers();
        });
        await using var session = await NewSessionAsync();
        var put = new FetchInit { Method = "PUT" };

        await session.GoToAsync(partnerOrigin + "/");
        var partner = await session.FetchAsync(api.Url("/orders/partner"), put);
        var partnerToDefault = await session.FetchAsync(api.Url("/orders/default"), put);

        await session.GoToAsync(page.Url("/"));
        var app = await session.FetchAsync(api.Url("/orders/default"), put);
        var appToPartner = await session.FetchAsync(api.Url("/orders/partner"), put);
        var appToInternal = await session.FetchAsync(api.Url("/orders/internal"), put);

        partner.ShouldBeReadable();
        partner.Body.Should().Be("partner order saved");
        app.ShouldBeReadable();
        app.Body.Should().Be("default order saved");
        partnerToDefault.ShouldBeBlocked();
        appToPartner.ShouldBeBlocked();
        appToInternal.ShouldBeBlocked();

        var partnerPreflights = api.Log.Preflights("/orders/partner");
        partnerPreflights.Should().HaveCount(2);
        partnerPreflights[0].ResponseHeader("Access-Control-Allow-Origin").Should().Be(partnerOrigin, "[EnableCorsKit(\"partners\")] applies");
        partnerPreflights[1].CorsResponseHeaders.Should().BeEmpty("the action's policy does not list the app's origin");
        api.Log.Actual("/orders/partner").Should().ContainSingle().Which.Origin.Should().Be(partnerOrigin);
        api.Log.Actual("/orders/default").Should().ContainSingle().Which.Origin.Should().Be(page.Origin);
        api.Log.Preflights("/orders/internal").Should().ContainSingle().Which.CorsResponseHeaders.Should().BeEmpty();
        api.Log.Actual("/orders/internal").Should().BeEmpty("[DisableCorsKit]: the preflight is refused and the PUT never sent");
    }

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : ControllerPolicyTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : ControllerPolicyTests(browser);
}

/// <summary>An MVC controller for <see cref="ControllerPolicyTests"/>.</summary>
[ApiController]
[Route("orders")]
public sealed class OrdersController : ControllerBase
{
    [HttpPut("default")]
    public string SaveDefault() => "default order saved";

    [HttpPut("partner")]
    [EnableCorsKit("partners")]
    public string SavePartner() => "partner order saved";

    [HttpPut("internal")]
    [DisableCorsKit]
    public string SaveInternal() => "internal order saved";
}
