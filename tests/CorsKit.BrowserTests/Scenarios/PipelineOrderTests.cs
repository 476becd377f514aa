using System.Text.Encodings.Web;
using CorsKit.BrowserTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using CorsKit.Tests.Diagnostics.Guide;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// A middleware ahead of <c>UseCorsKit()</c> that answers the preflight itself: <c>UseHttpsRedirection()</c>, which
/// redirects it (browsers never follow a preflight's redirect), or authorization, which refuses it (a preflight carries
/// no credentials). CorsKit never sees the preflight, and the console says so in each engine's words.
/// </summary>
public abstract class PipelineOrderTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_preflight_redirected_before_CorsKit_is_refused_and_the_actual_request_never_sent()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartAsync(ApiHost, builder =>
        {
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).WithMethods("PUT")));
        }, app =>
        {
            app.UseHttpsRedirection();
            app.UseCorsKit();
            app.MapPut("/items/1", () => "saved");
        });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/items/1"), new FetchInit { Method = "PUT" });

        outcome.ShouldBeBlocked();
        var preflight = api.Log.Preflights("/items/1").Should().ContainSingle().Subject;
        preflight.Status.Should().Be(307);
        preflight.ResponseHeader("Location").Should().StartWith("https://api.example.test/");
        preflight.CorsResponseHeaders.Should().BeEmpty("CorsKit never saw the preflight");
        api.Log.Actual("/items/1").Should().BeEmpty();
        await session.ShouldHaveLoggedAsync(RefusalCatalog.PreflightRedirected, api.Url("/items/1"));
    }

    [BrowserFact]
    public async Task A_preflight_refused_by_authorization_before_CorsKit_reads_as_a_missing_allow_origin_header()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartAsync(ApiHost, builder =>
        {
            builder.Services.AddAuthentication(NoCredentialsHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, NoCredentialsHandler>(NoCredentialsHandler.SchemeName, null);
            builder.Services.AddAuthorization();
            builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).WithMethods("PUT")));
        }, app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseCorsKit();
            app.MapMethods("/items/1", ["PUT", "OPTIONS"], () => "saved").RequireAuthorization();
        });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/items/1"), new FetchInit { Method = "PUT" });

        outcome.ShouldBeBlocked();
        var preflight = api.Log.Preflights("/items/1").Should().ContainSingle().Subject;
        preflight.Status.Should().Be(401, "a preflight carries no credentials, so authorization refuses it");
        preflight.CorsResponseHeaders.Should().BeEmpty("CorsKit never saw the preflight");
        api.Log.Actual("/items/1").Should().BeEmpty();

        // Both engines check Access-Control-Allow-Origin before the status, so this is not "HTTP ok status".
        await session.ShouldHaveLoggedAsync(RefusalCatalog.OriginNotAllowed, api.Url("/items/1"), Expect(
            chromium: "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin'",
            firefox: "Status code: 401."));
    }

    [BrowserFact]
    public async Task Authorization_inserted_by_WebApplication_before_CorsKit_is_named_in_the_log()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartAsync(ApiHost, builder =>
        {
            builder.Services.AddAuthentication(NoCredentialsHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, NoCredentialsHandler>(NoCredentialsHandler.SchemeName, null);
            builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).WithMethods("PUT")));
        }, app =>
        {
            // No UseAuthentication()/UseAuthorization(): WebApplication inserts them ahead of everything here.
            app.UseCorsKit();
            app.MapPut("/items/1", () => "saved");
        });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/items/1"), new FetchInit { Method = "PUT" });

        outcome.ShouldBeBlocked();
        api.Log.Preflights("/items/1").Should().BeEmpty("the inserted authorization answered 401 ahead of the whole app, request log included");
        await session.ShouldHaveLoggedAsync(RefusalCatalog.OriginNotAllowed, api.Url("/items/1"), Expect(
            chromium: "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin'",
            firefox: "Status code: 401."));
        api.Logs.CorsKitEvents(CorsKitEvents.ImplicitAuthorizationBeforeCorsKit).Should().ContainSingle();
        api.Logs.CorsKitEvents(CorsKitEvents.PreflightRejectedBeforeCorsKit).Should().ContainSingle();
    }

    [BrowserFact]
    public async Task No_applicable_policy_is_named_in_the_log()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartAsync(ApiHost, builder =>
            builder.Services.AddCorsKit(cors => cors.AddPolicy("spa", p => p.WithOrigins(page.Origin).WithMethods("PUT"))),
            app =>
            {
                app.UseCorsKit();
                app.MapPut("/items/1", () => "saved");
            });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/items/1"), new FetchInit { Method = "PUT" });

        outcome.ShouldBeBlocked();
        api.Log.Preflights("/items/1").Should().ContainSingle().Which.Status.Should().Be(405);
        await session.ShouldHaveLoggedAsync(RefusalCatalog.OriginNotAllowed, api.Url("/items/1"), Expect(
            chromium: "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin'",
            firefox: "Status code: 405."));
        api.Logs.CorsKitEvents(CorsKitEvents.NoPolicyApplies).Should().ContainSingle();
        api.Logs.CorsKitEvents(CorsKitEvents.PreflightWithoutPolicy).Should().ContainSingle();
    }

    [BrowserFact]
    public async Task A_second_CORS_middleware_before_CorsKit_is_named_in_the_log()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartAsync(ApiHost, builder =>
        {
            // Left over from before the migration: Microsoft's middleware, with a policy that does not list the page.
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://old-frontend.example.test").AllowAnyMethod()));
            builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).WithMethods("PUT")));
        }, app =>
        {
            app.UseCors();
            app.UseCorsKit();
            app.MapPut("/items/1", () => "saved");
        });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/items/1"), new FetchInit { Method = "PUT" });

        outcome.ShouldBeBlocked();
        api.Log.Preflights("/items/1").Should().ContainSingle().Which.CorsResponseHeaders.Should().BeEmpty("Microsoft's middleware answered and refused");
        await session.ShouldHaveLoggedAsync(RefusalCatalog.OriginNotAllowed, api.Url("/items/1"), Expect(
            chromium: "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin'",
            firefox: "Status code: 204."));
        api.Logs.CorsKitEvents(CorsKitEvents.PreflightAnsweredBeforeCorsKit).Should().ContainSingle()
            .Which.Message.Should().Contain("app.UseCors()");
    }

    /// <summary>An authentication scheme that never authenticates anyone, as with a preflight (no credentials).</summary>
    private sealed class NoCredentialsHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "NoCredentials";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : PipelineOrderTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : PipelineOrderTests(browser);
}
