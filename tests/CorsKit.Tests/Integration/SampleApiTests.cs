using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CorsKit.Tests.Integration;

/// <summary>The sample API, hosted as-is: what its README section promises is what it does.</summary>
public sealed class SampleApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Preflight_for_put_from_the_app_origin_is_answered_by_the_middleware()
    {
        using var response = await _client.SendAsync(CorsRequests.Preflight("/api/todos/1", "https://app.example.com", "PUT", "content-type,x-request-id"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Header("Access-Control-Allow-Origin").Should().Be("https://app.example.com");
        response.Header("Access-Control-Allow-Credentials").Should().Be("true");
        response.Header("Access-Control-Allow-Methods").Should().Be("GET, PUT, DELETE");
        response.Header("Access-Control-Allow-Headers").Should().Be("content-type, x-request-id");
        response.Header("Access-Control-Max-Age").Should().Be("600");
        response.HeaderList("Vary").Should().Be("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    }

    [Fact]
    public async Task Actual_request_from_a_subdomain_is_allowed_and_exposes_the_total_count()
    {
        using var response = await _client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/api/todos", "https://a.b.example.com"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Header("Access-Control-Allow-Origin").Should().Be("https://a.b.example.com");
        response.Header("Access-Control-Expose-Headers").Should().Be("X-Total-Count");
        response.HeaderList("Vary").Should().Be("Origin");
    }
}
