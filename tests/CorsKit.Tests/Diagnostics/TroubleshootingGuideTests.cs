using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CorsKit.Tests.Diagnostics.Guide;
using CorsKit.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.Tests.Diagnostics;

/// <summary>
/// docs/troubleshooting.md against <see cref="RefusalCatalog"/>: every entry quotes both engines' console texts, the
/// CorsKit event and the fix the catalog holds; and one test per entry provokes the situation behind the console error
/// and asserts the CorsKit log event the catalog names.
/// </summary>
public sealed class TroubleshootingGuideTests
{
    private const string App = "https://app.example.com";

    public static TheoryData<string> Entries => [.. RefusalCatalog.All.Select(k => k.Heading)];

    [Theory]
    [MemberData(nameof(Entries))]
    public void The_guide_entry_quotes_both_browsers_verbatim_with_the_event_and_the_fix(string heading)
    {
        var kind = RefusalCatalog.All.Single(k => k.Heading == heading);

        var section = GuideSection(heading);

        kind.Chromium.Should().NotBeEmpty();
        kind.Firefox.Should().NotBeEmpty();
        foreach (var template in kind.AllTemplates)
        {
            section.Should().Contain(template.Text, "the guide quotes each console text verbatim, so a search for it finds the entry");
        }

        section.Should().Contain($"**Event:** {kind.Event}");
        section.Should().Contain($"**Fix:** {kind.Fix}");
        foreach (var name in kind.EventNames)
        {
            kind.Event.Should().Contain($"`{name}`");
        }
    }

    [Fact]
    public void The_guide_has_a_summary_row_and_an_entry_for_each_catalog_kind_and_nothing_else()
    {
        var guide = Guide();
        var headings = guide.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();

        headings.Should().StartWith(RefusalCatalog.All.Select(k => k.Heading), "every entry comes from the catalog, in its order");
        foreach (var kind in RefusalCatalog.All)
        {
            guide.Split('\n').Should().Contain(l => l.StartsWith("| ", StringComparison.Ordinal) && l.EndsWith($" | {kind.Event} |", StringComparison.Ordinal),
                "the summary table lists '{0}'", kind.Heading);
        }
    }

    [Fact]
    public void Templates_match_the_messages_browsers_print_and_nothing_else()
    {
        var missing = RefusalCatalog.OriginNotAllowed.Firefox[0];
        var wildcard = RefusalCatalog.WildcardWithCredentials.Firefox[0];
        var method = RefusalCatalog.MethodNotAllowed.Chromium[0];

        missing.Matches("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://api.example.test:41234/data. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.").Should().BeTrue();
        missing.Matches("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://api.example.test:41234/data. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).").Should().BeFalse();
        wildcard.Matches("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘http://api.example.test:41234/me’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).").Should().BeTrue();
        method.Matches("Access to fetch at 'http://api.example.test:1/items' from origin 'http://app.example.test:2' has been blocked by CORS policy: Method patch is not allowed by Access-Control-Allow-Methods in preflight response.").Should().BeTrue();
        method.Matches("Method patch is not allowed by Access-Control-Allow-Methods in preflight response.").Should().BeFalse();
        RefusalCatalog.All.SelectMany(k => k.AllTemplates).Select(t => t.Text).Should().OnlyHaveUniqueItems();
    }

    private static Task<TestHost> Start(Action<CorsKitOptions> cors, Action<WebApplication>? before = null, Action<WebApplication>? endpoints = null) =>
        TestApp.StartAsync(cors, app =>
        {
            before?.Invoke(app);
            app.UseCorsKit();
            app.MapGet("/data", () => "data");
            app.MapPut("/data", () => "put");
            endpoints?.Invoke(app);
        });

    [Fact]
    public async Task No_allow_origin_header_comes_with_event_6_or_2()
    {
        await using var app = await Start(c => c.AddDefaultPolicy(p => p.WithOrigins(App)));

        using var actual = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/data", "https://other.example.com"));
        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/data", "https://other.example.com", "PUT"));

        actual.Header("Access-Control-Allow-Origin").Should().BeNull();
        preflight.Header("Access-Control-Allow-Origin").Should().BeNull();
        app.Logs.From("CorsKit").Select(e => e.Id.Name).Should().Contain(RefusalCatalog.OriginNotAllowed.EventNames);
    }

