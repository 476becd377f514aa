using System.Net;
using CorsKit.Samples.BrowserDemo;

namespace CorsKit.BrowserTests;

/// <summary>
/// The demo's page before and after its API listens, over real HTTP (no browser needed): while the API is starting the
/// page answers 503 with a retry hint, never 500; once connected it serves the demo.
/// </summary>
public sealed class BrowserDemoPageTests
{
    [Fact]
    public async Task The_page_answers_503_with_a_retry_hint_until_the_API_is_connected_then_serves_the_demo()
    {
        await using var page = await DemoPageHost.StartAsync(port: 0);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(page.PageOrigin.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)) };

        using var starting = await client.GetAsync(new Uri("/", UriKind.Relative));

        starting.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        starting.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(DemoPageHost.RetryAfterSeconds));
        starting.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await starting.Content.ReadAsStringAsync()).Should().Contain("The demo API is still starting").And.Contain("http-equiv=\"refresh\"");
        page.ApiOrigin.Should().BeNull();

        page.ConnectApi("http://127.0.0.1:5291");
        using var ready = await client.GetAsync(new Uri("/", UriKind.Relative));

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("const api = \"http://127.0.0.1:5291\"");
    }

    [Fact]
    public async Task The_started_demo_serves_its_page_pointing_at_the_API()
    {
        await using var demo = await DemoServers.StartAsync(pagePort: 0, apiPort: 0);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(demo.PageOrigin.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)) };

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"const api = \"{demo.ApiOrigin}\"");
    }
}
