using System.Net;
using System.Text.RegularExpressions;

namespace CorsKit.AotTests;

/// <summary>
/// The Development endpoint report in the Native AOT binary: listed and resolved without reflection, logged once at
/// startup in Development, served by <c>MapCorsKitReport()</c>, and absent in Production.
/// </summary>
[Collection(AotConsumerTestGroup.Name)]
public sealed class NativeEndpointReportTests(AotConsumerFixture fixture)
{
    private const string ReportPath = "/_corskit/report";

    [Fact]
    public async Task In_Development_the_native_app_logs_the_report_once_and_serves_it()
    {
        await using var app = await NativeApp.StartAsync(fixture.Detailed.ExecutablePath, fixture.Detailed.OutputDirectory, "Development",
            "--Logging:LogLevel:CorsKit=Information");

        using var page = await app.Client.GetAsync(new Uri(ReportPath, UriKind.Relative));
        using var again = await app.Client.GetAsync(new Uri(ReportPath, UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await page.Content.ReadAsStringAsync();
        text.Should().Contain("UseCorsKit() is in the pipeline. An ICorsKitPolicyProvider is registered")
            .And.Contain("PUT /api/items/{id:int}: default policy (app-wide); preflight reaches CorsKit")
            .And.Contain("PATCH /partners/orders/{id:int}: policy 'partners' (endpoint)")
            .And.Contain("GET /health: CORS disabled");
        Regex.Count(app.Output, @"CorsKit\[40\]").Should().Be(1, "the report is logged once, at startup: " + app.Output);
    }

    [Fact]
    public async Task In_Production_the_report_page_answers_404_and_nothing_is_logged()
    {
        var app = await fixture.GetRunningAppAsync();

        using var page = await app.Client.GetAsync(new Uri(ReportPath, UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        app.Output.Should().NotContain("CorsKit[40]");
    }
}