    [Fact]
    public async Task Allow_origin_not_equal_to_the_origin_comes_with_event_7()
    {
        await using var app = await Start(
            c => c.AddDefaultPolicy(p => p.WithOrigins(App)),
            endpoints: a => a.MapGet("/legacy", (Microsoft.AspNetCore.Http.HttpContext ctx) =>
            {
                ctx.Response.Headers.AccessControlAllowOrigin = "https://old-frontend.example.com";
                return "legacy";
            }));

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/legacy", App));

        response.Header("Access-Control-Allow-Origin").Should().Be("https://old-frontend.example.com");
        app.Logs.From("CorsKit").Select(e => e.Id.Name).Should().Contain(RefusalCatalog.AllowOriginMismatch.EventNames);
    }

    [Fact]
    public void Wildcard_with_credentials_is_refused_at_startup()
    {
        var act = () => new CorsKitOptions().AddDefaultPolicy(p => p.AllowAnyOrigin().AllowCredentials());

        act.Should().Throw<CorsKitConfigurationException>().WithMessage("*AllowAnyOrigin() cannot be combined with AllowCredentials()*");
    }

    [Fact]
    public async Task Credentials_flag_missing_comes_with_event_5_and_no_allow_credentials()
    {
        await using var app = await Start(c => c.AddDefaultPolicy(p => p.WithOrigins(App)));

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/data", App));

        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        response.Header("Access-Control-Allow-Credentials").Should().BeNull();
        app.Logs.From("CorsKit").Select(e => e.Id.Name).Should().Contain(RefusalCatalog.CredentialsNotAllowed.EventNames);
    }

    [Fact]
    public async Task Method_not_allowed_comes_with_event_3()
    {
        await using var app = await Start(c => c.AddDefaultPolicy(p => p.WithOrigins(App)));

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/data", App, "PUT"));

        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == RefusalCatalog.MethodNotAllowed.EventNames[0] && e.Message.Contains("\"PUT\""));
    }

    [Fact]
    public async Task Header_not_allowed_comes_with_event_4()
    {
        await using var app = await Start(c => c.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT")));

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/data", App, "PUT", "x-custom"));

        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == RefusalCatalog.HeaderNotAllowed.EventNames[0] && e.Message.Contains("\"x-custom\""));
    }

    [Fact]
    public async Task Preflight_without_ok_status_comes_with_event_12_at_startup()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddAuthentication(AnonymousOnlyHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, AnonymousOnlyHandler>(AnonymousOnlyHandler.SchemeName, null);
                builder.Services.AddAuthorization();
                builder.Services.AddCorsKit(c => c.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT")));
            },
            a =>
            {
                a.UseAuthentication();
                a.UseAuthorization();
                a.UseCorsKit();
                a.MapMethods("/secure", ["PUT", "OPTIONS"], () => "secure").RequireAuthorization();
            });

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/secure", App, "PUT"));

        // Authorization runs first and refuses the credential-less preflight before CorsKit can answer it.
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Header("Access-Control-Allow-Origin").Should().BeNull();
        app.Logs.From("CorsKit").Select(e => e.Id.Name).Should().Contain(RefusalCatalog.PreflightNotOk.EventNames);
        app.Logs.From("CorsKit").Should().NotContain(e => e.Id.Name == "PreflightAllowed");
    }

    [Fact]
    public async Task Redirect_on_preflight_is_named_by_the_sentinel()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.Configure<HttpsRedirectionOptions>(o => o.HttpsPort = 443);
                builder.Services.AddCorsKit(c => c.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT")));
            },
            a =>
            {
                a.UseHttpsRedirection();
                a.UseCorsKit();
                a.MapPut("/data", () => "put");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/data", App, "PUT"));

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        app.Logs.From("CorsKit").Select(e => e.Id.Name).Should().Contain(RefusalCatalog.PreflightRedirected.EventNames);
    }

    private static string Guide()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "docs", "troubleshooting.md");
            if (File.Exists(path))
            {
                return File.ReadAllText(path).ReplaceLineEndings("\n");
            }
        }

        throw new InvalidOperationException("docs/troubleshooting.md not found above " + AppContext.BaseDirectory);
    }

    // The entry's text: from its heading to the next heading.
    private static string GuideSection(string heading)
    {
        var guide = Guide();
        var start = guide.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the guide has an entry headed '{0}'", heading);
        var end = guide.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? guide[start..] : guide[start..end];
    }

    /// <summary>An authentication scheme that never authenticates anyone, as with a preflight (no credentials).</summary>
    private sealed class AnonymousOnlyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "AnonymousOnly";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
